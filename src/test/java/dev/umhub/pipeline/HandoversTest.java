package dev.umhub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.event.PlatformEvent;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HandoversTest {

    private final AtomicLong clock = new AtomicLong();

    private static KeyedEvent keyed(String key) {
        return new KeyedEvent(new PlatformEvent("id-" + key, "ultimate-multisite", "payment.received",
                Instant.EPOCH, "payment/1", "payment_received", false, null), key);
    }

    private Handovers handovers(long maxChars) {
        return new Handovers(maxChars, clock::get);
    }

    @Test
    void aDuplicateNeitherReplacesNorRemovesTheFirstCopy() {
        Handovers h = handovers(1000);
        Handovers.Handed first = h.put(keyed("k"), 5);
        Handovers.Handed duplicate = h.put(keyed("k"), 6);
        h.forget(duplicate); // its append failed: the first one's entry stays
        assertThat(h.take("k")).isSameAs(first);
        assertThat(h.take("k")).isNull();
    }

    @Test
    void whenFullTheOldestStayAndANewMessageIsLeftToTheStore() {
        Handovers h = handovers(10);
        Handovers.Handed a = h.put(keyed("a"), 6);
        h.put(keyed("b"), 6); // no room: read back from the journal when its turn comes
        Handovers.Handed again = h.put(keyed("a"), 6); // a duplicate of a, sent while it is full
        h.forget(again); // its append failed: the original stays
        assertThat(h.take("b")).isNull();
        assertThat(h.take("a")).as("the processor takes the oldest next").isSameAs(a);
        h.put(keyed("c"), 10); // taking made room, to the character
        assertThat(h.take("c")).isNotNull();
    }

    @Test
    void aBacklogKeepsItsOldestHoweverLongTheyWait() {
        Handovers h = handovers(10);
        h.put(keyed("a"), 5);
        clock.addAndGet(3_600_000_000_000L); // an hour behind: still the next the processor takes
        h.put(keyed("b"), 6);
        assertThat(h.take("a")).isNotNull();
    }

    @Test
    void whatWasKeptBeforeAReadOfEveryPendingMessageGoes() {
        Handovers h = handovers(10);
        h.put(keyed("processed elsewhere"), 6); // another instance sharing the store took it
        clock.incrementAndGet();
        long readFrom = h.now();
        h.put(keyed("appended during the read"), 4);
        h.dropKeptBefore(readFrom);
        assertThat(h.take("processed elsewhere")).isNull();
        assertThat(h.take("appended during the read")).isNotNull();
        h.put(keyed("room again"), 10);
        assertThat(h.take("room again")).as("its characters were given back").isNotNull();
    }
}
