package dev.umhub.support;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a worker thread that otherwise looks for work every interval: any number of wake-ups before it next waits
 * count as one, so it never loops once per wake-up that came while it was busy.
 */
public final class Wakeup {

    private final Semaphore permits = new Semaphore(0);

    /** There is work now. */
    public void wake() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Waits until woken or the interval has passed, whichever comes first, and forgets the wake-ups that came. */
    public void await(Duration interval) throws InterruptedException {
        permits.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
        permits.drainPermits();
    }
}
