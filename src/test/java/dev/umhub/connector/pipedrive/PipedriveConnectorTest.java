package dev.umhub.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.Fixtures;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipedriveConnectorTest {

    private final ObjectMapper json = new Json().mapper();
    private final PipedriveProperties properties = new PipedriveProperties();
    private final PipedriveConnector connector = new PipedriveConnector(properties, new Json());
    private final CustomerRecord known = new CustomerRecord("41", "jane@example.com", "Jane Doe",
            Map.of("pipedrive", "7"));

    private static PlatformEvent paid() {
        return new UltimateMultisiteAdapter().normalise("payment_received", Fixtures.object("payment_received.json"),
                Instant.now()).event();
    }

    private JsonNode body(PreparedRequest r) throws Exception {
        return json.readTree(r.body());
    }

    @Test
    void upsertContactAloneIsThePersonAsBefore() throws Exception {
        PreparedRequest r = connector.prepare(paid(), List.of("upsert_contact"), null, "key-1");
        assertThat(body(r).has("deal")).isFalse();
        assertThat(body(r).has("writePerson")).isFalse();
        assertThat(r.method()).isEqualTo("GET+POST|PATCH");
        assertThat(connector.contentKey(r)).as("an unchanged person is skipped").isNotNull();
    }

    @Test
    void createDealAloneLeavesAKnownPersonAsItIsAndOpensADealForIt() throws Exception {
        PreparedRequest r = connector.prepare(paid(), List.of("create_deal"), known, "key-1");
        JsonNode body = body(r);
        assertThat(body.path("writePerson").asBoolean(true)).isFalse();
        assertThat(body.path("personId").asText()).isEqualTo("7");
        JsonNode deal = body.path("deal");
        assertThat(deal.path("title").asText()).isEqualTo("Pro Plan – Jane Doe");
        assertThat(deal.path("value").decimalValue()).isEqualByComparingTo(new BigDecimal("29"));
        assertThat(deal.path("currency").asText()).isEqualTo("USD");
        assertThat(deal.path("status").asText()).isEqualTo("open");
        assertThat(deal.has("person_id")).as("added when sending: the person may be found only then").isFalse();
        assertThat(deal.has("pipeline_id") || deal.has("stage_id") || deal.has("custom_fields")).isFalse();
        assertThat(body.has("dealKey")).isFalse();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.url()).contains("/api/v2/deals").contains("for person 7");
        assertThat(connector.contentKey(r)).as("every deal counts").isNull();
    }

    @Test
    void bothActionsWriteThePersonAndThenOpenTheDeal() throws Exception {
        PreparedRequest r = connector.prepare(paid(), List.of("upsert_contact", "create_deal"), null, "key-1");
        assertThat(body(r).path("writePerson").asBoolean(true)).isTrue();
        assertThat(body(r).has("deal")).isTrue();
        assertThat(r.url()).contains("/api/v2/persons/search?term=jane@example.com");
        assertThat(connector.contentKey(r)).isNull();
    }

    @Test
    void pipelineStageAndTheKeyFieldAreOptions() throws Exception {
        properties.setDealPipelineId(3L);
        properties.setDealStageId(12L);
        properties.setDealKeyField("a1b2c3");
        JsonNode body = body(connector.prepare(paid(), List.of("create_deal"), null, "delivery-9"));
        assertThat(body.path("deal").path("pipeline_id").asLong()).isEqualTo(3);
        assertThat(body.path("deal").path("stage_id").asLong()).isEqualTo(12);
        assertThat(body.path("deal").path("custom_fields").path("a1b2c3").asText()).isEqualTo("delivery-9");
        assertThat(body.path("dealKey").path("field").asText()).isEqualTo("a1b2c3");
        assertThat(body.path("dealKey").path("value").asText()).isEqualTo("delivery-9");
    }

    @Test
    void aDealsAnswerKeepsThePersonAsTheCustomersIdAndNamesTheDeal() {
        DeliveryResult made = connector.interpret(DeliveryAnswer.http(201, Map.of(),
                "{\"success\":true,\"data\":{\"id\":5,\"title\":\"Pro Plan – Jane Doe\",\"person_id\":7}}"));
        assertThat(made).isEqualTo(new DeliveryResult.Delivered("deal 5 for person 7", "7"));
        // API v1 answers the person as an object
        assertThat(connector.interpret(DeliveryAnswer.http(201, Map.of(),
                "{\"success\":true,\"data\":{\"id\":5,\"title\":\"x\",\"person_id\":{\"value\":7,\"name\":\"Jane\"}}}")))
                .isEqualTo(new DeliveryResult.Delivered("deal 5 for person 7", "7"));
        DeliveryResult earlier = connector.interpret(DeliveryAnswer.http(200,
                Map.of(PipedriveDealRequests.EARLIER_DEAL, "true"),
                "{\"success\":true,\"data\":{\"id\":5,\"title\":\"x\",\"person_id\":7}}"));
        assertThat(earlier.summary()).contains("deal 5").contains("earlier attempt");
        assertThat(((DeliveryResult.Delivered) earlier).externalId()).isEqualTo("7");
        assertThat(connector.interpret(DeliveryAnswer.http(200, Map.of(),
                "{\"success\":true,\"data\":{\"id\":7,\"name\":\"Jane Doe\"}}")))
                .isEqualTo(new DeliveryResult.Delivered("person 7", "7"));
    }

    @Test
    void aRefusedDealIsPermanentAndMaintenanceIsRetried() {
        assertThat(connector.interpret(DeliveryAnswer.http(400, Map.of(),
                "{\"success\":false,\"error\":\"Deal title must be given.\"}")))
                .isInstanceOf(DeliveryResult.Permanent.class);
        assertThat(connector.interpret(DeliveryAnswer.http(503, Map.of(), "{\"success\":false}")))
                .isInstanceOf(DeliveryResult.RetryLater.class);
    }

    @Test
    void withoutANameInTheEventThePersonAndTheDealGetTheOneUmhubKeeps() throws Exception {
        PlatformEvent nameless = new UltimateMultisiteAdapter().normalise("payment_received",
                Fixtures.object("payment_received.json").put("customer_name", ""), Instant.now()).event();
        JsonNode body = body(connector.prepare(nameless, List.of("create_deal"), known, "key-1"));
        assertThat(body.path("person").path("name").asText()).isEqualTo("Jane Doe");
        assertThat(body.path("deal").path("title").asText()).isEqualTo("Pro Plan – Jane Doe");
        body = body(connector.prepare(nameless, List.of("create_deal"), null, "key-1"));
        assertThat(body.path("deal").path("title").asText()).isEqualTo("Pro Plan – jane@example.com");
    }
}
