package dev.umhub.ultimatemultisite;

import java.util.Map;
import java.util.Objects;
import org.hashids.Hashids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's public reference codes. The plugin derives a model's reference from its id alone (Hashids of the id,
 * salted with the model's name, at least 10 characters of {@code A-Z1-90}; no site secret), and its REST objects do
 * not carry it: umhub derives it the same way, so a payment has the same reference (GA4's {@code transaction_id})
 * whether a webhook or the REST poll saw it first.
 */
public final class References {

    private static final Logger log = LoggerFactory.getLogger(References.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890";
    private static final int MIN_LENGTH = 10;
    public static final String PAYMENT = "payment";
    public static final String MEMBERSHIP = "membership";
    private static final Map<String, Hashids> BY_MODEL = Map.of(
            PAYMENT, new Hashids(PAYMENT, MIN_LENGTH, ALPHABET),
            MEMBERSHIP, new Hashids(MEMBERSHIP, MIN_LENGTH, ALPHABET));

    private static final java.util.concurrent.atomic.AtomicLong mismatches = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong lastWarning = new java.util.concurrent.atomic.AtomicLong();

    private References() {
    }

    /** The reference the plugin gives this model's id, or null for an id that is not a platform id. */
    public static String of(String model, String id) {
        Hashids hashids = BY_MODEL.get(model);
        if (hashids == null || id == null || id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long n = Long.parseLong(id);
        // Hashids encodes up to 2^53 (the largest integer PHP and JavaScript agree on); larger is no platform id
        return n <= 0 || n > 9_007_199_254_740_992L ? null : hashids.encode(n);
    }

    /**
     * The reference a message carries, or the derived one when it carries none. A message whose reference is not the
     * derived one wins (it is what the platform shows the customer), and the difference is logged: a plugin that
     * changed its scheme, or a message that was not the plugin's.
     */
    public static String reconcile(String model, String id, String given) {
        String derived = of(model, id);
        if (given == null || given.isBlank()) {
            return derived;
        }
        if (derived != null && !Objects.equals(derived, given)) {
            long n = mismatches.incrementAndGet();
            long now = System.nanoTime();
            long last = lastWarning.get();
            // at most one line a minute: a sender whose references all differ must not log one per message
            boolean warn = (n == 1 || now - last > 60_000_000_000L) && lastWarning.compareAndSet(last, now);
            if (warn || log.isDebugEnabled()) {
                String line = "The platform's {} {} has reference {}, not {} as derived from its id; keeping the"
                        + " platform's ({} such messages so far)";
                if (warn) {
                    log.warn(line, model, id, given, derived, n);
                } else {
                    log.debug(line, model, id, given, derived, n);
                }
            }
        }
        return given;
    }
}
