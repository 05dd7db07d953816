package dev.umhub.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.fakes.HubSpotFake;
import dev.umhub.fakes.PlatformFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A umhub of its own reading a {@link PlatformFake}'s REST API every 150 ms, with GA4 and HubSpot fakes: what the
 * lifecycle tests need, one per test so each starts from an empty store and its own platform.
 */
final class LifecycleHub implements AutoCloseable {

    static final String GA4_ID = "G-LIFE";
    static final String GA4_SECRET = "life-secret";
    static final String HUBSPOT_TOKEN = "hs-life";

    final PlatformFake platform;
    final Ga4Fake ga4 = new Ga4Fake(GA4_ID, GA4_SECRET);
    final HubSpotFake hubspot = new HubSpotFake(HUBSPOT_TOKEN);
    final StandaloneUmhub umhub;

    LifecycleHub(Path work, PlatformFake platform, Consumer<Map<String, Object>> more) throws Exception {
        this.platform = platform;
        Map<String, Object> p = StandaloneUmhub.defaults(work);
        p.put("umhub.sources.ultimate-multisite.rest.base-url", platform.baseUrl());
        p.put("umhub.sources.ultimate-multisite.rest.api-key", PlatformFake.KEY);
        p.put("umhub.sources.ultimate-multisite.rest.api-secret", PlatformFake.SECRET);
        p.put("umhub.sources.ultimate-multisite.rest.poll-interval", "150ms");
        p.put("umhub.sources.ultimate-multisite.rest.max-backoff", "600ms");
        p.put("umhub.sources.ultimate-multisite.rest.timeout", "2s");
        p.put("umhub.destinations.ga4.base-url", ga4.baseUrl());
        p.put("umhub.destinations.ga4.measurement-id", GA4_ID);
        p.put("umhub.destinations.ga4.api-secret", GA4_SECRET);
        p.put("umhub.destinations.hubspot.base-url", hubspot.baseUrl());
        p.put("umhub.destinations.hubspot.access-token", HUBSPOT_TOKEN);
        more.accept(p);
        this.umhub = StandaloneUmhub.start(p);
    }

    Http http() {
        return umhub.http;
    }

    JsonNode rest() {
        for (JsonNode s : umhub.http.get("/api/sources")) {
            if ("rest-poll".equals(s.path("kind").asText())) {
                return s;
            }
        }
        throw new AssertionError("no rest-poll source in /api/sources");
    }

    void awaitBaseline() {
        await().atMost(Duration.ofSeconds(20)).until(() -> rest().path("baselineComplete").asBoolean());
    }

    /** Waits until two more polls succeeded: whatever the platform showed before this call has been read. */
    void awaitTwoPolls() {
        for (int i = 0; i < 2; i++) {
            String before = rest().path("lastSuccessAt").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode r = rest();
                return !r.path("lastSuccessAt").asText().equals(before) && r.path("consecutiveFailures").asInt() == 0;
            });
        }
    }

    /** Events newest first, as "type subject". */
    List<String> events() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : umhub.http.get("/api/events?limit=1000")) {
            out.add(e.path("type").asText() + " " + e.path("subject").asText());
        }
        return out;
    }

    List<String> events(String type) {
        return events().stream().filter(e -> e.startsWith(type + " ")).toList();
    }

    JsonNode event(String type, String subject) {
        for (JsonNode e : umhub.http.get("/api/events?limit=1000")) {
            if (e.path("type").asText().equals(type) && e.path("subject").asText().equals(subject)) {
                return umhub.http.event(e.path("id").asText());
            }
        }
        throw new AssertionError("no " + type + " about " + subject + " in " + events());
    }

    @Override
    public void close() {
        umhub.close();
        ga4.close();
        hubspot.close();
        platform.close();
    }
}
