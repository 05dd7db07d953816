package dev.umhub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.ingest.Ingest;
import dev.umhub.pipeline.DeliveryPlanner;
import dev.umhub.rules.RuleEngine;
import dev.umhub.rules.RulesStatus;
import dev.umhub.store.Json;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.umhub.rules.dryrun.DryRun;
import dev.umhub.rules.dryrun.DryRunJobs;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** The running rules, and a dry evaluation of a payload against them. */
@UmhubAdminApi
@RequestMapping("/rules")
public class RulesController {

    private final RuleEngine rules;
    private final Ingest ingest;
    private final ObjectMapper json;
    private final DryRun dryRun;
    private final DryRunJobs dryRuns;

    public RulesController(RuleEngine rules, Ingest ingest, Json json, DryRun dryRun, DryRunJobs dryRuns) {
        this.rules = rules;
        this.ingest = ingest;
        this.json = json.mapper();
        this.dryRun = dryRun;
        this.dryRuns = dryRuns;
    }

    /**
     * Tries candidate rules on recorded events; nothing is stored, sent or made live. Body: {@code {"files":
     * {"<name>": "<text>"}, "replace": false, "events": {"last": 500}, "page": {"offset": 0, "limit": 100}}} (an
     * {@code .xlsx} file's text is its base64). Answers at once, or with {@code ?async=true} a job to follow at
     * {@code GET /api/rules/dry-run/{id}} (progress, then the answer). Candidates that do not compile: 400 with the
     * compiler's messages.
     */
    @PostMapping("/dry-run")
    public ResponseEntity<Map<String, Object>> dryRun(@RequestBody JsonNode body,
                                                      @RequestParam(defaultValue = "false") boolean async) {
        DryRun.Prepared prepared = dryRun.prepare(DryRunRequests.of(body));
        if (async) {
            return ResponseEntity.accepted().body(dryRuns.start(prepared).state());
        }
        return ResponseEntity.ok(prepared.run());
    }

    @GetMapping("/dry-run/{id}")
    public Map<String, Object> dryRunJob(@PathVariable String id) {
        return dryRuns.get(id).map(DryRunJobs.Job::state)
                .orElseThrow(() -> new AdminProblems.NotFound("no dry run " + id));
    }

    @GetMapping
    public RulesStatus status() {
        return rules.status();
    }

    /**
     * Body: {@code {"slug": "payment_received", "payload": {...}}} (optionally {@code "source"}). Answers the
     * normalised event, the rules that fire and each destination's request; nothing is stored or sent.
     */
    @PostMapping("/evaluate")
    public Map<String, Object> evaluate(@RequestBody JsonNode request) throws Exception {
        String slug = request.path("slug").asText(null);
        String source = request.path("source").asText(UltimateMultisiteAdapter.SOURCE);
        if (slug == null || !request.has("payload")) {
            throw new IllegalArgumentException("the body needs \"slug\" and \"payload\"");
        }
        DeliveryPlanner.Preview preview = ingest.evaluate(source, slug, json.writeValueAsBytes(request.get("payload")));
        Map<String, Object> out = new LinkedHashMap<>(json.convertValue(preview, Map.class));
        // every rule, not only those that fired here, that sends to a destination that does not exist
        out.put("rulesWithUnknownDestinations", rules.unknownDestinations());
        return out;
    }
}
