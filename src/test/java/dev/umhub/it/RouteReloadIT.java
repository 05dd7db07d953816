package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * Route files edited while umhub runs: a good edit is live without a restart; an edit that does not build leaves the
 * running version in place and is reported with its line; a deleted file takes its route away; a file broken at
 * start-up stops nothing else and its path answers 503 with Retry-After instead of losing the event.
 */
class RouteReloadIT {

    private static final String WEBHOOK = "sources/ultimate-multisite-webhook.yaml";
    private static final String WEBHOOK_URI = "platform-http:{{umhub.sources.ultimate-multisite.webhook-path}}/{slug}";

    @TempDir
    Path work;

    private Path routes() throws Exception {
        Path routes = work.resolve("routes");
        if (!Files.exists(routes)) {
            FileSystemUtils.copyRecursively(Path.of("routes"), routes);
        }
        return routes;
    }

    private StandaloneUmhub start() throws Exception {
        Map<String, Object> props = StandaloneUmhub.defaults(work);
        props.put("umhub.routes.directory", routes().toString());
        props.put("umhub.routes.poll-interval", "200ms");
        return StandaloneUmhub.start(props);
    }

    private void edit(String file, String from, String to) throws Exception {
        Path f = routes().resolve(file);
        String text = Files.readString(f);
        assertThat(text).contains(from);
        Files.writeString(f, text.replace(from, to));
    }

