package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.Fixtures;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.fakes.HubSpotFake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every shared fixture through the real routes, rules and connectors, against fakes that check auth. */
class EveryFixtureEndToEndIT extends UmhubIT {

    /** fixture -> slug and canonical type. */
    private static final Map<String, String[]> FIXTURES = new LinkedHashMap<>();

    static {
        FIXTURES.put("payment_received.json", new String[] {"payment_received", "payment.received"});
        FIXTURES.put("payment_received-free-plan.json", new String[] {"payment_received", "payment.received"});
        FIXTURES.put("payment_received-no-membership.json", new String[] {"payment_received", "payment.received"});
        FIXTURES.put("payment_updated-failed.json", new String[] {"payment_updated", "payment.failed"});
        FIXTURES.put("membership_updated-cancelled.json", new String[] {"membership_updated", "membership.cancelled"});
        FIXTURES.put("renewal_payment_created.json", new String[] {"renewal_payment_created", "renewal_payment.created"});
        FIXTURES.put("site_published.json", new String[] {"site_published", "site.published"});
        FIXTURES.put("domain_created.json", new String[] {"domain_created", "domain.created"});
        FIXTURES.put("confirm_email_address.json", new String[] {"confirm_email_address", "customer.email_verification_requested"});
        FIXTURES.put("customer_created.json", new String[] {"customer_created", "customer.created"});
        FIXTURES.put("test-event-payment_received.json", new String[] {"payment_received", "payment.received"});
        FIXTURES.put("real-2.4.10/payment_received-1.json", new String[] {"payment_received", "payment.received"});
        FIXTURES.put("real-2.4.10/renewal_payment_created-1.json", new String[] {"renewal_payment_created", "renewal_payment.created"});
        FIXTURES.put("real-2.4.10/site_published-1.json", new String[] {"site_published", "site.published"});
        FIXTURES.put("real-2.4.10/domain_created-1.json", new String[] {"domain_created", "domain.created"});
        FIXTURES.put("real-2.4.10/confirm_email_address-1.json", new String[] {"confirm_email_address", "customer.email_verification_requested"});
        FIXTURES.put("real-2.4.10/test-event-payment_received-1.json", new String[] {"payment_received", "payment.received"});
        FIXTURES.put("real-2.4.10/test-event-customer_created-1.json", new String[] {"customer_created", "customer.created"});
    }

    @Test
    void everyFixtureIsAcceptedDecidedAndDeliveredWhereTheRulesSay() {
        Map<String, String> ids = new LinkedHashMap<>();
        FIXTURES.forEach((fixture, slugAndType) -> {
            Http.Answer a = http.webhook(slugAndType[0], Fixtures.bytes(fixture));
            assertThat(a.status()).as(fixture).isEqualTo(202);
            assertThat(a.json().path("type").asText()).as(fixture).isEqualTo(slugAndType[1]);
            assertThat(a.json().path("duplicate").asBoolean()).as(fixture).isFalse();
            ids.put(fixture, a.json().path("id").asText());
        });

        List<String> wantContacts = List.of("alice@example.com", "bobby@example.com", "jane@example.com",
                "jane@example.com", "jane@example.com");
        Set<String> wantGa4 = Set.of("purchase:PMT3X9QK", "purchase:PMTSVC01", "purchase:0R9WM68M2D",
                "membership_cancelled:77", "payment_failed:PMTFAIL7");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(contacts()).containsExactlyInAnyOrderElementsOf(wantContacts);
            assertThat(ga4()).containsExactlyInAnyOrderElementsOf(wantGa4);
        });

        // the CRM contact id came back and is kept with the customer
        JsonNode jane = http.get("/api/customers/41");
        assertThat(jane.path("externalIds").path("hubspot").asText()).isEqualTo(HubSpotFake.contactId("jane@example.com"));
        // one stable GA4 client id per customer, the customer id as user id
        List<Ga4Fake.Recorded> janes = GA4.recorded().stream().filter(r -> "41".equals(r.userId())).toList();
        assertThat(janes).hasSize(4);
        assertThat(janes.stream().map(Ga4Fake.Recorded::clientId).distinct()).containsExactly(jane.path("externalIds").path("ga4").asText());

        // the platform's test event was decided (rules fired) but not delivered
        JsonNode test = http.event(ids.get("test-event-payment_received.json"));
        assertThat(test.path("test").asBoolean()).isTrue();
        assertThat(test.path("rulesFired")).isNotEmpty();
        assertThat(test.path("deliveries")).allSatisfy(d -> {
            assertThat(d.path("status").asText()).isEqualTo("SKIPPED");
            assertThat(d.path("note").asText()).contains("test event");
            assertThat(d.path("attemptHistory")).isEmpty();
        });
        assertThat(HUBSPOT.acceptedInputs().toString()).doesNotContain("mockeduser@dev.dev").doesNotContain("<img");

        // every event says which rules fired and what they chose
        JsonNode paid = http.event(ids.get("payment_received.json"));
        assertThat(paid.path("rulesFired").toString()).contains("Paying customers are kept in the CRM",
                "Completed payments above zero are GA4 purchases");
        assertThat(paid.path("deliveries")).hasSize(2).allSatisfy(d -> {
            assertThat(d.path("status").asText()).isEqualTo("DELIVERED");
            assertThat(d.path("attemptHistory")).hasSize(1);
            assertThat(d.path("request").toString()).doesNotContain(HUBSPOT_TOKEN).doesNotContain(GA4_SECRET);
        });
        JsonNode free = http.event(ids.get("payment_received-free-plan.json"));
        assertThat(free.path("deliveries")).isEmpty();
    }

    /**
     * One entry per delivery that reached HubSpot: an attempt that timed out on umhub's side but still arrived is
     * sent again with the same key (at least once), so calls are counted by key, not one by one.
     */
    private static List<String> contacts() {
        return HUBSPOT.acceptedInputs().stream()
                .collect(Collectors.toMap(i -> i.path("objectWriteTraceId").asText(), i -> i.path("id").asText(),
                        (a, b) -> a))
                .values().stream().collect(Collectors.toList());
    }

    /** One entry per GA4 event umhub delivered, counted by key like {@link #contacts()}. */
    private static List<String> ga4() {
        List<String> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Ga4Fake.Recorded r : GA4.recorded()) {
            if (!seen.add(r.name() + "/" + r.params().path("umhub_delivery_id").asText())) {
                continue;
            }
            String key = switch (r.name()) {
                case "purchase" -> r.params().path("transaction_id").asText();
                case "membership_cancelled" -> r.params().path("membership_id").asText();
                default -> r.params().path("payment_reference").asText();
            };
            out.add(r.name() + ":" + key);
        }
        return out;
    }
}
