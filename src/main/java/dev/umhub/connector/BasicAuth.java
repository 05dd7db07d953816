package dev.umhub.connector;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code Authorization} value of HTTP Basic auth, for destination routes whose provider wants an empty password
 * (Segment's write key): the HTTP components' own basic-auth options need both parts. In a route:
 * {@code simple: "${bean:umhubBasicAuth?method=header('{{umhub.destinations.segment.write-key}}', '')}"}.
 */
public class BasicAuth {

    public String header(String user, String password) {
        String pair = (user == null ? "" : user) + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
