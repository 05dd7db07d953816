package dev.umhub.pipeline;

/**
 * Where the body an event is made from is kept. A message of the intake journal keeps it in its row, which every event
 * made from it names instead of storing a copy (a {@code payment_received} webhook becomes three events); a body no
 * row holds (an object read from the platform's REST API) is copied into each event.
 *
 * @param ownCopy   the text each event keeps; null when an intake row holds it
 * @param intakeSeq the intake journal row holding it; null when none does
 */
public record MessageBody(String ownCopy, Long intakeSeq) {

    /** The body of the intake journal's row {@code seq}. */
    public static MessageBody inIntakeRow(long seq) {
        return new MessageBody(null, seq);
    }

    /** A body no intake row holds: each event made from it keeps its own copy. */
    public static MessageBody unjournaled(String text) {
        return new MessageBody(text, null);
    }
}
