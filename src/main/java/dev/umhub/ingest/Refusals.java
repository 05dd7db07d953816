package dev.umhub.ingest;

/**
 * Messages umhub refused at its door, by reason: the metrics' view of what senders get wrong. The reason is the
 * problem's title ({@code Wrong token}, {@code Invalid payment_id}, {@code Unknown event slug}): a short text from
 * umhub's code, never from the message, so it is safe to count by. {@link #NONE} when nothing listens.
 */
@FunctionalInterface
public interface Refusals {

    /** Tells nothing to no one: umhub without a meter registry, and tests. */
    Refusals NONE = reason -> {
    };

    void refused(String reason);
}
