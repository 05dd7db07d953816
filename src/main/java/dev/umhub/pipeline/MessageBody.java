package dev.umhub.pipeline;

/**
 * The body an event is made from, as the journal keeps it with the event: the text, and the intake row that already
 * holds it, if any. The events made from one message then name that row instead of each storing a copy (a
 * {@code payment_received} webhook becomes three events).
 *
 * @param intakeSeq the intake journal row holding {@code text}; 0 when no row does (an object read from the
 *                  platform's REST API)
 */
public record MessageBody(String text, long intakeSeq) {

    /** A body no intake row holds: each event made from it keeps its own copy. */
    public static MessageBody unjournaled(String text) {
        return new MessageBody(text, 0);
    }

    public boolean journaled() {
        return intakeSeq > 0;
    }
}
