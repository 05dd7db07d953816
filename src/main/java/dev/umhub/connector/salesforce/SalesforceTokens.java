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
 * answers 401 to it. Each token has a generation, which the route hands back with the answer
 * ({@link SalesforceRequest#GENERATION}): a 401 to an older generation is retried with the current token; a 401 to
 * the current one drops it, and is retried once a new token is asked for, unless that token never worked (the
 * connected app or its user is wrong). The token request is a plain blocking call, made on a sender thread and under
 * a lock of its own, so reading the state (from the HTTP client's event loop, when answers are read) never waits for it.
 */
public class SalesforceTokens {

    /** A token, where to use it, and its generation. */
    public record Token(String accessToken, String instanceUrl, long generation) {
    }

    private final SalesforceProperties properties;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Object asking = new Object();
    private Token current;
    private long generations;
    /** Whether a request with the current generation has worked: a 401 to a token that never did is not retried. */
    private boolean worked;
    /** The same for the last generation dropped, for the answers of its other requests still in flight. */
    private boolean droppedHadWorked;

    public SalesforceTokens(SalesforceProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** The token to send with, asked for when there is none. */
    public Token token() {
        synchronized (asking) {
            Token t = current();
            if (t != null) {
                return t;
            }
            Token fresh = ask();
            synchronized (this) {
                generations++;
                current = new Token(fresh.accessToken(), fresh.instanceUrl(), generations);
                worked = false;
                return current;
            }
        }
    }

    private synchronized Token current() {
        return current;
    }

    /** A request sent with this generation's token worked. */
    public synchronized void worked(long generation) {
        if (current != null && generation == current.generation()) {
            worked = true;
        }
    }

    /**
     * Salesforce answered 401 to a request sent with this generation's token. True when one more try is worth it: a
     * newer token exists, or the refused one had worked before (it expired); false when a token that never worked was
     * refused.
     */
    public synchronized boolean refused(long generation) {
        if (generation < generations) {
            return true; // sent with an older token: the current one decides at the next try
        }
        if (current != null && current.generation() == generation) {
            droppedHadWorked = worked;
            current = null;
        }
        return droppedHadWorked;
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
        return new Token(body.path("access_token").asText(), instance, 0);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
