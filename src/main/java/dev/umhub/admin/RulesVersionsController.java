package dev.umhub.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.rules.RuleEngine;
import dev.umhub.rules.RulesHistory;
import dev.umhub.rules.RulesStatus;
import dev.umhub.store.Json;
import dev.umhub.store.RulesVersionStore;
import dev.umhub.web.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The history of the rules versions that ran, and rollback to one of them. A version is named by its {@code id}
 * (stable across restarts and instances); its fingerprint or the version name {@code GET /api/rules} showed
 * ({@code 3-ab12cd34}) are accepted too. Separate from {@link RulesController} so the two change independently.
 */
@UmhubAdminApi
@RequestMapping("/rules/versions")
public class RulesVersionsController {

    private final RulesHistory history;
    private final RuleEngine rules;
    private final ObjectMapper json;

    public RulesVersionsController(RulesHistory history, RuleEngine rules, Json json) {
        this.history = history;
        this.rules = rules;
        this.json = json.mapper();
    }

    /** The kept versions, newest first, each with {@code running} true for the one that runs now. */
    @GetMapping
    public List<Map<String, Object>> list(@RequestParam(defaultValue = "100") int limit) {
        List<RulesVersionStore.Summary> versions = history.list(Limits.check(limit));
        RulesStatus status = rules.status();
        return versions.stream().map(v -> {
            Map<String, Object> out = asMap(v);
            out.put("running", history.isRunning(v, status));
            return out;
        }).toList();
    }

    /**
     * Writes the version's files back to the rules folder and reloads: answers the rules status with
     * {@code activated} (the id), 404 for an unknown version, 409 when its files are refused now (the folder's
     * previous files are back, the running rules unchanged; {@code messages} says why).
     */
    @PostMapping("/{id}/activate")
    public ResponseEntity<Object> activate(@PathVariable String id) {
        // a folder that cannot be written: 409 (AdminProblems), nothing activated
        RulesHistory.Activation activation = history.activate(id)
                .orElseThrow(() -> new AdminProblems.NotFound("no rules version " + id));
        long activated = activation.version().id();
        if (!activation.accepted()) {
            ProblemDetail p = Problems.of(409, "Rules version refused", "Rules version " + activated + " ("
                    + activation.version().version() + ") is refused now (see messages: a compile error, or a scenario"
                    + " test it fails); the rules folder has its previous files back and version "
                    + activation.status().version() + " runs.");
            p.setProperty("messages", json.valueToTree(activation.messages()));
            return AdminProblems.problem(p);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("activated", activated);
        out.putAll(asMap(activation.status()));
        return ResponseEntity.ok(out);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object value) {
        return new LinkedHashMap<>(json.convertValue(value, Map.class));
    }
}
