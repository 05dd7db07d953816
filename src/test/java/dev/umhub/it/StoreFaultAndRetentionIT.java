package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.umhub.delivery.RetentionPurge;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** When the store cannot be written the sender is told to retry (503), never 202; old settled data is purged. */
class StoreFaultAndRetentionIT {

    @TempDir
    Path work;

    @Test
    void aStoreThatCannotBeWrittenAnswers503AndNothingIsAcknowledged() throws Exception {
        Map<String, Object> props = StandaloneUmhub.defaults(work);
        props.put("umhub.store.pool-size", "3");
        try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
            // every connection taken (a store that stopped answering looks the same to the pool): 503 once the
            // pool's connection timeout (2 s) is over, not after a 30 s wait and never a 500
            javax.sql.DataSource pool = umhub.context().getBean(Store.class).dataSource();
            java.util.List<java.sql.Connection> held = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(pool.getConnection());
                }
                long started = System.nanoTime();
                Http.Answer busy = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()));
                long ms = (System.nanoTime() - started) / 1_000_000;
                System.out.println("StoreFaultAndRetentionIT: pool exhausted, answered " + busy.status() + " in " + ms
                        + " ms");
                assertThat(busy.status()).as(busy.body()).isEqualTo(503);
                assertThat(busy.raw().headers().firstValue("Retry-After")).isPresent();
                assertThat(busy.contentType()).startsWith("application/problem+json");
                assertThat(ms).as("answered after the pool's timeout, not a 30 s wait").isLessThan(15_000);
            } finally {
                for (java.sql.Connection c : held) {
                    c.close();
                }
            }

            JdbcTemplate jdbc = umhub.context().getBean(Store.class).template();
            // the door writes one table: the intake journal, where the message is appended before the answer
            jdbc.execute("ALTER TABLE umhub_intake RENAME TO umhub_intake_gone");
            try {
                Http.Answer a = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()));
                assertThat(a.status()).isEqualTo(503);
                assertThat(a.contentType()).startsWith("application/problem+json");
                assertThat(a.raw().headers().firstValue("Retry-After")).isPresent();
                assertThat(a.body()).doesNotContain("SQL").doesNotContain("umhub_intake");
            } finally {
                jdbc.execute("ALTER TABLE umhub_intake_gone RENAME TO umhub_intake");
            }
            assertThat(umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).status()).isEqualTo(202);
        }
    }

    @Test
    void retentionPurgesSettledEventsDeadLettersAndQuarantineButNeverPendingWork() throws Exception {
        try (Ga4Fake ga4 = new Ga4Fake("G-RET", "ret-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            StandaloneUmhub.withGa4(props, ga4, "G-RET", "ret-secret");
            props.put("umhub.retention.delivered", "1s");
            props.put("umhub.retention.dead-letters", "1s");
            props.put("umhub.retention.quarantine", "1s");
            try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
                String delivered = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()))
                        .json().path("id").asText();
                await().atMost(Duration.ofSeconds(10)).until(() -> ga4.recorded("purchase").size() == 1);
                ga4.failAlways(503); // this one stays pending, retrying
                String pending = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()))
                        .json().path("id").asText();
                umhub.http.webhook("payment_received", "[not an object]".getBytes(StandardCharsets.UTF_8));
                Thread.sleep(1500);

                umhub.context().getBean(RetentionPurge.class).purge();
                assertThat(umhub.http.admin("GET", "/api/events/" + delivered, null).status()).isEqualTo(404);
                assertThat(umhub.http.admin("GET", "/api/events/" + pending, null).status()).isEqualTo(200);
                assertThat(umhub.http.get("/api/quarantine")).isEmpty();
            }
        }
    }
}
