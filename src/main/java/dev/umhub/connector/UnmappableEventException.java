package dev.umhub.connector;

/** The event lacks what the provider needs; the delivery becomes a dead letter with this message. */
public class UnmappableEventException extends RuntimeException {

    public UnmappableEventException(String message) {
        super(message);
    }
}
