package dev.umhub.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.connector.PermanentDeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The OAuth 2.0 client credentials token (and the instance URL it names), asked for once and kept until Salesforce
 * answers 401: then it is dropped and the next send asks again; a 401 right after a fresh token is not retried. The
 * token request is rare, so it is a plain blocking call on the sender thread (never on an HTTP event loop).
 */
public class SalesforceTokens {

    /** A token and where to use it. */
    public record Token(String accessToken, String instanceUrl) {
    }

    private final SalesforceProperties properties;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Token current;
    private boolean fresh;

    public SalesforceTokens(SalesforceProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** The token to send with, asked for when there is none. */
    public synchronized Token token() {
        if (current == null) {
            current = ask();
            fresh = true;
        }
        return current;
    }

    /** A send with the token succeeded: a later 401 means it expired. */
    public synchronized void worked() {
        fresh = false;
    }

    /**
     * Salesforce answered 401: the token is dropped. True when it is worth one more try (the token was an old one);
     * false when even a fresh token was refused (the connected app or its user is wrong).
     */
    public synchronized boolean refused() {
        boolean retry = current != null && !fresh;
        current = null;
        return retry;
    }

    private Token ask() {
        String form = "grant_type=client_credentials&client_id=" + enc(properties.getClientId()) + "&client_secret="
                + enc(properties.getClientSecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.getLoginUrl() + "/services/oauth2/token"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Salesforce token request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Salesforce for a token", e);
        }
        JsonNode body = dev.umhub.store.Json.readOrEmpty(json, answer.body());
        if (answer.statusCode() == 400 || answer.statusCode() == 401) {
            // invalid_client, invalid_grant: the connected app's settings are wrong; retrying cannot help
            throw new PermanentDeliveryException("Salesforce refused the client credentials: "
                    + body.path("error").asText("HTTP " + answer.statusCode()) + " "
                    + body.path("error_description").asText(""));
        }
        if (answer.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new IllegalStateException("Salesforce token request answered HTTP " + answer.statusCode());
        }
        String instance = properties.getBaseUrl() == null || properties.getBaseUrl().isBlank()
                ? body.path("instance_url").asText() : properties.getBaseUrl();
        return new Token(body.path("access_token").asText(), instance);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
