package dev.umhub.connector.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.Fixtures;
import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ga4ConnectorTest {

    private final ObjectMapper json = new Json().mapper();
    private final Ga4Properties properties = new Ga4Properties();
    private final Ga4Connector connector = new Ga4Connector(properties, new Json());
    private final CustomerRecord jane = new CustomerRecord("41", "jane@example.com", "Jane Doe", Map.of("ga4", "1234567890.1764320000"));

    private JsonNode body(String slug, String fixture, String... actions) throws Exception {
        PlatformEvent e = new UltimateMultisiteAdapter().normalise(slug, Fixtures.object(fixture), Instant.now()).event();
        return json.readTree(connector.prepare(e, List.of(actions), jane, "key-1").body());
    }

    @Test
    void purchaseFollowsGa4sEcommerceSchema() throws Exception {
        JsonNode b = body("payment_received", "payment_received-no-membership.json", "purchase");
        assertThat(b.path("client_id").asText()).isEqualTo("1234567890.1764320000");
        assertThat(b.path("user_id").asText()).isEqualTo("41");
        JsonNode p = b.path("events").get(0).path("params");
        assertThat(b.path("events").get(0).path("name").asText()).isEqualTo("purchase");
        assertThat(p.path("transaction_id").asText()).isEqualTo("PMTSVC01");
        assertThat(p.path("value").decimalValue()).isEqualByComparingTo("180.29");
        assertThat(p.path("tax").decimalValue()).isEqualByComparingTo("31.29");
        assertThat(p.path("currency").asText()).isEqualTo("EUR");
        JsonNode item = p.path("items").get(0);
        assertThat(item.path("item_name").asText()).isEqualTo("Site Migration Service, Priority Support");
        assertThat(item.path("item_category").asText()).isEqualTo("subscription");
        assertThat(item.path("quantity").asInt()).isEqualTo(1);
        assertThat(item.path("price").decimalValue()).isEqualByComparingTo("149");
    }

    @Test
    void churnAndFailureAreCustomEventsNotReservedNames() throws Exception {
        JsonNode churn = body("membership_updated", "membership_updated-cancelled.json", "membership_cancelled");
        assertThat(churn.path("events").get(0).path("name").asText()).isEqualTo("membership_cancelled");
        assertThat(churn.path("events").get(0).path("params").path("membership_id").asText()).isEqualTo("77");
        JsonNode failed = body("payment_updated", "payment_updated-failed.json", "payment_failed");
        assertThat(failed.path("events").get(0).path("params").path("payment_reference").asText()).isEqualTo("PMTFAIL7");
        assertThatThrownBy(() -> body("membership_updated", "membership_updated-cancelled.json",
                "app_store_subscription_cancel")).isInstanceOf(UnmappableEventException.class);
        assertThatThrownBy(() -> body("membership_updated", "membership_updated-cancelled.json", "bad name"))
                .isInstanceOf(UnmappableEventException.class);
    }

    @Test
    void thePlanLearntFromTheRestApiNamesThePurchasedItem() throws Exception {
        PlatformEvent e = new UltimateMultisiteAdapter()
                .normalise("payment_received", Fixtures.object("real-2.4.10/payment_received-1.json"), Instant.now()).event();
        PlatformEvent withPlan = new PlatformEvent(e.id(), e.source(), e.type(), e.time(), e.subject(), e.origin(),
                e.test(), e.data().withPlan(new dev.umhub.event.Plan("3", "Pro Plan", "plan", "paid",
                new java.math.BigDecimal("29"), "USD", 1, "month", "month", 1)));
        JsonNode item = json.readTree(connector.prepare(withPlan, List.of("purchase"), jane, "key-1").body())
                .path("events").get(0).path("params").path("items").get(0);
        assertThat(item.path("item_id").asText()).isEqualTo("plan-3");
        assertThat(item.path("item_name").asText()).isEqualTo("Pro Plan");
    }

    @Test
    void secretsAreMaskedInThePreview() {
        properties.setMeasurementId("G-TEST1");
        properties.setApiSecret("very-secret");
        PlatformEvent e = new UltimateMultisiteAdapter()
                .normalise("payment_received", Fixtures.object("payment_received.json"), Instant.now()).event();
        PreparedRequest r = connector.prepare(e, List.of("purchase"), jane, "key-1");
        assertThat(r.url()).contains("measurement_id=G-TEST1").contains("api_secret=****").doesNotContain("very-secret");
    }

    @Test
    void only5xxAndTransportFailuresAreRetried() {
        assertThat(connector.interpret(DeliveryAnswer.http(204, Map.of(), ""))).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(connector.interpret(DeliveryAnswer.http(503, Map.of(), ""))).isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(connector.interpret(DeliveryAnswer.http(400, Map.of(), ""))).isInstanceOf(DeliveryResult.Permanent.class);
    }

    @Test
    void oneRequestCarriesOneCustomersEventsEachWithItsOwnTime() throws Exception {
        String janes = json.writeValueAsString(json.readTree(
                "{\"client_id\":\"1.1\",\"user_id\":\"41\",\"timestamp_micros\":100,\"events\":[{\"name\":\"purchase\"}]}"));
        String janesLater = janes.replace("100", "200").replace("purchase", "payment_failed");
        String bobs = janes.replace("\"1.1\"", "\"2.2\"").replace("\"41\"", "\"42\"");
        // another client's body ends the request: what follows it keeps its order in a later one
        assertThat(connector.combine(List.of(janes, bobs, janesLater)).members()).containsExactly(0);
        BatchingConnector.Batch batch = connector.combine(List.of(janes, janesLater, bobs));
        assertThat(batch.members()).containsExactly(0, 1);
        JsonNode body = json.readTree(batch.body());
        assertThat(body.path("client_id").asText()).isEqualTo("1.1");
        assertThat(body.path("events")).hasSize(2);
        assertThat(body.path("events").get(0).path("timestamp_micros").asLong()).isEqualTo(100);
        assertThat(body.path("events").get(1).path("name").asText()).isEqualTo("payment_failed");
        assertThat(body.path("events").get(1).path("timestamp_micros").asLong()).isEqualTo(200);

        List<String> thirty = java.util.Collections.nCopies(30, janes);
        assertThat(connector.combine(thirty).members()).hasSize(25); // GA4's limit; the rest keep their order
        assertThat(connector.batchesPerCustomer()).isTrue();
    }
}
