package dev.umhub.bench.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.bench.Column;
import dev.umhub.bench.UmhubProcess;
import java.util.Map;

/**
 * A rules dry run on what the load just recorded: the newest {@code events} events decided with the running rules and
 * with a candidate that adds 200 generated rules ({@link GeneratedRules}), as an operator trying a large rules change
 * would. Timed from the request to its answer; the target is under 30 s for 10,000 events.
 */
public final class DryRunBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DryRunBench() {
    }

    public static void measure(UmhubProcess umhub, int events, Column column) {
        try {
            String body = JSON.writeValueAsString(Map.of("files", Map.of("generated-200.drl", GeneratedRules.drl(200)),
                    "events", Map.of("last", events), "page", Map.of("limit", 10)));
            long started = System.nanoTime();
            var answer = umhub.adminPost("/api/rules/dry-run", body);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (answer.statusCode() != 200) {
                column.fail("rules dry run answered " + answer.statusCode() + ": " + answer.body());
                return;
            }
            JsonNode result = JSON.readTree(answer.body());
            int selected = result.path("selected").asInt();
            column.row("rules dry run (200 rules added)", String.format("%,d events in %.1f s, %,d changed",
                    selected, seconds, result.path("changed").asInt()));
            if (selected >= events) { // a shorter load recorded fewer: its time says nothing about the target
                column.figure("dry run s", seconds);
            }
        } catch (Exception e) {
            column.fail("rules dry run failed: " + e);
        }
    }
}
