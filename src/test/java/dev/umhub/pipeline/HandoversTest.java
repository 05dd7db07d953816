package dev.umhub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.event.PlatformEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HandoversTest {

    private final AtomicLong now = new AtomicLong();

    private static KeyedEvent keyed(String key) {
        return new KeyedEvent(new PlatformEvent("id-" + key, "ultimate-multisite", "payment.received",
                Instant.EPOCH, "payment/1", "payment_received", false, null), key);
    }

    private Handovers handovers(long maxChars) {
        return new Handovers(maxChars, Duration.ofSeconds(60), now::get);
    }

    @Test
    void aDuplicateNeitherReplacesNorRemovesTheFirstCopy() {
        Handovers h = handovers(1000);
        Handovers.Handed first = h.put(keyed("k"), "first");
        Handovers.Handed duplicate = h.put(keyed("k"), "second");
        h.forget(duplicate); // its append failed: the first one's entry stays
        assertThat(h.take("k")).isSameAs(first);
        assertThat(h.take("k")).isNull();
    }

    @Test
    void whenFullTheOldestStayAndANewMessageIsLeftToTheStore() {
        Handovers h = handovers(10);
        h.put(keyed("a"), "123456");
        Handovers.Handed b = h.put(keyed("b"), "123456"); // no room: read back from the journal when its turn comes
        h.forget(b); // and forgetting what was never kept leaves the rest alone
        assertThat(h.take("b")).isNull();
        assertThat(h.take("a")).as("the processor takes the oldest next").isNotNull();
        h.put(keyed("c"), "1234567890"); // taking made room
        assertThat(h.take("c")).isNotNull();
    }

    @Test
    void entriesNoOneTookForAMinuteMakeRoom() {
        Handovers h = handovers(10);
        h.put(keyed("taken elsewhere"), "123456"); // another instance sharing the store processed it
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        h.put(keyed("young"), "1234");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        h.put(keyed("new"), "12345"); // full: the stale one goes, the young one stays
        assertThat(h.take("taken elsewhere")).isNull();
        assertThat(h.take("young")).isNotNull();
        assertThat(h.take("new")).isNotNull();
    }
}
