package dev.umhub.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.event.PlatformEvent;
import dev.umhub.pipeline.KeyedEvent;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Load-generator bodies are valid payment_received payloads, paid and completed, and never duplicates. */
class WebhookPayloadsTest {

    private final WebhookPayloads payloads = new WebhookPayloads("t1");
    private final UltimateMultisiteAdapter adapter = new UltimateMultisiteAdapter();

    @Test
    void everyBodyIsAUniquePaidPaymentWhoseKeysTheFakesReportBack() throws Exception {
        Set<String> keys = new HashSet<>();
        for (long n = 1; n <= 8; n++) {
            ObjectNode body = (ObjectNode) new ObjectMapper().readTree(payloads.body(n));
            KeyedEvent normalised = adapter.normalise(WebhookPayloads.SLUG, body, Instant.now());
            PlatformEvent e = normalised.event();
            assertThat(e.type()).isEqualTo("payment.received");
            assertThat(e.payment().status()).isEqualTo("completed");
            assertThat(e.payment().total()).isPositive();
            assertThat(e.payment().id()).isEqualTo(String.valueOf(n));
            assertThat(e.payment().referenceCode()).isEqualTo(payloads.reference(n));
            assertThat(e.customer().email()).isEqualTo(payloads.email(n));
            assertThat(payloads.owns(payloads.email(n))).isTrue();
            assertThat(payloads.owns(payloads.reference(n))).isTrue();
            keys.add(normalised.idempotencyKey());
        }
        assertThat(keys).hasSize(8);
        assertThat(new WebhookPayloads("t12").owns(payloads.email(1))).isFalse();
    }
}
