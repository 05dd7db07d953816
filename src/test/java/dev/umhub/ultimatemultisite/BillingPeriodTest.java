package dev.umhub.ultimatemultisite;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The billing period from the platform's price text (webhooks) and from its duration fields (REST). */
class BillingPeriodTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "$ 29.00 every month|month|1", // the real 2.4.10 bodies
        "$29.00 every month|month|1",
        "€10.00 every 3 months|month|3",
        "10,00 € every 3 months|month|3",
        "$99.00 every year|year|1",
        "$290.00 every 2 years for 5 cycles|year|2",
        "$ 5.00 every week for 1 cycle|week|1",
        "$1 every day|day|1",
        "$ 29.00 EVERY MONTH|month|1",
    })
    void aRecurringDescriptionTellsThePeriod(String description, String period, int interval) {
        assertThat(BillingPeriod.fromDescription(description)).isEqualTo(new BillingPeriod(period, interval));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Free!", "$5 one time", "$ 99.00 one time payment", "$ 29.00 elke maand",
        "$ 29.00 cada mes", "every 0 months", "every fortnight", "everyday", "Contact us", ""})
    void oneTimeFreeAndUnreadableDescriptionsTellNone(String description) {
        assertThat(BillingPeriod.fromDescription(description)).isEqualTo(BillingPeriod.NONE);
    }

    @Test
    void noDescriptionAndAHugeOneTellNone() {
        assertThat(BillingPeriod.fromDescription(null)).isEqualTo(BillingPeriod.NONE);
        assertThat(BillingPeriod.fromDescription("x".repeat(1_000_000) + " every month")).isEqualTo(BillingPeriod.NONE);
    }

    @Test
    void restFieldsTellThePeriodOfWhatRecurs() {
        assertThat(BillingPeriod.fromFields(true, BigDecimal.ONE, "month")).isEqualTo(new BillingPeriod("month", 1));
        assertThat(BillingPeriod.fromFields(null, new BigDecimal("3"), "Months"))
                .isEqualTo(new BillingPeriod("month", 3));
        assertThat(BillingPeriod.fromFields(true, new BigDecimal("1.0000"), "year"))
                .isEqualTo(new BillingPeriod("year", 1));
        // the real free plan: not recurring, stored as "1 day"
        assertThat(BillingPeriod.fromFields(false, BigDecimal.ONE, "day")).isEqualTo(BillingPeriod.NONE);
        assertThat(BillingPeriod.fromFields(true, BigDecimal.ZERO, "month")).as("lifetime").isEqualTo(BillingPeriod.NONE);
        assertThat(BillingPeriod.fromFields(true, new BigDecimal("1.5"), "month")).isEqualTo(BillingPeriod.NONE);
        assertThat(BillingPeriod.fromFields(true, BigDecimal.ONE, "fortnight")).isEqualTo(BillingPeriod.NONE);
        assertThat(BillingPeriod.fromFields(true, null, "month")).isEqualTo(BillingPeriod.NONE);
        assertThat(BillingPeriod.fromFields(true, BigDecimal.ONE, null)).isEqualTo(BillingPeriod.NONE);
    }
}
