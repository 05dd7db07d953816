package dev.umhub.connector;

import java.util.Map;

/**
 * The request a connector prepared: the body the route sends, and a preview of the whole request for people
 * (dry runs, the event detail API). Secrets in the preview are masked; the route adds the real ones when sending.
 */
public record PreparedRequest(String method, String url, Map<String, String> headers, String body) {
}
