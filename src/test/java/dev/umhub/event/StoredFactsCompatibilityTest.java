package dev.umhub.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.store.Json;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Events stored before a fact gained a field read back with the field null, and new events round-trip. */
class StoredFactsCompatibilityTest {

    private final Json json = new Json();

    @Test
    void aMembershipStoredWithoutTheBillingPeriodReadsBackWithNulls() {
        Membership m = json.read("""
                {"id":"77","status":"active","amount":29,"description":"$29.00 every month","someLaterField":1}""",
                Membership.class);
        assertThat(m.id()).isEqualTo("77");
        assertThat(m.amount()).isEqualByComparingTo("29");
        assertThat(m.billingPeriod()).isNull();
        assertThat(m.billingInterval()).isNull();
    }

    @Test
    void aPlanStoredWithoutTheBillingPeriodReadsBackWithNulls() {
        Plan p = json.read("""
                {"id":"1","name":"Pro Plan","pricingType":"paid","duration":1,"durationUnit":"month"}""", Plan.class);
        assertThat(p.duration()).isEqualTo(1);
        assertThat(p.billingPeriod()).isNull();
        assertThat(p.billingInterval()).isNull();
    }

    @Test
    void aStoredBillingCountryNameReadsBackAsItsCode() {
        assertThat(json.read("{\"country\":\"Netherlands\",\"city\":\"Rotterdam\"}", Billing.class).country())
                .isEqualTo("NL");
        assertThat(json.read("{\"city\":\"Rotterdam\"}", Billing.class).country()).isNull();
    }

    @Test
    void newFieldsRoundTrip() {
        Membership m = new Membership("2", "active", "392W264Q5N", new BigDecimal("29"), new BigDecimal("29"), "USD",
                "$ 29.00 every 3 months", "manual", null, null, "month", 3);
        assertThat(json.read(json.write(m), Membership.class)).isEqualTo(m);
        Plan p = new Plan("1", "Pro Plan", "plan", "paid", new BigDecimal("29"), "USD", 3, "month", "month", 3);
        assertThat(json.read(json.write(p), Plan.class)).isEqualTo(p);
    }
}
