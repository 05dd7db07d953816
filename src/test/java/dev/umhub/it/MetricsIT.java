package dev.umhub.it;

import static dev.umhub.support.PrometheusText.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.fakes.PlatformFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /actuator/prometheus} of a standalone umhub after real traffic: a webhook accepted, sent again, refused
 * twice; GA4 answering 503 once, HubSpot down with its breaker open; the REST reconciliation polling a fake platform.
 * Every umhub meter shows with the right tags and values, Camel's route metrics are there, the scrape needs the admin
 * token and holds no secret or customer data, and every metric the Grafana dashboard queries is in it.
 */
class MetricsIT {

    private static final String SCRAPE = "/actuator/prometheus";
    /** A metric name in a PromQL expression: umhub's and Camel's are the ones the dashboard reads. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:umhub|camel)_[a-z0-9_]+)\\b");

    @TempDir
    Path work;

    @Test
    void theScrapeShowsIntakeDecisionsDeliveriesBacklogBreakersAndReconciliation() throws Exception {
        try (LifecycleHub hub = new LifecycleHub(work, new PlatformFake().seededFromCapture(), p -> {
            p.put("umhub.destinations.ga4.retry-backoff", "300ms,600ms");
            p.put("umhub.destinations.ga4.retry-jitter", "0");
            // HubSpot: one failure opens its breaker for longer than the test, while its retry comes due at once
            p.put("umhub.destinations.hubspot.retry-backoff", "100ms,100ms,100ms");
            p.put("umhub.destinations.hubspot.retry-jitter", "0");
            p.put("umhub.destinations.hubspot.circuit-breaker-failures", "1");
            p.put("umhub.destinations.hubspot.circuit-breaker-open-for", "10m");
            p.put("umhub.web.max-body-bytes", "65536");
        })) {
            Http http = hub.http();
            hub.awaitBaseline();
            Http.Answer noToken = scrape(http, null);
            assertThat(noToken.status()).as("no token").isEqualTo(401);
            assertThat(noToken.body()).doesNotContain("umhub_");
            assertThat(scrape(http, "Bearer not-the-admin-token").status()).as("wrong token").isEqualTo(401);

            hub.ga4.fail(503);
            hub.hubspot.failAlways(503);
            ObjectNode paid = Payloads.paidPayment();
            Http.Answer first = http.webhook("payment_received", Payloads.bytes(paid));
            assertThat(first.status()).isEqualTo(202);
            assertThat(http.webhook("payment_received", Payloads.bytes(paid)).json().path("duplicate").asBoolean())
                    .isTrue();
            assertThat(http.webhook("payment_received", Payloads.bytes(paid), "wrong-token", null).status())
                    .isEqualTo(401);
            assertThat(http.webhook("no_such_slug", Payloads.bytes(paid)).status()).isEqualTo(404);
            // refused by the front door, before any route: counted all the same
            assertThat(http.webhook("payment_received", new byte[70_000]).status()).isEqualTo(413);
            String eventId = first.json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(
                    http.delivery(eventId, "ga4").path("status").asText()));

            // the outbox gauges are read at most every 5 s: wait for a reading taken after the delivery
            String[] scraped = new String[1];
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                scraped[0] = scrape(http, "Bearer " + Http.ADMIN_TOKEN).body();
                return value(scraped[0], "umhub_delivery_backlog", "destination=\"ga4\"") == 0
                        && value(scraped[0], "umhub_delivery_oldest_due_age_seconds", "destination=\"hubspot\"") > 0;
            });
            String metrics = scraped[0];

            // intake: the webhook's payment and what umhub derived from it (a new customer's first payment)
            JsonNode events = http.get("/api/events?limit=1000");
            assertThat(events).hasSize(3);
            for (JsonNode e : events) {
                assertThat(value(metrics, "umhub_events_accepted_total", "source=\"ultimate-multisite\"",
                        "type=\"" + e.path("type").asText() + "\"")).as(e.path("type").asText()).isEqualTo(1);
            }
            assertThat(sum(metrics, "umhub_events_accepted_total")).isEqualTo(3);
            assertThat(value(metrics, "umhub_events_duplicates_total", "source=\"ultimate-multisite\"")).isEqualTo(1);
            assertThat(value(metrics, "umhub_events_refused_total", "reason=\"Wrong token\"")).isEqualTo(1);
            assertThat(value(metrics, "umhub_events_refused_total", "reason=\"Unknown event slug\"")).isEqualTo(1);
            assertThat(value(metrics, "umhub_events_refused_total", "reason=\"Body too large\"")).isEqualTo(1);
            assertThat(sum(metrics, "umhub_events_refused_total")).isEqualTo(3);

            // decisions, by the rule names of rules/integrations.drl
            assertThat(value(metrics, "umhub_decisions_total", "rule=\"Completed payments above zero are GA4 purchases\"",
                    "outcome=\"fired\"")).isEqualTo(1);
            assertThat(value(metrics, "umhub_decisions_total", "rule=\"Paying customers are kept in the CRM\"",
                    "outcome=\"fired\"")).isEqualTo(1);
            assertThat(metrics).doesNotContain("outcome=\"failed\"");

            // deliveries: GA4 refused once then took it; HubSpot refused once and its breaker is open since
            assertThat(value(metrics, "umhub_deliveries_total", "destination=\"ga4\"", "outcome=\"retry\"")).isEqualTo(1);
            assertThat(value(metrics, "umhub_deliveries_total", "destination=\"ga4\"", "outcome=\"delivered\""))
                    .isEqualTo(1);
            assertThat(value(metrics, "umhub_deliveries_total", "destination=\"hubspot\"", "outcome=\"retry\""))
                    .isEqualTo(1);
            assertThat(sum(metrics, "umhub_deliveries_total")).isEqualTo(3);
            assertThat(value(metrics, "umhub_delivery_attempt_seconds_count", "destination=\"ga4\"")).isEqualTo(2);
            assertThat(value(metrics, "umhub_delivery_attempt_seconds_bucket", "destination=\"ga4\"", "le=\"+Inf\""))
                    .as("a histogram, for the dashboard's p50/p99").isEqualTo(2);
            assertThat(value(metrics, "umhub_delivery_attempt_seconds_count", "destination=\"hubspot\"")).isEqualTo(1);
            assertThat(value(metrics, "umhub_delivery_backlog", "destination=\"hubspot\"")).isEqualTo(1);
            assertThat(value(metrics, "umhub_delivery_oldest_due_age_seconds", "destination=\"ga4\"")).isZero();
            assertThat(value(metrics, "umhub_delivery_breaker_state", "destination=\"ga4\"")).isZero();
            assertThat(value(metrics, "umhub_delivery_breaker_state", "destination=\"hubspot\"")).as("open")
                    .isEqualTo(2);
            assertThat(value(metrics, "umhub_delivery_backlog", "destination=\"slack\"")).as("every destination")
                    .isZero();

            // the REST reconciliation polls every 150 ms here
            assertThat(value(metrics, "umhub_reconciliation_lag_seconds", "source=\"ultimate-multisite\""))
                    .isBetween(0.0, 10.0);

            // Camel's route metrics (camel-micrometer's route policy)
            assertThat(value(metrics, "camel_exchanges_total", "routeId=\"ultimate-multisite-webhook\"")).isEqualTo(4);
            assertThat(value(metrics, "camel_exchanges_failures_handled_total",
                    "routeId=\"ultimate-multisite-webhook\"")).as("the two refused").isEqualTo(2);
            assertThat(value(metrics, "camel_exchanges_total", "routeId=\"deliver-ga4\"")).isEqualTo(2);
            assertThat(value(metrics, "camel_route_policy_seconds_count", "routeId=\"ingest\"")).isEqualTo(3);

            // nothing about customers, no secret: tags are names of formats, types, rules, destinations and reasons
            assertThat(metrics).doesNotContain(paid.path("customer_user_email").asText(),
                    paid.path("payment_reference_code").asText(), Http.ADMIN_TOKEN, Http.WEBHOOK_TOKEN,
                    LifecycleHub.HUBSPOT_TOKEN, LifecycleHub.GA4_SECRET, PlatformFake.SECRET, "wrong-token");

            assertThat(dashboardMetrics()).isNotEmpty().allSatisfy(name -> assertThat(metrics)
                    .as("%s, queried by docs/grafana-umhub.json", name).containsPattern("(?m)^" + name + "[{ ]"));
        }
    }

    /** Every metric docs/grafana-umhub.json queries, from its panels' expressions and its variables' queries. */
    private static Set<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = Fixtures.JSON.readTree(Path.of("docs/grafana-umhub.json").toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                names.addAll(metricsIn(target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            names.addAll(metricsIn(variable.path("definition").asText()));
        }
        return names;
    }

    private static Set<String> metricsIn(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expression);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The value of the one series of this metric with all these labels; fails when there is none, or several. */
    private static double value(String scrape, String metric, String... labels) {
        double[] values = series(scrape, metric, labels);
        assertThat(values).as("%s with %s", metric, Arrays.toString(labels)).hasSize(1);
        return values[0];
    }

    private static double sum(String scrape, String metric) {
        return Arrays.stream(series(scrape, metric)).sum();
    }

    private static Http.Answer scrape(Http http, String authorization) {
        var request = http.request(SCRAPE).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build());
    }
}
