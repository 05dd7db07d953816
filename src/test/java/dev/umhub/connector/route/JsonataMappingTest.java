package dev.umhub.connector.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.camel.routes.RouteFileException;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.store.Json;
import org.junit.jupiter.api.Test;

class JsonataMappingTest {

    private final ObjectMapper json = new Json().mapper();

    private JsonNode doc(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void aMappingMakesTheBodyFromTheCanonicalDocument() throws Exception {
        JsonataMapping m = JsonataMapping.compile("slack.jsonata",
                "{\"text\": \"Payment failed: \" & data.customer.name, \"key\": idempotencyKey}");
        JsonNode body = m.apply(json, doc("{\"idempotencyKey\": \"k1\", \"data\": {\"customer\": {\"name\": \"Jane\"}}}"));
        assertThat(body.path("text").asText()).isEqualTo("Payment failed: Jane");
        assertThat(body.path("key").asText()).isEqualTo("k1");
    }

    @Test
    void aMappingThatDoesNotCompileNamesItsFileAndLine() {
        RouteFileException e = catchThrowableOfType(RouteFileException.class,
                () -> JsonataMapping.compile("destinations/slack.jsonata", "{\n  \"text\": \"x\" &\n}\n"));
        assertThat(e.file()).isEqualTo("destinations/slack.jsonata");
        assertThat(e.line()).isBetween(2, 3);
        assertThat(e.getMessage()).startsWith("the mapping does not compile");
    }

    @Test
    void aMappingThatFailsOrGivesNothingMakesTheEventUnmappable() throws Exception {
        JsonataMapping failing = JsonataMapping.compile("m", "data.payment ? {\"a\": 1} : $error(\"needs a payment\")");
        assertThatThrownBy(() -> failing.apply(json, doc("{\"data\": {}}"))).isInstanceOf(UnmappableEventException.class)
                .hasMessageContaining("needs a payment");
        JsonataMapping nothing = JsonataMapping.compile("m", "data.missing");
        assertThatThrownBy(() -> nothing.apply(json, doc("{\"data\": {}}"))).isInstanceOf(UnmappableEventException.class)
                .hasMessageContaining("gave nothing");
    }

    @Test
    void aMappingThatLoopsIsStopped() throws Exception {
        JsonataMapping loop = JsonataMapping.compile("m", "($f := function($n) { $f($n + 1) }; $f(0))");
        assertThatThrownBy(() -> loop.apply(json, doc("{}"))).isInstanceOf(UnmappableEventException.class);
    }

    @Test
    void destinationsAreTheRoutesThatConsumeDirectDeliver() {
        assertThat(RouteDestinations.nameOf("direct:deliver-slack")).isEqualTo("slack");
        assertThat(RouteDestinations.nameOf("direct://deliver-crm-bridge?timeout=5")).isEqualTo("crm-bridge");
        assertThat(RouteDestinations.nameOf("direct:ingest")).isNull();
        assertThat(RouteDestinations.nameOf("seda:deliver-x")).isNull();
        assertThat(RouteDestinations.nameOf(null)).isNull();
    }
}
