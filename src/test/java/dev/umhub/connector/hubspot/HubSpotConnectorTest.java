package dev.umhub.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.Fixtures;
import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotConnectorTest {

    private final ObjectMapper json = new Json().mapper();
    private final HubSpotProperties properties = new HubSpotProperties();
    private final HubSpotConnector connector = new HubSpotConnector(properties, new Json());

    private PlatformEvent event(String slug, String fixture) {
        return new UltimateMultisiteAdapter().normalise(slug, Fixtures.object(fixture), Instant.now()).event();
    }

    @Test
    void upsertsOneContactByEmailWithNamesAndPlan() throws Exception {
        properties.setAccessToken("pat-secret");
        PreparedRequest r = connector.prepare(event("payment_received", "payment_received.json"),
                List.of("upsert_contact"), null, "key-1");
        assertThat(r.url()).isEqualTo("https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert");
        assertThat(r.headers().get("Authorization")).isEqualTo("Bearer ****").doesNotContain("pat-secret");
        JsonNode input = json.readTree(r.body()).path("inputs").get(0);
        assertThat(input.path("idProperty").asText()).isEqualTo("email");
        assertThat(input.path("id").asText()).isEqualTo("jane@example.com");
        assertThat(input.path("properties").path("firstname").asText()).isEqualTo("Jane");
        assertThat(input.path("properties").path("lastname").asText()).isEqualTo("Doe");
        assertThat(input.path("properties").path("umhub_plan").asText()).isEqualTo("Pro Plan");
        assertThat(r.body()).doesNotContain("<img");
    }

    @Test
    void anEventWithoutEmailCannotBeUpserted() {
        assertThatThrownBy(() -> connector.prepare(event("customer_created", "real-2.4.10/test-event-customer_created-1.json"),
                List.of("upsert_contact"), null, "key-1")).isInstanceOf(UnmappableEventException.class);
    }

    @Test
    void answersAreReadTheWayHubSpotMeansThem() {
        DeliveryResult ok = connector.interpret(DeliveryAnswer.http(200, Map.of(),
                "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"51\",\"new\":true}]}"));
        assertThat(ok).isEqualTo(new DeliveryResult.Delivered("contact 51", "51"));
        assertThat(connector.interpret(DeliveryAnswer.http(207, Map.of(), "{\"errors\":[{}]}")))
                .isInstanceOf(DeliveryResult.Permanent.class);
        assertThat(connector.interpret(DeliveryAnswer.http(401, Map.of(), "{\"category\":\"INVALID_AUTHENTICATION\"}")))
                .isInstanceOf(DeliveryResult.Permanent.class);
        DeliveryResult limited = connector.interpret(DeliveryAnswer.http(429, Map.of(),
                "{\"category\":\"RATE_LIMITS\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}"));
        assertThat(((DeliveryResult.RetryLater) limited).retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(connector.interpret(DeliveryAnswer.http(423, Map.of(), ""))).isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(connector.interpret(DeliveryAnswer.http(502, Map.of(), ""))).isInstanceOf(DeliveryResult.RetryLater.class);
    }

    private String single(String email, String key) {
        return "{\"inputs\":[{\"idProperty\":\"email\",\"id\":\"" + email + "\",\"properties\":{\"email\":\""
                + email + "\"},\"objectWriteTraceId\":\"" + key + "\"}]}";
    }

    @Test
    void batchesJoinContactsButNeverTheSameEmailTwiceNorMoreThanTheBatchSize() throws Exception {
        properties.setBatchSize(3);
        List<String> bodies = List.of(single("a@x.io", "k1"), single("b@x.io", "k2"), single("A@x.io", "k3"),
                single("c@x.io", "k4"), single("d@x.io", "k5"));
        BatchingConnector.Batch batch = connector.combine(bodies);
        assertThat(batch.members()).containsExactly(0, 1, 3); // "A@x.io" is a@x.io again; d would be the fourth
        assertThat(json.readTree(batch.body()).path("inputs")).extracting(i -> i.path("objectWriteTraceId").asText())
                .containsExactly("k1", "k2", "k4");
        properties.setBatchSize(500);
        assertThat(connector.batchSize()).isEqualTo(100); // HubSpot's own limit
    }

    @Test
    void aBatchAnswerIsReadBackPerContactWhateverItsOrder() {
        List<String> members = List.of(single("a@x.io", "k1"), single("b@x.io", "k2"), single("c@x.io", "k3"));
        String answer = "{\"status\":\"COMPLETE\",\"results\":["
                + "{\"id\":\"3\",\"properties\":{\"email\":\"c@x.io\"}},"
                + "{\"id\":\"1\",\"objectWriteTraceId\":\"k1\",\"properties\":{}}],"
                + "\"numErrors\":1,\"errors\":[{\"status\":\"error\",\"category\":\"VALIDATION_ERROR\","
                + "\"message\":\"Property values were not valid\",\"context\":{\"ids\":[\"B@x.io\"]}}]}";
        List<DeliveryResult> results = connector.interpretBatch(DeliveryAnswer.http(207, Map.of(), answer), members);
        assertThat(results.get(0)).isEqualTo(new DeliveryResult.Delivered("contact 1", "1"));
        assertThat(results.get(1)).isInstanceOf(DeliveryResult.Permanent.class);
        assertThat(results.get(1).summary()).contains("VALIDATION_ERROR");
        assertThat(results.get(2)).isEqualTo(new DeliveryResult.Delivered("contact 3", "3"));

        // a contact HubSpot names neither in results nor in errors is sent again (an upsert by email is idempotent)
        List<DeliveryResult> silent = connector.interpretBatch(DeliveryAnswer.http(207, Map.of(),
                "{\"results\":[],\"errors\":[]}"), members);
        assertThat(silent).allMatch(r -> r instanceof DeliveryResult.RetryLater);
    }

    @Test
    void aRefusalOfTheWholeBatchAppliesToEveryContact() {
        List<String> members = List.of(single("a@x.io", "k1"), single("b@x.io", "k2"));
        List<DeliveryResult> limited = connector.interpretBatch(DeliveryAnswer.http(429, Map.of("Retry-After", "4"),
                "{\"category\":\"RATE_LIMITS\"}"), members);
        assertThat(limited).hasSize(2).allMatch(r -> r instanceof DeliveryResult.RetryLater retry
                && Duration.ofSeconds(4).equals(retry.retryAfter()));
        assertThat(connector.interpretBatch(DeliveryAnswer.http(401, Map.of(), "{}"), members))
                .hasSize(2).allMatch(r -> r instanceof DeliveryResult.Permanent);
    }
}
