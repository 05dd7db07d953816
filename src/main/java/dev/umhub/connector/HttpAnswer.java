package dev.umhub.connector;

import java.util.Map;
import java.util.TreeMap;

/** A provider's HTTP answer as the destination route returned it. Header names are case-insensitive. */
public record HttpAnswer(int status, Map<String, String> headers, String body) {

    public HttpAnswer {
        Map<String, String> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            ci.putAll(headers);
        }
        headers = ci;
        body = body == null ? "" : body;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public boolean is2xx() {
        return status >= 200 && status < 300;
    }
}
