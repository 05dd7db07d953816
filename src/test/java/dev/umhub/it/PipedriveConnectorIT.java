package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.fakes.PipedriveFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pipedrive connector against a fake that, like Pipedrive, has no upsert: a customer's first delivery searches by
 * email and creates the person, the next ones update it by the id umhub kept, and a person that exists already is
 * found and updated, never created twice; 429 waits for the reset, 401 is a dead letter.
 */
class PipedriveConnectorIT {

    static final String RULE = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;
            import dev.umhub.event.Customer;

            rule "Customers go to Pipedrive"
            when
                PlatformEvent( type in ("payment.received", "membership.cancelled", "payment.failed") )
                Customer( email != null )
            then
                insert(new Dispatch("pipedrive", "upsert_contact"));
            end
            """;

    @TempDir
    Path work;

    private StandaloneUmhub start(PipedriveFake pipedrive, String token) throws Exception {
        Map<String, Object> p = StandaloneUmhub.defaults(work);
        Files.delete(work.resolve("rules/integrations.drl"));
        Files.writeString(work.resolve("rules/crm.drl"), RULE);
        p.put("umhub.destinations.pipedrive.base-url", pipedrive.baseUrl());
        p.put("umhub.destinations.pipedrive.api-token", token);
        p.put("umhub.destinations.pipedrive.plan-field", "d4de1c1518b4531717c676029a45911c340390a6");
        p.put("umhub.destinations.pipedrive.retry-backoff", "300ms,300ms");
        p.put("umhub.destinations.pipedrive.retry-jitter", "0");
        return StandaloneUmhub.start(p);
    }

    private static String status(StandaloneUmhub umhub, String id) {
        return umhub.http.delivery(id, "pipedrive").path("status").asText();
    }

    @Test
    void aPersonIsFoundByEmailCreatedOnceAndThenUpdatedByItsId() throws Exception {
        try (PipedriveFake pipedrive = new PipedriveFake("pd-token"); StandaloneUmhub umhub = start(pipedrive,
                "pd-token")) {
            ObjectNode paid = Payloads.paidPayment();
            String email = paid.path("customer_user_email").asText();
            String first = umhub.http.webhook("payment_received", Payloads.bytes(paid)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, first)));
            assertThat(pipedrive.personsWithEmail(email)).hasSize(1);
            assertThat(pipedrive.personsWithEmail(email).get(0).path("custom_fields")
                    .path("d4de1c1518b4531717c676029a45911c340390a6").asText()).isNotBlank();
            assertThat(pipedrive.calls()).containsExactly("GET /api/v2/persons/search", "POST /api/v2/persons");

            // the same customer fails a payment: umhub knows the person's id, so it updates without a search
            ObjectNode failed = Payloads.failedPayment().put("customer_id", paid.path("customer_id").asLong())
                    .put("customer_user_email", email).put("customer_name", "Alice Renamed");
            String second = umhub.http.webhook("payment_updated", Payloads.bytes(failed)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, second)));
            assertThat(pipedrive.calls()).hasSize(3).last().isEqualTo("PATCH /api/v2/persons/1");
            assertThat(pipedrive.personsWithEmail(email)).hasSize(1);
            assertThat(pipedrive.personsWithEmail(email).get(0).path("name").asText()).isEqualTo("Alice Renamed");

            // a customer new to umhub whose person exists already (made by hand): found and updated, not duplicated
            ObjectNode other = Payloads.paidPayment().put("customer_user_email", email);
            pipedrive.rateLimitNext(1);
            String third = umhub.http.webhook("payment_received", Payloads.bytes(other)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, third)));
            assertThat(pipedrive.personsWithEmail(email)).hasSize(1);
            assertThat(umhub.http.delivery(third, "pipedrive").path("attemptHistory")).hasSize(2);
            assertThat(umhub.http.delivery(third, "pipedrive").path("attemptHistory").get(0).path("httpStatus")
                    .asInt()).isEqualTo(429);
            assertThat(umhub.http.delivery(third, "pipedrive").toString()).doesNotContain("pd-token");
        }
    }

    @Test
    void twoCustomersSharingAnEmailAreOnePersonNotTwo() throws Exception {
        try (PipedriveFake pipedrive = new PipedriveFake("pd-token"); StandaloneUmhub umhub = start(pipedrive,
                "pd-token")) {
            String email = "shared" + System.nanoTime() + "@example.com";
            String a = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()
                    .put("customer_user_email", email))).json().path("id").asText();
            String b = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()
                    .put("customer_user_email", email).put("customer_name", "Bea Second"))).json().path("id").asText();
            // the second waits for the first, then finds the person it made and updates it
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, a))
                    && "DELIVERED".equals(status(umhub, b)));
            assertThat(pipedrive.personsWithEmail(email)).as("serialised per email").hasSize(1);
            assertThat(pipedrive.calls()).filteredOn(c -> c.startsWith("PATCH")).hasSize(1);
            assertThat(pipedrive.calls()).filteredOn(c -> c.startsWith("POST")).hasSize(1);
        }
    }

    @Test
    void aPersonDeletedInPipedriveIsMadeAgainNotADeadLetter() throws Exception {
        try (PipedriveFake pipedrive = new PipedriveFake("pd-token"); StandaloneUmhub umhub = start(pipedrive,
                "pd-token")) {
            ObjectNode paid = Payloads.paidPayment();
            String email = paid.path("customer_user_email").asText();
            String first = umhub.http.webhook("payment_received", Payloads.bytes(paid)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, first)));
            pipedrive.deletePerson(1);
            ObjectNode failed = Payloads.failedPayment().put("customer_id", paid.path("customer_id").asLong())
                    .put("customer_user_email", email);
            String second = umhub.http.webhook("payment_updated", Payloads.bytes(failed)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, second)));
            assertThat(pipedrive.calls()).containsExactly("GET /api/v2/persons/search", "POST /api/v2/persons",
                    "PATCH /api/v2/persons/1", "GET /api/v2/persons/search", "POST /api/v2/persons");
            assertThat(umhub.http.delivery(second, "pipedrive").path("externalId").asText()).isEqualTo("2");
        }
    }

    @Test
    void aWrongTokenIsADeadLetter() throws Exception {
        try (PipedriveFake pipedrive = new PipedriveFake("pd-token"); StandaloneUmhub umhub = start(pipedrive,
                "not-the-token")) {
            String id = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json()
                    .path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DEAD".equals(status(umhub, id)));
            assertThat(umhub.http.delivery(id, "pipedrive").path("errorClass").asText()).isEqualTo("http_401");
        }
    }
}
