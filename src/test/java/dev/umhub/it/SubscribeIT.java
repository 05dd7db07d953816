package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.fakes.PlatformFake;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/sources/ultimate-multisite/subscribe}: one platform webhook per slug, idempotent, no secrets out. */
class SubscribeIT {

    private static final String PATH = "/api/sources/ultimate-multisite/subscribe";

    @TempDir
    Path work;

    @Test
    void subscribesEverySlugOnceAndCallingAgainChangesNothing() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform,
                p -> p.put("umhub.public-url", "https://umhub.example.com/"))) {
            Http.Answer first = hub.http().admin("POST", PATH, null);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.json().path("created")).hasSize(11);
            assertThat(first.json().path("existing")).isEmpty();
            assertThat(first.body()).doesNotContain(Http.WEBHOOK_TOKEN).doesNotContain(PlatformFake.SECRET)
                    .contains("https://umhub.example.com/webhooks/ultimate-multisite/{slug}?token=***");
            assertThat(platform.webhooks()).hasSize(11).allSatisfy(w -> {
                assertThat(w.path("webhook_url").asText()).isEqualTo("https://umhub.example.com/webhooks/ultimate-multisite/"
                        + w.path("event").asText() + "?token=" + Http.WEBHOOK_TOKEN);
                assertThat(w.path("active").asBoolean()).isTrue();
            });

            Http.Answer again = hub.http().admin("POST", PATH, "{\"slugs\": [\"payment_received\", \"site_published\"]}");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().path("created")).isEmpty();
            assertThat(again.json().path("existing")).hasSize(2);
            assertThat(platform.webhooks()).hasSize(11);
            assertThat(platform.requests("/wp-json/wu/v2/webhook").stream().filter(r -> r.getMethod().getName()
                    .equals("GET"))).hasSize(2); // each call lists first
        }
    }

    @Test
    void badInputAndMissingConfigurationAreClear4xx() throws Exception {
        PlatformFake platform = new PlatformFake();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            Http.Answer notConfigured = hub.http().admin("POST", PATH, null);
            assertThat(notConfigured.status()).isEqualTo(409);
            assertThat(notConfigured.json().path("detail").asText()).contains("umhub.public-url");
            assertThat(hub.http().admin("POST", PATH, "{\"slugs\": [\"nope\"]}").status()).isEqualTo(400);
            assertThat(hub.http().admin("POST", PATH, "{\"slugs\": \"payment_received\"}").status()).isEqualTo(400);
            assertThat(hub.http().admin("POST", PATH, "[1, 2]").status()).isEqualTo(400);
            assertThat(hub.http().admin("POST", PATH, "{not json").status()).isEqualTo(400);
            assertThat(platform.webhooks()).isEmpty();
        }
    }

    @Test
    void aPlatformThatCannotBeListedCreatesNothing() throws Exception {
        PlatformFake platform = new PlatformFake();
        try (LifecycleHub hub = new LifecycleHub(work, platform,
                p -> p.put("umhub.public-url", "https://umhub.example.com"))) {
            platform.failAlways(500);
            Http.Answer a = hub.http().admin("POST", PATH, null);
            assertThat(a.status()).isEqualTo(502);
            JsonNode problem = a.json();
            assertThat(problem.path("detail").asText()).contains("500").doesNotContain(PlatformFake.SECRET);
            platform.recover();
            assertThat(platform.webhooks()).isEmpty();
        }
    }
}
