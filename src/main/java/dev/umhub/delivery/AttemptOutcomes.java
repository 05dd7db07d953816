package dev.umhub.delivery;

import java.time.Duration;

/**
 * How delivery attempts ended, told once they are recorded in the outbox: the metrics' view of delivery. Called by
 * each lane's poller for every attempt, so an implementation must be cheap and must not block; {@link #NONE} when
 * nothing listens.
 */
public interface AttemptOutcomes {

    /** Tells nothing to no one: umhub without a meter registry, and tests. */
    AttemptOutcomes NONE = new AttemptOutcomes() {
        @Override
        public void called(String destination, Duration took) {
        }

        @Override
        public void recorded(String destination, String outcome) {
        }
    };

    /** One request to a destination ended, answered or not, after {@code took}; a batch is one request. */
    void called(String destination, Duration took);

    /**
     * One delivery's attempt was recorded with this outcome: {@code delivered}, {@code retry}, or a dead letter,
     * {@code exhausted} (out of retries) or {@code permanent} (refused for good), as the attempt history names them.
     */
    void recorded(String destination, String outcome);
}
