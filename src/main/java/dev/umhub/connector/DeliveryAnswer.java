package dev.umhub.connector;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a destination's route answered one send, whatever its transport: the HTTP status, headers and body where the
 * route called something that has them, or only the exception it ended with. Header names are case-insensitive.
 *
 * @param status  the HTTP status ({@code CamelHttpResponseCode}), or null for a transport without one
 * @param failure the exception the route ended with, or null when it completed
 */
public record DeliveryAnswer(Integer status, Map<String, String> headers, String body, Throwable failure) {

    /** A header a route sets (for example in an {@code onException}) to mark its failure as permanent. */
    public static final String PERMANENT_HEADER = "UmhubPermanentFailure";

    public DeliveryAnswer {
        Map<String, String> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            ci.putAll(headers);
        }
        headers = ci;
        body = body == null ? "" : body;
    }

    /** An HTTP answer. */
    public static DeliveryAnswer http(int status, Map<String, String> headers, String body) {
        return new DeliveryAnswer(status, headers, body, null);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public boolean is2xx() {
        return status != null && status >= 200 && status < 300;
    }

    public boolean failed() {
        return failure != null;
    }
}
