package dev.umhub.ultimatemultisite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.admin.UmhubAdminApi;
import dev.umhub.store.LifecycleStateStore;
import dev.umhub.store.IntakeStore;
import dev.umhub.store.SourceStateStore;
import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import dev.umhub.ultimatemultisite.platform.PlatformRestProperties;
import dev.umhub.ultimatemultisite.subscribe.WebhookSubscriber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sources umhub reads and how they are doing; the helper that subscribes the platform's webhooks. */
@UmhubAdminApi
@RequestMapping("/sources")
public class SourcesController {

    private static final String SOURCE = UltimateMultisiteAdapter.SOURCE;

    private final UltimateMultisiteProperties umhub;
    private final PlatformRestProperties rest;
    private final SourceStateStore cursors;
    private final LifecycleStateStore states;
    private final WebhookSubscriber subscriber;
    private final IntakeStore intake;
    private final Set<String> slugs;

    public SourcesController(UltimateMultisiteProperties umhub, SourceStateStore cursors,
                             LifecycleStateStore states, WebhookSubscriber subscriber, UltimateMultisiteAdapter adapter,
                             IntakeStore intake) {
        this.intake = intake;
        this.umhub = umhub;
        this.rest = umhub.getRest();
        this.cursors = cursors;
        this.states = states;
        this.subscriber = subscriber;
        this.slugs = new TreeSet<>(adapter.origins());
    }

    @GetMapping
    public List<Map<String, Object>> sources() {
        Map<String, Object> webhooks = new LinkedHashMap<>();
        webhooks.put("source", SOURCE);
        webhooks.put("kind", "webhook");
        webhooks.put("path", umhub.getWebhookPath() + "/{slug}");
        webhooks.put("enabled", !umhub.getToken().isBlank());
        webhooks.put("slugs", intake.countsByOrigin(SOURCE));
        return List.of(webhooks, rest());
    }

    private Map<String, Object> rest() {
        SourceStateStore.Health h = cursors.health(SOURCE);
        List<SourceStateStore.Stream> streams = cursors.streams(SOURCE);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("source", SOURCE);
        r.put("kind", "rest-poll");
        r.put("configured", rest.isConfigured());
        r.put("baseUrl", rest.getBaseUrl().replaceAll("//[^/@]*@", "//***@")); // never credentials in the URL
        r.put("pollInterval", rest.getPollInterval().toString());
        r.put("health", !rest.isConfigured() ? "off" : h.failures() > 0 ? "down"
                : h.lastSuccessAt() == null ? "starting" : "up");
        r.put("baselineComplete", streams.size() == EntityKind.values().length && streams.stream().allMatch(SourceStateStore.Stream::baselineDone));
        r.put("lastSuccessAt", h.lastSuccessAt());
        r.put("lastError", h.lastError());
        r.put("lastErrorAt", h.lastErrorAt());
        r.put("consecutiveFailures", h.failures());
        r.put("nextAttemptAt", h.nextAttemptAt());
        List<Map<String, Object>> out = new ArrayList<>();
        for (SourceStateStore.Stream s : streams) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stream", s.stream());
            m.put("cursor", s.cursor());
            m.put("cursorMeans", EntityKind.CUSTOMER.value().equals(s.stream()) ? "highest customer id seen" : "date_modified (UTC)");
            m.put("baselineComplete", s.baselineDone());
            m.put("updatedAt", s.updatedAt());
            out.add(m);
        }
        r.put("streams", out);
        Map<String, Long> seen = new LinkedHashMap<>();
        for (EntityKind k : EntityKind.values()) {
            seen.put(k.value(), states.count(k));
        }
        r.put("entitiesSeen", seen);
        return r;
    }

    /** Body (optional): {@code {"slugs": ["payment_received", ...]}}; without it every slug umhub knows. */
    @PostMapping("/ultimate-multisite/subscribe")
    public WebhookSubscriber.Outcome subscribe(@RequestBody(required = false) JsonNode body) {
        List<String> wanted = new ArrayList<>();
        if (body != null && !body.isNull() && !body.isObject()) {
            throw new IllegalArgumentException("the body, when given, is a JSON object: {\"slugs\": [...]}");
        }
        JsonNode given = body == null ? null : body.get("slugs");
        if (given == null || given.isNull()) {
            wanted.addAll(slugs);
        } else if (!given.isArray()) {
            throw new IllegalArgumentException("slugs must be a list of event slugs");
        } else {
            for (JsonNode s : given) {
                if (!s.isTextual() || !slugs.contains(s.asText())) {
                    throw new IllegalArgumentException("unknown slug " + s + "; known: " + slugs);
                }
                wanted.add(s.asText());
            }
        }
        return subscriber.subscribe(wanted);
    }
}
