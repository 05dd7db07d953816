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
import org.springframework.web.bind.annotation.GetMapping;
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

    public RulesController(RuleEngine rules, Ingest ingest, Json json) {
        this.rules = rules;
        this.ingest = ingest;
        this.json = json.mapper();
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
