package dev.umhub.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The HTTP rules every provider shares: 408, 429 and 5xx are worth another try (honouring Retry-After), other
 * 4xx are permanent. Connectors call it for the statuses they have nothing special to say about.
 */
public final class HttpStatusPolicy {

    private static final int EXCERPT = 300;

    private HttpStatusPolicy() {
    }

    public static DeliveryResult failure(HttpAnswer answer) {
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
