package dev.umhub.ultimatemultisite.subscribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.autoconfigure.UmhubProperties;
import dev.umhub.ingest.IngestRejectedException;
import dev.umhub.store.Json;
import dev.umhub.ultimatemultisite.UltimateMultisiteProperties;
import dev.umhub.ultimatemultisite.platform.PlatformRestClient;
import dev.umhub.ultimatemultisite.platform.PlatformRestException;
import dev.umhub.ultimatemultisite.platform.PlatformRestProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Registers one platform webhook per event slug ({@code POST /wp-json/wu/v2/webhook}), each pointing at umhub's
 * public URL with the webhook token. It lists the existing webhooks first and creates only the missing ones, so
 * calling it again changes nothing. Answers name URLs with the token masked.
 */
@Component
public class WebhookSubscriber {

    private static final int PAGE = 100;
    private static final int MAX_PAGES = 50;

    /** What happened to each slug: created, already there, or failed (with the platform's answer). */
    public record Outcome(String webhookUrl, List<Map<String, Object>> created, List<Map<String, Object>> existing,
                          List<Map<String, Object>> failed, List<Map<String, Object>> otherUmhubWebhooks) {
    }

    private final PlatformRestClient client;
    private final PlatformRestProperties rest;
    private final UltimateMultisiteProperties platform;
    private final UmhubProperties umhub;
    private final ObjectMapper json;

    public WebhookSubscriber(PlatformRestClient client, UltimateMultisiteProperties platform, UmhubProperties umhub,
                             Json json) {
        this.client = client;
        this.rest = platform.getRest();
        this.platform = platform;
        this.umhub = umhub;
        this.json = json.mapper();
    }

    public Outcome subscribe(Collection<String> slugs) {
        String token = platform.getToken();
        String publicUrl = umhub.getPublicUrl().replaceAll("/+$", "");
        String path = platform.getWebhookPath() + "/";
        if (!rest.isConfigured() || publicUrl.isEmpty() || token == null || token.isBlank()) {
            throw new IngestRejectedException(409, "Not configured", "Subscribing needs "
                    + "umhub.sources.ultimate-multisite.rest.base-url, .api-key and .api-secret, umhub.public-url and "
                    + "umhub.sources.ultimate-multisite.token.");
        }
        List<JsonNode> existing = listWebhooks();
        List<Map<String, Object>> created = new ArrayList<>();
        List<Map<String, Object>> there = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (String slug : slugs) {
            String target = publicUrl + path + slug + "?token=" + token;
            targets.add(target);
            JsonNode found = existing.stream().filter(w -> slug.equals(w.path("event").asText())
                    && target.equals(w.path("webhook_url").asText())).findFirst().orElse(null);
            if (found != null) {
                there.add(entry(slug, found.path("id").asText(null)));
                continue;
            }
            ObjectNode body = json.createObjectNode().put("name", "umhub: " + slug).put("webhook_url", target)
                    .put("event", slug).put("integration", "manual").put("active", true);
            try {
                created.add(entry(slug, client.post("webhook", body).path("id").asText(null)));
            } catch (PlatformRestException e) {
                Map<String, Object> f = entry(slug, null);
                f.put("error", e.getMessage());
                failed.add(f);
            }
        }
        // webhooks at umhub's path that are none of ours now, e.g. with an old token: shown so an admin removes them
        List<Map<String, Object>> others = existing.stream()
                .filter(w -> w.path("webhook_url").asText().startsWith(publicUrl + path)
                        && !targets.contains(w.path("webhook_url").asText()))
                .map(w -> {
                    Map<String, Object> o = entry(w.path("event").asText(null), w.path("id").asText(null));
                    o.put("webhook_url", mask(w.path("webhook_url").asText()));
                    return o;
                }).toList();
        return new Outcome(mask(publicUrl + path + "{slug}?token=" + token), created, there, failed, others);
    }

    private List<JsonNode> listWebhooks() {
        List<JsonNode> all = new ArrayList<>();
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                ArrayNode batch = client.list("webhook", Map.of("number", String.valueOf(PAGE),
                        "offset", String.valueOf(page * PAGE)));
                batch.forEach(all::add);
                if (batch.size() < PAGE) {
                    break;
                }
            }
        } catch (PlatformRestException e) {
            throw new IngestRejectedException(502, "Platform not reachable",
                    "Listing the platform's webhooks failed, so nothing was created: " + e.getMessage());
        }
        return all;
    }

    private static Map<String, Object> entry(String slug, String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", slug);
        m.put("id", id);
        return m;
    }

    static String mask(String url) {
        return url.replaceAll("token=[^&]*", "token=***");
    }
}
