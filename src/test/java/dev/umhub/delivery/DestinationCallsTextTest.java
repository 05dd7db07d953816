package dev.umhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A provider's answer body as the attempt records it, whatever type the HTTP component left it in. */
class DestinationCallsTextTest {

    private final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void start() {
        camel.start(); // its type converters are loaded on start
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void anEmptyAnswerHasNoText() {
        assertThat(DestinationCalls.text(answer(null))).isNull();
    }

    @Test
    void bytesAreReadAsUtf8() {
        String json = "{\"status\":\"COMPLETE\",\"name\":\"Zoë Müller\"}";
        assertThat(DestinationCalls.text(answer(json.getBytes(StandardCharsets.UTF_8)))).isEqualTo(json);
    }

    @Test
    void bytesAreReadInTheCharsetTheAnswerNamed() {
        Message m = answer("Zoë, 403 verboten".getBytes(StandardCharsets.ISO_8859_1));
        m.getExchange().setProperty(Exchange.CHARSET_NAME, "ISO-8859-1"); // as the HTTP component sets it
        assertThat(DestinationCalls.text(m)).isEqualTo("Zoë, 403 verboten");
    }

    @Test
    void textStaysAsItIs() {
        assertThat(DestinationCalls.text(answer("rate limited"))).isEqualTo("rate limited");
    }

    @Test
    void otherTypesGoThroughCamelsConverters() {
        byte[] bytes = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        assertThat(DestinationCalls.text(answer(new ByteArrayInputStream(bytes)))).isEqualTo("{\"ok\":true}");
    }

    private Message answer(Object body) {
        Message m = new DefaultExchange(camel).getMessage();
        m.setBody(body);
        return m;
    }
}
