package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.fakes.KafkaBroker;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka destination against a real broker (KRaft, in the test's JVM): canonical events on the topic, keyed by
 * customer, with the delivery key in a header; a record the broker can never take is a dead letter at once; a broker
 * that does not answer is retried, not given up.
 */
class KafkaConnectorIT {

    static final String RULE = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;

            rule "Lifecycle events go to Kafka"
            when
                PlatformEvent( type in ("payment.received", "membership.cancelled", "payment.failed") )
            then
                insert(new Dispatch("kafka", "publish"));
            end
            """;

    @TempDir
    Path work;

    private StandaloneUmhub start(String brokers) throws Exception {
        Map<String, Object> p = StandaloneUmhub.defaults(work);
        Files.delete(work.resolve("rules/integrations.drl"));
        Files.writeString(work.resolve("rules/kafka.drl"), RULE);
        p.put("umhub.destinations.kafka.brokers", brokers);
        p.put("umhub.destinations.kafka.topic", "umhub-test-events");
        p.put("umhub.destinations.kafka.retry-backoff", "1s,1s,1s,1s,1s,1s,1s,1s");
        p.put("umhub.destinations.kafka.retry-jitter", "0");
        return StandaloneUmhub.start(p);
    }

    @Test
    void eventsGoToTheTopicKeyedByCustomerAndARecordTooLargeIsADeadLetter() throws Exception {
        Properties small = new Properties();
        small.put("message.max.bytes", "8000");
        try (KafkaBroker broker = new KafkaBroker(work.resolve("kafka"), small);
             StandaloneUmhub umhub = start(broker.bootstrapServers())) {
            ObjectNode paid = Payloads.paidPayment();
            ObjectNode failed = Payloads.failedPayment();
            String purchase = umhub.http.webhook("payment_received", Payloads.bytes(paid)).json().path("id").asText();
            String failure = umhub.http.webhook("payment_updated", Payloads.bytes(failed)).json().path("id").asText();

            List<ConsumerRecord<String, String>> records = broker.read("umhub-test-events", 2, Duration.ofSeconds(30));
            assertThat(records).hasSize(2);
            ConsumerRecord<String, String> first = records.stream()
                    .filter(r -> r.key().equals(paid.path("customer_id").asText())).findFirst().orElseThrow();
            JsonNode event = Fixtures.JSON.readTree(first.value());
            assertThat(event.path("type").asText()).isEqualTo("payment.received");
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("data").path("payment").path("referenceCode").asText())
                    .isEqualTo(paid.path("payment_reference_code").asText());
            assertThat(new String(first.headers().lastHeader("umhub-idempotency-key").value(), StandardCharsets.UTF_8))
                    .isEqualTo(umhub.http.delivery(purchase, "kafka").path("id").asText());
            assertThat(records).anyMatch(r -> r.key().equals(failed.path("customer_id").asText()));
            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(umhub.http.delivery(failure, "kafka")
                    .path("status").asText()));

            ObjectNode huge = Payloads.failedPayment().put("customer_name", "x".repeat(20_000));
            String tooLarge = umhub.http.webhook("payment_updated", Payloads.bytes(huge)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> "DEAD".equals(umhub.http.delivery(tooLarge, "kafka")
                    .path("status").asText()));
            assertThat(umhub.http.delivery(tooLarge, "kafka").path("lastError").asText())
                    .contains("RecordTooLargeException");
            assertThat(umhub.http.delivery(tooLarge, "kafka").path("attemptHistory")).hasSize(1);
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsRetriedNotGivenUp() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        try (StandaloneUmhub umhub = start("127.0.0.1:" + nobody)) {
            String id = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json()
                    .path("id").asText();
            await().atMost(Duration.ofSeconds(40)).until(() -> umhub.http.delivery(id, "kafka").path("attemptHistory")
                    .size() >= 2);
            assertThat(umhub.http.delivery(id, "kafka").path("status").asText()).isNotIn("DEAD", "DELIVERED");
        }
    }
}
