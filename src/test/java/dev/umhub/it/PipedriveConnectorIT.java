package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.fakes.PipedriveFake;
import dev.umhub.fakes.PlatformFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pipedrive connector against a fake that, like Pipedrive, has no upsert: a customer's first delivery searches by
 * email and creates the person, the next ones update it by the id umhub kept, and a person that exists already is
 * found and updated, never created twice; 429 waits for the reset, 401 is a dead letter. {@code create_deal} opens a
 * deal for the person (made first when there is none), once, also across retries.
 */
class PipedriveConnectorIT {

    /** The rule of docs/rules.md: plan upgrades, which umhub derives from its REST polls, become deals. */
    static final String UPGRADE_RULE = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;
            import dev.umhub.event.Change;
            import dev.umhub.event.Customer;

            rule "Plan upgrades become Pipedrive deals"
            when
                PlatformEvent( type == "membership.plan_changed" )
                Change( direction == "upgrade" )
                Customer( email != null )
            then
                insert(new Dispatch("pipedrive", "create_deal"));
            end
            """;

    /** For the retry tests, driven by webhooks: a payment keeps the person and opens a deal, in one delivery. */
    static final String PAYMENT_DEAL_RULE = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;
            import dev.umhub.event.Customer;

            rule "Payments keep the person and open a deal"
            when
                PlatformEvent( type == "payment.received" )
                Customer( email != null )
            then
                insert(new Dispatch("pipedrive", "upsert_contact"));
                insert(new Dispatch("pipedrive", "create_deal"));
            end
            """;

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
        return start(pipedrive, token, RULE, Map.of());
    }

    private StandaloneUmhub start(PipedriveFake pipedrive, String token, String rule, Map<String, Object> more)
            throws Exception {
        Map<String, Object> p = StandaloneUmhub.defaults(work);
        Files.delete(work.resolve("rules/integrations.drl"));
        Files.writeString(work.resolve("rules/crm.drl"), rule);
        withPipedrive(p, pipedrive, token);
        p.putAll(more);
        return StandaloneUmhub.start(p);
    }

    private static void withPipedrive(Map<String, Object> p, PipedriveFake pipedrive, String token) {
        p.put("umhub.destinations.pipedrive.base-url", pipedrive.baseUrl());
        p.put("umhub.destinations.pipedrive.api-token", token);
        p.put("umhub.destinations.pipedrive.plan-field", "d4de1c1518b4531717c676029a45911c340390a6");
        p.put("umhub.destinations.pipedrive.retry-backoff", "300ms,300ms");
        p.put("umhub.destinations.pipedrive.retry-jitter", "0");
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

    /**
     * The rule of the docs on a real {@code membership.plan_changed}: umhub polls a platform whose customer moves from
     * the free plan to Pro (29 USD a month). The person is new to Pipedrive, so it is searched for, made, and the
     * deal opened for it; at the next upgrade umhub knows the person and only opens the deal.
     */
    @Test
    void aPlanUpgradeBecomesOneDealForTheCustomersPerson() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (PipedriveFake pipedrive = new PipedriveFake("pd-token");
             LifecycleHub hub = new LifecycleHub(work, platform, p -> {
                 withPipedrive(p, pipedrive, "pd-token");
                 try {
                     Files.writeString(work.resolve("rules/pipedrive.drl"), UPGRADE_RULE);
                 } catch (java.io.IOException e) {
                     throw new java.io.UncheckedIOException(e);
                 }
             })) {
            hub.awaitBaseline();
            // polled customers carry no email: umhub keeps the one a webhook told it (membership 3's customer is 4)
            ObjectNode created = Fixtures.object("customer_created.json").put("customer_id", 4)
                    .put("customer_user_id", 5).put("customer_name", "Ada Upgrader")
                    .put("customer_user_email", "upgrader@example.com");
            hub.http().event(hub.http().webhook("customer_created", Payloads.bytes(created)).json().path("id").asText());
            // membership 3 is on the free plan (2, 0 USD); the customer moves to Pro (1, 29 USD)
            platform.save("membership", platform.get("membership", 3).put("plan_id", 1).put("amount", 29));
            await().atMost(Duration.ofSeconds(10)).until(() -> !hub.events("membership.plan_changed").isEmpty());
            String upgrade = hub.event("membership.plan_changed", "membership/3").path("event").path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(hub.umhub, upgrade)));

            ObjectNode person = pipedrive.personsWithEmail("upgrader@example.com").get(0);
            ObjectNode deal = pipedrive.deals().get(0);
            assertThat(deal.path("person_id").asLong()).isEqualTo(person.path("id").asLong());
            assertThat(deal.path("value").decimalValue()).isEqualByComparingTo("29");
            assertThat(deal.path("currency").asText()).isEqualTo("USD");
            assertThat(deal.path("title").asText()).isEqualTo("Pro Plan – Ada Upgrader");
            assertThat(deal.path("status").asText()).isEqualTo("open");
            assertThat(pipedrive.calls()).containsExactly("GET /api/v2/persons/search", "POST /api/v2/persons",
                    "POST /api/v2/deals");
            JsonNode delivery = hub.umhub.http.delivery(upgrade, "pipedrive");
            assertThat(delivery.path("externalId").asText()).as("the person stays the customer's id there")
                    .isEqualTo(person.path("id").asText());
            assertThat(delivery.path("attemptHistory").get(0).path("responseExcerpt").asText())
                    .isEqualTo("deal 1 for person " + person.path("id").asText());

            // down to free (no deal) and up again: umhub knows the person now, and only opens the deal
            platform.save("membership", platform.get("membership", 3).put("plan_id", 2).put("amount", 0));
            await().atMost(Duration.ofSeconds(15)).until(() -> hub.events("membership.plan_changed").size() == 2);
            platform.save("membership", platform.get("membership", 3).put("plan_id", 1).put("amount", 29));
            await().atMost(Duration.ofSeconds(15)).until(() -> pipedrive.deals().size() == 2);
            assertThat(pipedrive.calls()).hasSize(4).last().isEqualTo("POST /api/v2/deals");
            assertThat(pipedrive.deals().get(1).path("person_id").asLong()).isEqualTo(person.path("id").asLong());
            assertThat(pipedrive.personsWithEmail("upgrader@example.com")).hasSize(1);
        }
    }

    /**
     * A deal Pipedrive refused with 503 (maintenance) was not made: the retry finds the person the first attempt made,
     * updates it and makes the one deal.
     */
    @Test
    void aDealRefusedWith503IsMadeOnceByTheRetry() throws Exception {
        try (PipedriveFake pipedrive = new PipedriveFake("pd-token");
             StandaloneUmhub umhub = start(pipedrive, "pd-token", PAYMENT_DEAL_RULE, Map.of())) {
            pipedrive.answerNext("POST /api/v2/deals", 503);
            ObjectNode paid = Payloads.paidPayment();
            String email = paid.path("customer_user_email").asText();
            String id = umhub.http.webhook("payment_received", Payloads.bytes(paid)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, id)));
            assertThat(pipedrive.calls()).containsExactly(
                    "GET /api/v2/persons/search", "POST /api/v2/persons", "POST /api/v2/deals",
                    "GET /api/v2/persons/search", "PATCH /api/v2/persons/1", "POST /api/v2/deals");
            assertThat(pipedrive.personsWithEmail(email)).hasSize(1);
            assertThat(pipedrive.deals()).hasSize(1);
            ObjectNode deal = pipedrive.deals().get(0);
            assertThat(deal.path("person_id").asLong()).isEqualTo(1);
            assertThat(deal.path("value").decimalValue()).isEqualByComparingTo("29");
            assertThat(deal.path("currency").asText()).isEqualTo("USD");
            JsonNode attempts = umhub.http.delivery(id, "pipedrive").path("attemptHistory");
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0).path("httpStatus").asInt()).isEqualTo(503);
            assertThat(umhub.http.delivery(id, "pipedrive").path("externalId").asText()).isEqualTo("1");
        }
    }

    /**
     * Pipedrive made the deal but its answer was lost (a gateway's 503 after the write): with {@code deal-key-field}
     * the retry finds the deal by the delivery's key among the person's and makes no second one.
     */
    @Test
    void aDealWhoseAnswerWasLostIsFoundByItsKeyNotMadeTwice() throws Exception {
        String keyField = "8f0c2a55e1d94b7f6a3c9e0d1b2f4a6c8e0d2b4f";
        try (PipedriveFake pipedrive = new PipedriveFake("pd-token");
             StandaloneUmhub umhub = start(pipedrive, "pd-token", PAYMENT_DEAL_RULE,
                     Map.of("umhub.destinations.pipedrive.deal-key-field", keyField))) {
            pipedrive.loseNextAnswer("POST /api/v2/deals", 503);
            String id = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json()
                    .path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, id)));
            assertThat(pipedrive.deals()).hasSize(1);
            assertThat(pipedrive.calls()).containsExactly(
                    "GET /api/v2/persons/search", "POST /api/v2/persons", "POST /api/v2/deals",
                    "GET /api/v2/persons/search", "PATCH /api/v2/persons/1", "GET /api/v2/deals");
            JsonNode delivery = umhub.http.delivery(id, "pipedrive");
            assertThat(pipedrive.deals().get(0).path("custom_fields").path(keyField).asText())
                    .isEqualTo(delivery.path("id").asText());
            assertThat(delivery.path("attemptHistory").get(1).path("responseExcerpt").asText())
                    .startsWith("deal 1 (made by an earlier attempt");
            assertThat(delivery.path("externalId").asText()).isEqualTo("1");
        }
    }

    /**
     * The documented limit: without {@code deal-key-field} umhub cannot tell that a deal whose answer was lost was
     * made, and the retry makes a second one (at least once, as Pipedrive has no idempotency key).
     */
    @Test
    void withoutAKeyFieldALostAnswerMakesASecondDealTheDocumentedLimit() throws Exception {
        try (PipedriveFake pipedrive = new PipedriveFake("pd-token");
             StandaloneUmhub umhub = start(pipedrive, "pd-token", PAYMENT_DEAL_RULE, Map.of())) {
            pipedrive.loseNextAnswer("POST /api/v2/deals", 503);
            String id = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json()
                    .path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, id)));
            assertThat(pipedrive.deals()).hasSize(2);
        }
    }
}
