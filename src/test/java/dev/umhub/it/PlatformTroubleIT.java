package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.fakes.PlatformFake;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform down, failing or refusing the credentials: umhub backs off, keeps its cursors, says so in
 * {@code GET /api/sources}, and catches up without loss once the platform answers again.
 */
class PlatformTroubleIT {

    @TempDir
    Path work;

    @Test
    void aPlatformDownForAWhileIsCaughtUpAfterwardsWithoutLoss() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            String cursor = hub.rest().path("streams").toString();
            platform.failAlways(503);
            platform.save("membership", platform.get("membership", 3).put("status", "cancelled"));
            platform.save("payment", platform.get("payment", 4).put("status", "failed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.rest().path("consecutiveFailures").asInt() >= 2);
            JsonNode down = hub.rest();
            assertThat(down.path("health").asText()).isEqualTo("down");
            assertThat(down.path("lastError").asText()).contains("503");
            assertThat(down.path("lastErrorAt").asText()).isNotBlank();
            assertThat(down.path("nextAttemptAt").asText()).isNotBlank();
            assertThat(down.path("streams").toString()).isEqualTo(cursor); // cursors kept
            assertThat(hub.events()).isEmpty();

            platform.failAlways(0); // now the connection is reset: still down
            await().atMost(Duration.ofSeconds(10)).until(() -> !hub.rest().path("lastError").asText().contains("503"));
            assertThat(hub.rest().path("health").asText()).isEqualTo("down");

            platform.recover();
            await().atMost(Duration.ofSeconds(15)).until(() -> hub.ga4.recorded("membership_cancelled").size() == 1
                    && hub.ga4.recorded("payment_failed").size() == 1);
            hub.awaitTwoPolls();
            assertThat(hub.events()).containsExactlyInAnyOrder("membership.cancelled membership/3",
                    "membership.status_changed membership/3", "payment.failed payment/4");
            JsonNode up = hub.rest();
            assertThat(up.path("health").asText()).isEqualTo("up");
            assertThat(up.path("consecutiveFailures").asInt()).isZero();
            assertThat(up.path("lastError").asText()).contains("failed"); // the last error stays visible
        }
    }

    @Test
    void wrongCredentialsAreReportedAndNeverShown() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform,
                p -> p.put("umhub.sources.ultimate-multisite.rest.api-secret", "not-the-secret"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.rest().path("consecutiveFailures").asInt() >= 1);
            JsonNode rest = hub.rest();
            assertThat(rest.path("health").asText()).isEqualTo("down");
            assertThat(rest.path("lastError").asText()).contains("401").contains("credentials");
            assertThat(rest.path("baselineComplete").asBoolean()).isFalse();
            assertThat(hub.umhub.http.admin("GET", "/api/sources", null).body()).doesNotContain("not-the-secret")
                    .doesNotContain(PlatformFake.KEY);
            assertThat(hub.events()).isEmpty();
        }
    }
}
