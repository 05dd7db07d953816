package dev.umhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.umhub.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small HTTP client for the tests: webhooks in, admin API out. */
public final class Http {

    public static final String ADMIN_TOKEN = "admin-it-token";
    public static final String WEBHOOK_TOKEN = "webhook-it-token";

    /**
     * HTTP/1.1 as the platform's senders speak it: the JDK's default (HTTP/2) opens every connection with an h2c
     * upgrade offer Tomcat ignores, a dance no webhook sender makes.
     */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    private final int port;

    public Http(int port) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    /** An answer with its body parsed when it is JSON. */
    public record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return Fixtures.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public int port() {
        return port;
    }

    public Answer webhook(String slug, byte[] body) {
        return webhook(slug, body, WEBHOOK_TOKEN, null);
    }

    public Answer webhook(String slug, byte[] body, String token, String contentType) {
        String q = token == null ? "" : "?token=" + token;
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/webhooks/ultimate-multisite/" + slug + q))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        HttpRequest request = r.build();
        try {
            return sendOnce(request);
        } catch (IOException noAnswer) {
            // The connection closed with no answer at all (once in CI: "header parser received no bytes"), as when a
            // kept-alive connection the server closes for idleness is taken from the client's pool at that moment
            // (failsafe keeps the client's idle connections shorter than umhub's 5 s; the JDK re-sends only
            // idempotent methods). A sender sends such a webhook again. If the door had journaled it, the second
            // answer says duplicate: umhub took a body and never answered, which fails the test.
            System.out.println("Http: no answer to POST " + request.uri().getPath() + " (" + noAnswer
                    + "), sent again");
            Answer again;
            try {
                again = sendOnce(request);
            } catch (IOException stillNone) {
                stillNone.addSuppressed(noAnswer);
                throw new UncheckedIOException(stillNone);
            }
            if (again.status() == 202 && again.json().path("duplicate").asBoolean()) {
                throw new AssertionError("umhub journaled a webhook and closed the connection without answering",
                        noAnswer);
            }
            return again;
        }
    }

    public Answer send(HttpRequest request) {
        try {
            return sendOnce(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer sendOnce(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> res = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(res.statusCode(), res.headers().firstValue("Content-Type").orElse(""), res.body(), res);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    public Answer admin(String method, String path, String jsonBody) {
        HttpRequest.Builder r = request(path).header("Authorization", "Bearer " + ADMIN_TOKEN);
        r.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            r.header("Content-Type", "application/json");
        } else if (!"GET".equals(method)) {
            r.header("X-Umhub-Request", "1"); // an admin write without a body: shows it is no cross-site form
        }
        return send(r.build());
    }

    /**
     * An event's detail ({@code /api/events/{id}}) once its message is processed: a 202 comes as soon as the message is
     * journaled, its decision and deliveries right after. Waits up to 15 s.
     */
    public JsonNode event(String eventId) {
        JsonNode[] detail = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> (detail[0] = get("/api/events/" + eventId)).has("event"));
        return detail[0];
    }

    /**
     * Messages the intake journal holds, whatever their state: what the door stored (events are made from them a
     * moment later, so counting events races with processing).
     */
    public long journaled() {
        long n = 0;
        for (JsonNode count : get("/api/intake").path("messages")) {
            n += count.asLong();
        }
        return n;
    }

    /** The event's delivery to a destination as {@code /api/events/{id}} shows it; a missing node while there is none. */
    public JsonNode delivery(String eventId, String destination) {
        for (JsonNode d : event(eventId).path("deliveries")) {
            if (destination.equals(d.path("destination").asText())) {
                return d;
            }
        }
        return MissingNode.getInstance();
    }

    /** A route file's state as {@code /api/routes} shows it; a missing node when umhub does not know the file. */
    public JsonNode routeFile(String file) {
        for (JsonNode f : get("/api/routes")) {
            if (file.equals(f.path("file").asText())) {
                return f;
            }
        }
        return MissingNode.getInstance();
    }

    public JsonNode get(String path) {
        Answer a = admin("GET", path, null);
        if (a.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }
}
