package dev.umhub.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.Fixtures;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.HttpAnswer;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.event.PlatformEvent;
import dev.umhub.ingest.ultimatemultisite.UltimateMultisiteAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotConnectorTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HubSpotProperties properties = new HubSpotProperties();
    private final HubSpotConnector connector = new HubSpotConnector(properties, json);

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
        DeliveryResult ok = connector.interpret(new HttpAnswer(200, Map.of(),
                "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"51\",\"new\":true}]}"));
        assertThat(ok).isEqualTo(new DeliveryResult.Delivered("contact 51", "51"));
        assertThat(connector.interpret(new HttpAnswer(207, Map.of(), "{\"errors\":[{}]}")))
                .isInstanceOf(DeliveryResult.Permanent.class);
        assertThat(connector.interpret(new HttpAnswer(401, Map.of(), "{\"category\":\"INVALID_AUTHENTICATION\"}")))
                .isInstanceOf(DeliveryResult.Permanent.class);
        DeliveryResult limited = connector.interpret(new HttpAnswer(429, Map.of(),
                "{\"category\":\"RATE_LIMITS\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}"));
        assertThat(((DeliveryResult.RetryLater) limited).retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(connector.interpret(new HttpAnswer(423, Map.of(), ""))).isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(connector.interpret(new HttpAnswer(502, Map.of(), ""))).isInstanceOf(DeliveryResult.RetryLater.class);
    }
}
