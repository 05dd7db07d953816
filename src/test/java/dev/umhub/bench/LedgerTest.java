package dev.umhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.umhub.bench.load.WebhookPayloads;
import org.junit.jupiter.api.Test;

/** The books match deliveries to acknowledgements whichever comes first, and count repeats and strays apart. */
class LedgerTest {

    private final WebhookPayloads payloads = new WebhookPayloads("l1");
    private final Ledger ledger = new Ledger(payloads);

    @Test
    void matchesEitherOrderAndMeasuresLagFromTheAck() {
        ledger.accepted(1, "e1", 1_000_000);
        assertThat(ledger.arrived(Ledger.HUBSPOT, payloads.email(1), 4_000_000)).isTrue();
        assertThat(ledger.arrived(Ledger.GA4, payloads.reference(2), 1_500_000)).isTrue(); // before its 202
        ledger.accepted(2, "e2", 2_000_000);

        assertThat(ledger.delivered(Ledger.HUBSPOT)).isEqualTo(1);
        assertThat(ledger.delivered(Ledger.GA4)).isEqualTo(1);
        assertThat(ledger.lag(Ledger.HUBSPOT).getMaxValue()).isCloseTo(3000, within(3L)); // µs, 3 digits
        assertThat(ledger.lag(Ledger.GA4).getMaxValue()).isZero();
        assertThat(ledger.missing(Ledger.HUBSPOT)).containsExactly("e2");
        assertThat(ledger.drained()).isFalse();
        assertThat(ledger.backlogAt(Ledger.HUBSPOT, 3_000_000)).isEqualTo(2);
        assertThat(ledger.backlogClearedAt(Ledger.HUBSPOT, 3_000_000)).isEqualTo(-1);

        ledger.arrived(Ledger.HUBSPOT, payloads.email(2), 5_000_000);
        ledger.arrived(Ledger.GA4, payloads.reference(1), 5_000_000);
        assertThat(ledger.drained()).isTrue();
        assertThat(ledger.backlogClearedAt(Ledger.HUBSPOT, 3_000_000)).isEqualTo(5_000_000);
    }

    @Test
    void repeatsAndOtherPhasesAreNotDeliveries() {
        ledger.accepted(1, "e1", 1);
        ledger.arrived(Ledger.HUBSPOT, payloads.email(1), 2);
        assertThat(ledger.arrived(Ledger.HUBSPOT, payloads.email(1), 3)).isFalse();
        ledger.arrived(Ledger.HUBSPOT, new WebhookPayloads("other").email(1), 4);

        assertThat(ledger.delivered(Ledger.HUBSPOT)).isEqualTo(1);
        assertThat(ledger.duplicates(Ledger.HUBSPOT)).isEqualTo(1);
        assertThat(ledger.unacknowledgedDeliveries(Ledger.HUBSPOT)).isZero();
    }
}
