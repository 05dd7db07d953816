package dev.umhub.fakes;

import java.util.ArrayDeque;
import java.util.Deque;

/** Statuses a fake answers before it answers normally again: {@code fail(503, 503)} makes the next two calls 503. */
final class FaultQueue {

    /**
     * One injected answer: a status (with an optional Retry-After), or, with status 0, the normal answer after a delay.
     */
    record Fault(int status, Integer retryAfterSeconds, int delayMillis) {
        Fault(int status, Integer retryAfterSeconds) {
            this(status, retryAfterSeconds, 0);
        }
    }

    private final Deque<Fault> faults = new ArrayDeque<>();
    private volatile Integer stickyStatus;
    private volatile int stickyDelayMillis;

    synchronized void add(Fault f) {
        faults.add(f);
    }

    /** Every call answers this status until {@link #clear()}. */
    void always(int status) {
        stickyStatus = status;
    }

    /** Every call answers normally but only after this delay, until {@link #clear()}. */
    void alwaysDelay(int millis) {
        stickyDelayMillis = millis;
    }

    synchronized Fault next() {
        if (stickyStatus != null) {
            return new Fault(stickyStatus, null);
        }
        Fault f = faults.poll();
        return f == null && stickyDelayMillis > 0 ? new Fault(0, null, stickyDelayMillis) : f;
    }

    synchronized void clear() {
        faults.clear();
        stickyStatus = null;
        stickyDelayMillis = 0;
    }
}
