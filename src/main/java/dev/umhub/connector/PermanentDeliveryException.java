package dev.umhub.connector;

/**
 * Thrown by a destination route (or a bean it calls) for a failure that sending again cannot fix: the delivery becomes
 * a dead letter at once instead of being retried. Any other exception is retried. A route may also set the header
 * {@link DeliveryAnswer#PERMANENT_HEADER} to {@code true}.
 */
public class PermanentDeliveryException extends RuntimeException {

    public PermanentDeliveryException(String message) {
        super(message);
    }

    public PermanentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
