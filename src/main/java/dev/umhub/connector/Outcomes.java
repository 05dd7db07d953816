package dev.umhub.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How a send ended, by the rules every destination shares unless its connector knows better: a route that threw is
 * retried, unless it marked the failure permanent ({@link PermanentDeliveryException} or the header
 * {@link DeliveryAnswer#PERMANENT_HEADER}); an HTTP 2xx is delivered; 408, 425, 429 and 5xx are worth another try
 * (honouring Retry-After); other 4xx are permanent; a transport without a status that completed has delivered.
 */
public final class Outcomes {

    private static final int EXCERPT = 300;

    private Outcomes() {
    }

    /** The shared reading of an answer. */
    public static DeliveryResult standard(DeliveryAnswer answer) {
        if (answer.failed()) {
            return transportFailure(answer);
        }
        if (answer.status() == null || answer.is2xx()) {
            return new DeliveryResult.Delivered(answer.status() == null ? "sent" : "HTTP " + answer.status(), null);
        }
        return failure(answer);
    }

    /** A route that ended with an exception: retried unless it said the failure is permanent. */
    public static DeliveryResult transportFailure(DeliveryAnswer answer) {
        Throwable e = answer.failure();
        String summary = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if ("true".equalsIgnoreCase(answer.header(DeliveryAnswer.PERMANENT_HEADER)) || isPermanent(e)) {
            return new DeliveryResult.Permanent(summary);
        }
        return new DeliveryResult.RetryLater(summary, null);
    }

    private static boolean isPermanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PermanentDeliveryException || t instanceof UnmappableEventException) {
                return true;
            }
        }
        return false;
    }

    /** An HTTP answer that is not 2xx, by the status's own meaning. */
    public static DeliveryResult failure(DeliveryAnswer answer) {
        int s = answer.status();
        String summary = "HTTP " + s + ": " + excerpt(answer.body());
        if (s == 408 || s == 425 || s == 429 || s >= 500) {
            return new DeliveryResult.RetryLater(summary, retryAfter(answer.header("Retry-After")));
        }
        return new DeliveryResult.Permanent(summary);
    }

    /** Retry-After as delay-seconds or an HTTP-date; null when absent or unreadable. */
    public static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    public static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String b = body.strip();
        return b.length() <= EXCERPT ? b : b.substring(0, EXCERPT) + "...";
    }
}
