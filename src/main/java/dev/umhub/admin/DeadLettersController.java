package dev.umhub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.delivery.DeadLetters;
import dev.umhub.delivery.ReplayJobs;
import dev.umhub.delivery.ReplayMode;
import dev.umhub.store.DeadLetterFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Dead letters (deliveries that failed for good), their replay one by one or in bulk, and bulk replay progress. */
@UmhubAdminApi
public class DeadLettersController {

    private final DeadLetters deadLetters;
    private final ReplayJobs jobs;

    public DeadLettersController(DeadLetters deadLetters, ReplayJobs jobs) {
        this.deadLetters = deadLetters;
        this.jobs = jobs;
    }

    @GetMapping("/dead-letters")
    public List<Map<String, Object>> list(@RequestParam(required = false) String destination,
                                         @RequestParam(required = false) String eventType,
                                         @RequestParam(required = false) Instant from,
                                         @RequestParam(required = false) Instant to,
                                         @RequestParam(required = false) String errorClass,
                                         @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(new DeadLetterFilter(destination, eventType, from, to, errorClass), Limits.check(limit));
    }

    @GetMapping("/dead-letters/{id}")
    public Map<String, Object> one(@PathVariable String id) {
        return deadLetters.find(id).orElseThrow(() -> new AdminProblems.NotFound("no delivery " + id));
    }

    /** Sends one dead letter again now; {@code mode} is {@code as-decided} (default) or {@code re-evaluated}. */
    @PostMapping("/dead-letters/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> replay(@PathVariable String id, @RequestParam(required = false) String mode) {
        DeadLetters.Outcome outcome = deadLetters.replay(id, ReplayMode.of(mode));
        if (outcome == DeadLetters.Outcome.NOT_DEAD) {
            throw new AdminProblems.NotFound("no dead letter " + id);
        }
        return Map.of("outcome", outcome, "deadLetter", deadLetters.find(id).orElseThrow());
    }

    /**
     * Starts a bulk replay. Body (all optional): {@code destination}, {@code eventType}, {@code from}, {@code to}
     * (ISO instants), {@code errorClass}, {@code mode}. Answers the job; follow it at {@code /api/replays/{id}}.
     */
    @PostMapping("/dead-letters/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> replayAll(@RequestBody(required = false) JsonNode body) {
        JsonNode b = body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : body;
        DeadLetterFilter filter = new DeadLetterFilter(text(b, "destination"), text(b, "eventType"),
                instant(b, "from"), instant(b, "to"), text(b, "errorClass"));
        return jobs.start(filter, ReplayMode.of(text(b, "mode"))).progress();
    }

    @GetMapping("/replays")
    public List<Map<String, Object>> replays() {
        return jobs.all().stream().map(ReplayJobs.Job::progress).toList();
    }

    @GetMapping("/replays/{id}")
    public Map<String, Object> replayJob(@PathVariable String id) {
        return jobs.get(id).map(ReplayJobs.Job::progress).orElseThrow(() -> new AdminProblems.NotFound("no replay " + id));
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static Instant instant(JsonNode body, String field) {
        String t = text(body, field);
        try {
            return t == null ? null : Instant.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2026-11-28T10:00:00Z");
        }
    }
}
