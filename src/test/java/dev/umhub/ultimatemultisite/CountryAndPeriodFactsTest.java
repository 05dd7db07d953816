package dev.umhub.ultimatemultisite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.event.PlatformEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The country and billing period facts of webhook events, from the real 2.4.10 bodies and the model events' fields. */
class CountryAndPeriodFactsTest {

    private final UltimateMultisiteAdapter adapter = new UltimateMultisiteAdapter();

    private PlatformEvent normalise(String slug, ObjectNode body) {
        return adapter.normalise(slug, body, Instant.parse("2026-11-28T10:00:00Z")).event();
    }

    /** A stock 2.4.10 body has no billing fields: the country comes from the address text, the rest stays null. */
    @Test
    void aReal2410BodyGetsTheCountryFromItsFreeTextAddress() {
        ObjectNode body = Fixtures.object("real-2.4.10/payment_received-1.json");
        String address = "alice\nalice@example.com\nKeizersgracht 1\nNL\nNoord-Holland\nAmsterdam\n1012 AB";
        body.put("customer_billing_address", address);
        PlatformEvent e = normalise("payment_received", body);
        assertThat(e.data().billing().country()).isEqualTo("NL");
        assertThat(e.data().billing().addressLine1()).as("nothing else is read from the text").isNull();
        assertThat(e.customer().billingAddress()).as("the text stays as sent").isEqualTo(address);
    }

    @Test
    void aReal2410BodyWhoseAddressNamesNoCountryHasNoBilling() {
        PlatformEvent e = normalise("payment_received", Fixtures.object("real-2.4.10/payment_received-1.json"));
        assertThat(e.data().billing()).isNull();
        PlatformEvent carol = normalise("confirm_email_address",
                Fixtures.object("real-2.4.10/confirm_email_address-1.json")); // "carol\ncarol@example.com"
        assertThat(carol.data().billing()).isNull();
        PlatformEvent mock = normalise("payment_received", Fixtures.object("real-2.4.10/test-event-payment_received-1.json"));
        assertThat(mock.data().billing()).isNull();
        assertThat(mock.test()).isTrue();
    }

    @Test
    void aStructuredCountryIsNormalisedAndWinsOverTheText() {
        PlatformEvent cancelled = normalise("membership_updated", Fixtures.object("membership_updated-cancelled.json"));
        assertThat(cancelled.data().billing().country()).isEqualTo("NL");
        assertThat(cancelled.data().billing().companyName()).isEqualTo("ACME Ltd");

        ObjectNode body = Fixtures.object("customer_created.json");
        body.put("billing_country", "Spain");
        assertThat(normalise("customer_created", body).data().billing().country()).isEqualTo("ES");
        body.put("billing_country", "España");
        assertThat(normalise("customer_created", body).data().billing().country()).isEqualTo("ES");
        // unknown: null, not the address's other lines (the text ends in "ES" here)
        body.put("billing_country", "Narnia");
        PlatformEvent unknown = normalise("customer_created", body);
        assertThat(unknown.data().billing().country()).isNull();
        assertThat(unknown.data().billing().city()).isEqualTo("Madrid");
    }

    @Test
    void billingFieldsWithoutACountryFieldGetItFromTheText() {
        ObjectNode body = Fixtures.object("customer_created.json");
        body.remove("billing_country"); // its customer_billing_address still ends in "ES"
        assertThat(normalise("customer_created", body).data().billing().country()).isEqualTo("ES");
        body.remove("customer_billing_address");
        body.put("billing_address_line_1", "Calle Mayor 1, 28013 Madrid, España");
        assertThat(normalise("customer_created", body).data().billing().country())
                .as("the fields joined as the platform joins them").isEqualTo("ES");
    }

    @Test
    void theMembershipDescriptionGivesTheBillingPeriod() {
        PlatformEvent real = normalise("payment_received", Fixtures.object("real-2.4.10/payment_received-1.json"));
        assertThat(real.membership().description()).isEqualTo("$ 29.00 every month");
        assertThat(real.membership().billingPeriod()).isEqualTo("month");
        assertThat(real.membership().billingInterval()).isEqualTo(1);

        PlatformEvent yearly = normalise("renewal_payment_created", Fixtures.object("renewal_payment_created.json"));
        assertThat(yearly.membership().billingPeriod()).isEqualTo("year");

        ObjectNode quarterly = Fixtures.object("payment_received.json");
        quarterly.put("membership_description", "€ 10,00 every 3 months");
        assertThat(normalise("payment_received", quarterly).membership())
                .extracting(m -> m.billingPeriod(), m -> m.billingInterval()).containsExactly("month", 3);

        PlatformEvent free = normalise("payment_received", Fixtures.object("payment_received-free-plan.json"));
        assertThat(free.membership().description()).isEqualTo("Free!");
        assertThat(free.membership().billingPeriod()).isNull();
        assertThat(free.membership().billingInterval()).isNull();
    }

    @Test
    void theCountryParsedFromTheAddressIsTheSameAtEveryReadingSoItsEventKeepsOneId() {
        ObjectNode body = Fixtures.object("real-2.4.10/payment_received-1.json");
        body.put("customer_billing_address", "alice\nalice@example.com\nNL");
        assertThat(normalise("payment_received", body.deepCopy()).id()).isEqualTo(normalise("payment_received", body).id());
    }
}
