package dev.umhub.ultimatemultisite.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.umhub.store.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Calls the platform's REST API with Basic auth (API key and secret) and, for user emails, WordPress's own API with
 * an application password. The paging and cursor logic lives with the callers; this class only turns answers into
 * JSON or a {@link PlatformRestException} whose message carries no secret.
 */
@Component
public class PlatformRestClient {

    static final String API = "/wp-json/wu/v2/";

    private final PlatformRestProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;

    public PlatformRestClient(PlatformRestProperties properties, Json json) {
        this.properties = properties;
        this.json = json.mapper();
        this.http = HttpClient.newBuilder().connectTimeout(properties.getTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A list route ({@code customer}, {@code membership}, ...): the platform answers a bare JSON array. */
    public ArrayNode list(String route, Map<String, String> query) {
        JsonNode answer = send("GET", API + route + queryString(query), null, platformAuth());
        if (!answer.isArray()) {
            throw new PlatformRestException(200, "GET " + API + route + " answered JSON that is not a list");
        }
        return (ArrayNode) answer;
    }

    public JsonNode get(String path) {
        return send("GET", API + path, null, platformAuth());
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", API + path, body, platformAuth());
    }

    /** A WordPress user with {@code context=edit}, which is the only view that includes the email. */
    public JsonNode wordPressUser(String userId) {
        return send("GET", "/wp-json/wp/v2/users/" + encode(userId) + "?context=edit", null,
                basic(properties.getWpUser(), properties.getWpAppPassword()));
    }

    private JsonNode send(String method, String pathAndQuery, JsonNode body, String authorization) {
        String where = method + " " + pathAndQuery.replaceAll("\\?.*", "");
        URI uri;
        try {
            uri = URI.create(base() + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new PlatformRestException(0, "umhub.sources.ultimate-multisite.rest.base-url is not a valid URL");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.getTimeout()).header("Accept", "application/json")
                .header("Authorization", authorization);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new PlatformRestException(0, where + " timed out after " + properties.getTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new PlatformRestException(0, where + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformRestException(0, where + " interrupted");
        }
        int status = answer.statusCode();
        if (status == 401 || status == 403) {
            throw new PlatformRestException(status, where + " answered " + status
                    + ": the platform refused the credentials");
        }
        if (status < 200 || status > 299) {
            throw new PlatformRestException(status, where + " answered " + status);
        }
        try {
            return json.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new PlatformRestException(status, where + " answered " + status + " with a body that is not JSON");
        }
    }

    private String base() {
        String base = properties.getBaseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private String platformAuth() {
        return basic(properties.getApiKey(), properties.getApiSecret());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return "?" + query.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
