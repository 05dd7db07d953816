package dev.umhub.ultimatemultisite.reconcile;

import dev.umhub.store.SourceStateStore;
import dev.umhub.ultimatemultisite.enrich.PlanCatalog;
import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import dev.umhub.ultimatemultisite.lifecycle.LifecycleTracker;
import dev.umhub.ultimatemultisite.platform.PlatformRestClient;
import dev.umhub.ultimatemultisite.platform.PlatformRestException;
import dev.umhub.ultimatemultisite.platform.PlatformRestProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One reconciliation poll, called by the timer route {@code routes/sources/ultimate-multisite-rest.yaml}: new
 * customers, then memberships and payments changed since their cursors. A failure (platform down, slow, 401, 5xx)
 * keeps every cursor where it was, is recorded for {@code GET /api/sources}, and makes the next polls wait longer,
 * doubling up to {@code max-backoff}; the first poll that succeeds again catches up from the cursors.
 */
@Component("ultimateMultisiteReconciler")
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final PlatformRestProperties properties;
    private final SourceStateStore cursors;
    private final Clock clock;
    private final NewCustomersStream customers;
    private final ModifiedSinceStream memberships;
    private final ModifiedSinceStream payments;
    private final String owner = UUID.randomUUID().toString();

    public Reconciler(PlatformRestClient client, PlatformRestProperties properties, SourceStateStore cursors,
                      LifecycleTracker tracker, PlanCatalog plans, Clock clock) {
        this.properties = properties;
        this.cursors = cursors;
        this.clock = clock;
        StreamContext ctx = new StreamContext(client, properties, cursors, tracker, plans, clock);
        this.customers = new NewCustomersStream(ctx);
        // memberships before payments: a payment's checkout event then finds its membership and plan
        this.memberships = new ModifiedSinceStream(EntityKind.MEMBERSHIP, ctx);
        this.payments = new ModifiedSinceStream(EntityKind.PAYMENT, ctx);
    }

    /** The source its polls feed, as events and metrics name it. */
    public String source() {
        return StreamContext.SOURCE;
    }

    /** Whether it polls at all: only once the REST API's address and keys are configured. */
    public boolean isConfigured() {
        return properties.isConfigured();
    }

    /**
     * When a poll last read everything through, by whichever instance sharing the store: what the reconciliation's
     * lag is measured from. Empty before the first successful poll.
     */
    public java.util.Optional<Instant> lastSuccessAt() {
        return java.util.Optional.ofNullable(cursors.health(StreamContext.SOURCE).lastSuccessAt());
    }

    /** Runs one poll unless the REST API is not configured, another instance holds the lease, or we back off. */
    public void poll() {
        if (!properties.isConfigured()) {
            return;
        }
        Instant now = clock.instant();
        if (!cursors.claim(StreamContext.SOURCE, owner, now, now.plus(lease()))) {
            return;
        }
        try {
            customers.run();
            memberships.run();
            payments.run();
            int failuresBefore = cursors.health(StreamContext.SOURCE).failures();
            cursors.succeeded(StreamContext.SOURCE, clock.instant());
            if (failuresBefore > 0) {
                log.info("Ultimate Multisite REST API answers again after {} failed polls; caught up from the cursors",
                        failuresBefore);
            }
        } catch (PlatformRestException e) {
            failed(e.getMessage());
        } catch (RuntimeException e) {
            // a bug or the store: never let it escape into the timer route, report it like a platform failure
            log.error("Ultimate Multisite reconciliation failed", e);
            failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            cursors.release(StreamContext.SOURCE, owner);
        }
    }

    private void failed(String error) {
        int failures = cursors.health(StreamContext.SOURCE).failures() + 1;
        Duration wait = backoff(properties.getPollInterval(), properties.getMaxBackoff(), failures);
        Instant now = clock.instant();
        cursors.failed(StreamContext.SOURCE, error, now, now.plus(wait));
        log.warn("Ultimate Multisite REST poll failed ({} in a row): {}; cursors kept, next try in {} s", failures, error,
                wait.toSeconds());
    }

    /** The poll interval, doubled for each failure in a row after the first, at most {@code max}. */
    static Duration backoff(Duration interval, Duration max, int failures) {
        Duration wait = interval;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** Long enough for a slow poll, short enough that another instance takes over soon after a crash. */
    private Duration lease() {
        Duration perRequest = properties.getTimeout().multipliedBy(3);
        return perRequest.compareTo(Duration.ofMinutes(5)) > 0 ? perRequest : Duration.ofMinutes(5);
    }
}
