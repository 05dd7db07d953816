package dev.umhub.admin;

import dev.umhub.pipeline.IntakeProcessor;
import dev.umhub.store.IntakeRecord;
import dev.umhub.store.IntakeStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The intake journal: how many acknowledged messages wait to be processed, which failed (with their error), and
 * processing them again once the cause (a rule, a bug) is fixed.
 */
@UmhubAdminApi
public class IntakeController {

    private final IntakeStore intake;
    private final IntakeProcessor processor;

    public IntakeController(IntakeStore intake, IntakeProcessor processor) {
        this.intake = intake;
        this.processor = processor;
    }

    @GetMapping("/intake")
    public Map<String, Object> overview(@RequestParam(defaultValue = "50") int limit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", intake.counts());
        out.put("sinceStart", processor.counters());
        out.put("failed", intake.inState(IntakeRecord.FAILED, Limits.check(limit)).stream()
                .map(IntakeController::summary).toList());
        return out;
    }

    /** Puts one failed message back in line. */
    @PostMapping("/intake/{id}/reprocess")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> reprocess(@PathVariable String id) {
        int n = intake.reprocess(id);
        if (n == 0) {
            throw new AdminProblems.NotFound("no failed message " + id);
        }
        processor.wake();
        return Map.of("reprocessing", n);
    }

    /** Puts every failed message back in line. */
    @PostMapping("/intake/reprocess")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> reprocessAll() {
        int n = intake.reprocess(null);
        processor.wake();
        return Map.of("reprocessing", n);
    }

    static Map<String, Object> summary(IntakeRecord m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("type", m.type());
        out.put("source", m.source());
        out.put("origin", m.origin());
        out.put("receivedAt", m.receivedAt());
        out.put("state", m.state());
        out.put("attempts", m.attempts());
        out.put("error", m.error());
        out.put("eventId", m.eventId());
        return out;
    }

}