    @Test
    void anEditedWebhookPathIsLiveWithoutRestartTheOldPathIsGoneAndADeletedFileTakesItsRouteAway() throws Exception {
        try (StandaloneUmhub umhub = start()) {
            assertThat(umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).status()).isEqualTo(202);
            edit(WEBHOOK, WEBHOOK_URI, "platform-http:/hooks/um/{slug}");

            byte[] next = Payloads.bytes(Payloads.paidPayment());
            await().atMost(Duration.ofSeconds(15)).until(() -> umhub.http.send(umhub.http
                    .request("/hooks/um/payment_received?token=" + Http.WEBHOOK_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(next)).build()).status() == 202);
            // the old path is no longer umhub's: nothing there (Camel's own stale mapping, an empty 500, is removed)
            long before = umhub.http.journaled();
            Http.Answer old = umhub.http.admin("POST", "/webhooks/ultimate-multisite/payment_received?token="
                    + Http.WEBHOOK_TOKEN, Payloads.paidPayment().toString());
            assertThat(old.status()).as(old.body()).isEqualTo(404);
            assertThat(old.contentType()).startsWith("application/problem+json");
            assertThat(umhub.http.journaled()).isEqualTo(before);

            // a deleted file takes its route away
            assertThat(umhub.http.routeFile("sources/signed-events.yaml").isMissingNode()).isFalse();
            Files.delete(routes().resolve("sources/signed-events.yaml"));
            await().atMost(Duration.ofSeconds(15)).until(() -> umhub.http.routeFile("sources/signed-events.yaml").isMissingNode());
            Http.Answer gone = umhub.http.admin("POST", "/events", "{}");
            assertThat(gone.status()).as(gone.body()).isEqualTo(404);
        }
    }

    @Test
    void aFileBrokenAtStartAnswers503AndKeepsTheBodyAndAnEditThatDoesNotBuildKeepsTheRunningVersion() throws Exception {
        edit(WEBHOOK, "ref: ultimateMultisiteWebhookGuard", "ref: ultimateMultisiteWebhookGaurd");
        try (StandaloneUmhub umhub = start()) {
            assertThat(umhub.http.routeFile(WEBHOOK).path("state").asText()).isEqualTo("failed");
            assertThat(umhub.http.routeFile("destinations/ga4.yaml").path("state").asText()).isEqualTo("running");
            byte[] body = Payloads.bytes(Payloads.paidPayment());
            Http.Answer a = umhub.http.webhook("payment_received", body);
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.raw().headers().firstValue("Retry-After")).isPresent();
            JsonNode kept = umhub.http.get("/api/quarantine?limit=1").get(0);
            assertThat(kept.path("status").asInt()).isEqualTo(503);
            assertThat(kept.path("bodyBytes").asLong()).isEqualTo(body.length);
            assertThat(umhub.http.admin("GET", "/actuator/health", null).json().path("status").asText()).isEqualTo("DOWN");

            edit(WEBHOOK, "ref: ultimateMultisiteWebhookGaurd", "ref: ultimateMultisiteWebhookGuard");
            await().atMost(Duration.ofSeconds(15)).until(() -> umhub.http.webhook("payment_received",
                    Payloads.bytes(Payloads.paidPayment())).status() == 202);

            // now running, the same misspelling in an edit: refused, the running version kept and reported
            edit(WEBHOOK, "ref: ultimateMultisiteWebhookGuard", "ref: ultimateMultisiteWebhookGaurd");
            await().atMost(Duration.ofSeconds(15)).until(() -> "stale".equals(umhub.http.routeFile(WEBHOOK).path("state").asText()));
            JsonNode state = umhub.http.routeFile(WEBHOOK);
            assertThat(state.path("error").asText()).contains("ultimateMultisiteWebhookGaurd");
            // the line Camel names: the step's, where the misspelt bean is
            assertThat(state.path("errorLine").asInt()).isEqualTo(lineOf(WEBHOOK, "ultimateMultisiteWebhookGaurd"));
            assertThat(state.path("errorFile").asText()).isEqualTo(WEBHOOK);
            // the previous version still takes webhooks
            assertThat(umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).status()).isEqualTo(202);
            JsonNode health = umhub.http.admin("GET", "/actuator/health", null).json(); // UP or not: other checks too
            assertThat(health.path("components").path("umhubRoutes").path("details").path(WEBHOOK).asText())
                    .startsWith("stale").contains("ultimateMultisiteWebhookGaurd");
        }
    }

    @Test
    void neitherACopyOfTheWebhookFileNorABrokenSharedConfigurationTakesWebhooksAway() throws Exception {
        try (StandaloneUmhub umhub = start()) {
            String text = Files.readString(routes().resolve(WEBHOOK));
            // a copy made to start an edit: same path, another id; it would take Spring's mapping from the original
            Files.writeString(routes().resolve("sources/copy.yaml"), text.replace("id: ultimate-multisite-webhook",
                    "id: my-webhook-draft"));
            await().atMost(Duration.ofSeconds(15)).until(() -> !umhub.http.routeFile("sources/copy.yaml").isMissingNode());
            JsonNode copy = umhub.http.routeFile("sources/copy.yaml");
            assertThat(copy.path("state").asText()).isEqualTo("failed");
            assertThat(copy.path("error").asText()).contains("already served by " + WEBHOOK);
            assertThat(copy.path("paths")).isEmpty();
            assertThat(umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).status()).isEqualTo(202);
            Files.delete(routes().resolve("sources/copy.yaml"));
            await().atMost(Duration.ofSeconds(15)).until(() -> umhub.http.routeFile("sources/copy.yaml").isMissingNode());
            assertThat(umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).status()).isEqualTo(202);

            // the shared error handling of HTTP sources, with a misspelt bean: refused, the running one kept
            edit("shared/http-problems.yaml", "ref: umhubProblemResponder", "ref: umhubProblemResponda");
            await().atMost(Duration.ofSeconds(15)).until(() -> "stale".equals(umhub.http.routeFile("shared/http-problems.yaml")
                    .path("state").asText()));
            assertThat(umhub.http.routeFile("shared/http-problems.yaml").path("error").asText()).contains("umhubProblemResponda");
            assertThat(umhub.http.routeFile(WEBHOOK).path("state").asText()).isEqualTo("running");
            assertThat(umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).status()).isEqualTo(202);
            assertThat(umhub.http.webhook("payment_received", "{\"payment_id\": \"x\"}".getBytes()).status()).isEqualTo(400);
        }
    }

    private int lineOf(String file, String text) throws Exception {
        java.util.List<String> lines = Files.readAllLines(routes().resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        return -1;
    }
}
