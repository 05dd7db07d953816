package dev.umhub.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.store.Json;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The person and deal calls of one attempt, as the route makes them, without the route. */
class PipedriveDealRequestsTest {

    private final ObjectMapper json = new Json().mapper();
    private final PipedriveProperties properties = new PipedriveProperties();
    private final PipedriveRequests persons = new PipedriveRequests(properties, new Json());
    private final PipedriveDealRequests deals = new PipedriveDealRequests(properties, new Json());

    PipedriveDealRequestsTest() {
        properties.setApiToken("tok");
    }

    private static Exchange attempt(String delivery) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.setProperty(PipedriveAttempt.DELIVERY, delivery);
        return e;
    }

    private static final String DEAL_ONLY = "{\"email\":\"jane@example.com\",%s\"person\":{\"name\":\"Jane\"},"
            + "\"writePerson\":false,\"deal\":{\"title\":\"Pro Plan – Jane\",\"value\":29,\"currency\":\"USD\","
            + "\"status\":\"open\"},\"dealKey\":{\"field\":\"k1\",\"value\":\"delivery-1\"}}";

    @Test
    void aDealAloneWritesThePersonOnlyWhenThereIsNone() {
        Exchange known = attempt(DEAL_ONLY.formatted("\"personId\":\"7\","));
        assertThat(persons.needsSearch(known)).isFalse();
        assertThat(persons.writesPerson(known)).isFalse();

        Exchange found = attempt(DEAL_ONLY.formatted(""));
        found.getIn().setBody("{\"success\":true,\"data\":{\"items\":[{\"item\":{\"id\":9}}]}}");
        persons.found(found);
        assertThat(persons.writesPerson(found)).isFalse();

        Exchange none = attempt(DEAL_ONLY.formatted(""));
        none.getIn().setBody("{\"success\":true,\"data\":{\"items\":[]}}");
        persons.found(none);
        assertThat(persons.writesPerson(none)).isTrue();
        persons.write(none);
        assertThat(none.getIn().getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(deals.looksForEarlierDeal(none)).as("a person made just now has no deals").isFalse();
    }

    @Test
    void theDealGetsThePersonsIdAsANumber() throws Exception {
        Exchange e = attempt(DEAL_ONLY.formatted(""));
        e.getIn().setBody("{\"success\":true,\"data\":{\"id\":12,\"name\":\"Jane\"}}");
        persons.written(e);
        deals.write(e);
        assertThat(e.getIn().getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(e.getIn().getHeader(Exchange.HTTP_URI, String.class))
                .isEqualTo("https://api.pipedrive.com/api/v2/deals?api_token=tok");
        JsonNode sent = json.readTree(e.getIn().getBody(String.class));
        assertThat(sent.path("person_id").isNumber()).isTrue();
        assertThat(sent.path("person_id").asLong()).isEqualTo(12);
        assertThat(sent.path("title").asText()).isEqualTo("Pro Plan – Jane");
    }

    @Test
    void aDealWithThisDeliverysKeyIsTheAnswerInsteadOfASecondDeal() throws Exception {
        Exchange e = attempt(DEAL_ONLY.formatted("\"personId\":\"7\","));
        assertThat(deals.looksForEarlierDeal(e)).isTrue();
        deals.list(e);
        assertThat(e.getIn().getHeader(Exchange.HTTP_URI, String.class)).isEqualTo("https://api.pipedrive.com"
                + "/api/v2/deals?person_id=7&sort_by=id&sort_direction=desc&limit=100&custom_fields=k1&api_token=tok");

        e.getIn().setBody("{\"success\":true,\"data\":[{\"id\":4,\"person_id\":7,\"custom_fields\":{\"k1\":\"other\"}}]}");
        assertThat(deals.earlierDeal(e)).isFalse();

        e.getIn().setBody("{\"success\":true,\"data\":[{\"id\":4,\"person_id\":7,\"custom_fields\":{\"k1\":null}},"
                + "{\"id\":3,\"person_id\":7,\"title\":\"Pro Plan – Jane\",\"custom_fields\":{\"k1\":\"delivery-1\"}}]}");
        assertThat(deals.earlierDeal(e)).isTrue();
        deals.answerEarlierDeal(e);
        assertThat(e.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(e.getIn().getHeader(PipedriveDealRequests.EARLIER_DEAL)).isEqualTo("true");
        assertThat(json.readTree(e.getIn().getBody(String.class)).path("data").path("id").asInt()).isEqualTo(3);
    }

    @Test
    void withoutAKeyFieldThereIsNothingToLookFor() {
        Exchange e = attempt("{\"email\":\"jane@example.com\",\"personId\":\"7\",\"person\":{},\"writePerson\":false,"
                + "\"deal\":{\"title\":\"t\"}}");
        assertThat(deals.makesDeal(e)).isTrue();
        assertThat(deals.looksForEarlierDeal(e)).isFalse();
        assertThat(deals.makesDeal(attempt("{\"email\":\"jane@example.com\",\"person\":{}}"))).isFalse();
    }
}
