package dev.umhub.store;

import java.time.Instant;

/**
 * One message as a source handed it to umhub, appended before the sender's 202.
 *
 * @param destination null unless the sender named the one destination (with its action and its own name)
 * @param body null only for rows carried over from before the intake journal existed
 */
public record IntakeRecord(long seq, String id, String idempotencyKey, String source, String origin, String type,
                           Instant receivedAt, String body, String destination, String action, String sender,
                           String state, int attempts, String error, String eventId, Instant processedAt) {

    public static final String PENDING = "pending";
    public static final String FAILED = "failed";

    /** The same message with its body, read apart ({@link IntakeStore#pending} leaves it out). */
    public IntakeRecord withBody(String text) {
        return new IntakeRecord(seq, id, idempotencyKey, source, origin, type, receivedAt, text, destination, action,
                sender, state, attempts, error, eventId, processedAt);
    }

    /** A message about to be appended: no seq or outcome yet. */
    public static IntakeRecord append(String id, String idempotencyKey, String source, String origin, String type,
                                      Instant receivedAt, String body, String destination, String action, String sender) {
        return new IntakeRecord(0, id, idempotencyKey, source, origin, type, receivedAt, body, destination, action,
                sender, PENDING, 0, null, null, null);
    }
}
