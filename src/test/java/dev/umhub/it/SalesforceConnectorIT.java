package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.fakes.SalesforceFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Salesforce connector against a fake org: Contacts upserted by the customer-id external id field with a client
 * credentials token, the Contact id kept; an expired session refreshed once; the API limit waited for; due Contacts
 * in one sObject Collections request, a refused record a dead letter of its own.
 */
class SalesforceConnectorIT {

    static final String FIELD = "Umhub_Customer_Id__c";
    static final String RULE = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;
            import dev.umhub.event.Customer;

            rule "Customers' changes go to Salesforce"
            when
                PlatformEvent( type in ("payment.received", "membership.cancelled", "payment.failed") )
                Customer( email != null )
            then
                insert(new Dispatch("salesforce", "upsert_contact"));
            end
            """;

    @TempDir
    Path work;

    private StandaloneUmhub start(SalesforceFake org, Map<String, String> more) throws Exception {
        Map<String, Object> p = StandaloneUmhub.defaults(work);
        Files.delete(work.resolve("rules/integrations.drl"));
        Files.writeString(work.resolve("rules/crm.drl"), RULE);
        p.put("umhub.destinations.salesforce.login-url", org.baseUrl());
        p.put("umhub.destinations.salesforce.client-id", "3MVG9-umhub");
        p.put("umhub.destinations.salesforce.client-secret", "sf-client-secret");
        p.put("umhub.destinations.salesforce.plan-field", "Umhub_Plan__c");
        p.put("umhub.destinations.salesforce.retry-backoff", "300ms,300ms,300ms");
        p.put("umhub.destinations.salesforce.retry-jitter", "0");
        p.put("umhub.destinations.salesforce.request-limit-wait", "1s");
        p.putAll(more);
        return StandaloneUmhub.start(p);
    }

    private static String status(StandaloneUmhub umhub, String id) {
        return umhub.http.delivery(id, "salesforce").path("status").asText();
    }

    @Test
    void contactsAreUpsertedByTheCustomerIdAndTheSessionAndLimitAreHandled() throws Exception {
        try (SalesforceFake org = new SalesforceFake("3MVG9-umhub", "sf-client-secret", FIELD);
             StandaloneUmhub umhub = start(org, Map.of())) {
            ObjectNode paid = Payloads.paidPayment();
            String customer = paid.path("customer_id").asText();
            String purchase = umhub.http.webhook("payment_received", Payloads.bytes(paid)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, purchase)));
            SalesforceFake.Contact contact = org.contact(customer);
            assertThat(contact.fields().path("Email").asText()).isEqualTo(paid.path("customer_user_email").asText());
            assertThat(contact.fields().path("LastName").asText()).isNotBlank();
            assertThat(contact.fields().has("Umhub_Plan__c")).isTrue();
            assertThat(umhub.http.delivery(purchase, "salesforce").path("externalId").asText()).isEqualTo(contact.id());

            // the session expires: one 401, a new token, delivered
            org.expireTokens();
            ObjectNode failed = Payloads.failedPayment();
            String failure = umhub.http.webhook("payment_updated", Payloads.bytes(failed)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, failure)));
            assertThat(umhub.http.delivery(failure, "salesforce").path("attemptHistory")).hasSize(2);
            assertThat(org.tokensGiven()).isEqualTo(2);

            // the org's API allowance is used up: 403 REQUEST_LIMIT_EXCEEDED, waited for, delivered
            org.requestLimitNext();
            String churn = umhub.http.webhook("membership_updated", Payloads.bytes(Payloads.cancellation())).json()
                    .path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(umhub, churn)));
            assertThat(umhub.http.delivery(churn, "salesforce").path("attemptHistory").get(0).toString())
                    .contains("REQUEST_LIMIT_EXCEEDED");

            // two Contacts share an external id: 300, nothing written, a dead letter
            ObjectNode twice = Payloads.paidPayment();
            org.makeAmbiguous(twice.path("customer_id").asText());
            String ambiguous = umhub.http.webhook("payment_received", Payloads.bytes(twice)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DEAD".equals(status(umhub, ambiguous)));
            assertThat(umhub.http.delivery(ambiguous, "salesforce").path("lastError").asText()).contains("300");
            assertThat(umhub.http.delivery(purchase, "salesforce").toString()).doesNotContain("sf-client-secret",
                    "00Dfake");
        }
    }

    @Test
    void contactsDueTogetherGoInOneCollectionAndARefusedRecordIsADeadLetterOfItsOwn() throws Exception {
        // one request per 3 s: the first goes alone, the next ones queue and go together
        try (SalesforceFake org = new SalesforceFake("3MVG9-umhub", "sf-client-secret", FIELD);
             StandaloneUmhub umhub = start(org, Map.of("umhub.destinations.salesforce.rate-limit-requests", "1",
                     "umhub.destinations.salesforce.rate-limit-period", "3s"))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ObjectNode paid = Payloads.paidPayment();
                if (i == 3) {
                    paid.put("customer_name", "Jane Refused");
                }
                ids.add(umhub.http.webhook("payment_received", Payloads.bytes(paid)).json().path("id").asText());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().noneMatch(id -> status(umhub, id)
                    .equals("PENDING") || status(umhub, id).isEmpty()));
            assertThat(org.collectionSizes()).isNotEmpty();
            assertThat(status(umhub, ids.get(3))).isEqualTo("DEAD");
            assertThat(umhub.http.delivery(ids.get(3), "salesforce").path("lastError").asText())
                    .contains("FIELD_CUSTOM_VALIDATION_EXCEPTION");
            assertThat(List.of(0, 1, 2, 4)).allMatch(i -> "DELIVERED".equals(status(umhub, ids.get(i))));
        }
    }
}
