package dev.umhub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.event.PlatformEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HandoversTest {

    private static KeyedEvent keyed(String key) {
        return new KeyedEvent(new PlatformEvent("id-" + key, "ultimate-multisite", "payment.received",
                Instant.EPOCH, "payment/1", "payment_received", false, null), key);
    }

    @Test
    void aDuplicateNeitherReplacesNorRemovesTheFirstCopy() {
        Handovers h = new Handovers(1000);
        Handovers.Handed first = h.put(keyed("k"), "first");
        Handovers.Handed duplicate = h.put(keyed("k"), "second");
        h.forget(duplicate); // its append failed: the first one's entry stays
        assertThat(h.take("k")).isSameAs(first);
        assertThat(h.take("k")).isNull();
    }

    @Test
    void moreCharactersThanTheBoundAreLeftToTheStore() {
        Handovers h = new Handovers(10);
        h.put(keyed("a"), "123456");
        h.put(keyed("b"), "123456"); // over the bound: what was held goes, to be read back from the journal
        assertThat(h.take("a")).isNull();
        assertThat(h.take("b")).isNotNull();
        h.put(keyed("c"), "1234567890");
        assertThat(h.take("c")).isNotNull();
    }
}
