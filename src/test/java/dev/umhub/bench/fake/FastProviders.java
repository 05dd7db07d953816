package dev.umhub.bench.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fast local stand-ins for HubSpot and GA4 that answer like the real APIs (shared/reference/providers.md), cheaply
 * enough to take thousands of calls a second next to umhub on a small machine. The test fakes (WireMock) check more
 * and record everything; these check what a real provider would refuse and remember nothing but counters.
 *
 * <ul>
 * <li>HubSpot {@code POST /crm/v3/objects/contacts/batch/upsert}: {@code Authorization: Bearer} (401
 * INVALID_AUTHENTICATION otherwise), 1 to 100 inputs with idProperty email (400 VALIDATION_ERROR otherwise), 200
 * COMPLETE with a contact id per email and the {@code new} flag, X-HubSpot-RateLimit-* headers.</li>
 * <li>GA4 {@code POST /mp/collect?measurement_id&api_secret}: 204 always, like the real one; a request with the wrong
 * measurement id or secret, or a body that is not events, is counted as dropped (Google drops it silently).</li>
 * <li>Mixpanel {@code POST /import?strict=1&project_id}: Basic auth with the service account (401 otherwise), a JSON
 * array of 1 to 2,000 events each with {@code $insert_id} (400 with {@code failed_records} otherwise), 200
 * {@code num_records_imported}.</li>
 * <li>Slack {@code POST /services/T/B/X}: a body with {@code text} (400 {@code no_text} otherwise), 200 {@code ok}.</li>
 * </ul>
 * Any can be switched to answer 503 for a while: the outage scenario.
 */
public final class FastProviders implements AutoCloseable {

    public static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";
    public static final String COLLECT = "/mp/collect";
    public static final String IMPORT = "/import";
    public static final String SLACK_HOOK = "/services/T0BENCH/B0BENCH/benchHookSecret";
    private static final java.util.regex.Pattern SLACK_PAYMENT = java.util.regex.Pattern.compile("payment (\\S+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where accepted deliveries are reported: destination, key (email or transaction id), System.nanoTime(). */
    public interface Sink {
        /** @return true when the key is new (HubSpot's "new" flag) */
        boolean arrived(String destination, String key, long nanos);
    }

    /** Credentials the fakes accept. */
    public record Credentials(String hubspotToken, String measurementId, String apiSecret) {
        /** Mixpanel's: the project and service account the fan-out scenario uses. */
        public static final String MIXPANEL_PROJECT = "4242";
        public static final String MIXPANEL_USER = "bench.sa";
        public static final String MIXPANEL_SECRET = "bench-mixpanel-secret";
    }

    private final Credentials credentials;
    private final HttpServer hubspot;
    private final HttpServer ga4;
    private final HttpServer mixpanel;
    private final HttpServer slack;
    private final ExecutorService threads;
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> requests = Map.of("hubspot", new LongAdder(), "ga4", new LongAdder(),
            "mixpanel", new LongAdder(), "slack", new LongAdder());
    private volatile Sink sink = (d, k, t) -> true;

    public FastProviders(Credentials credentials) throws IOException {
        this.credentials = credentials;
        // a cached pool: as many threads as umhub has calls in flight, so the fake never queues them
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-provider");
            t.setDaemon(true);
            return t;
        });
        this.hubspot = server(this::hubspot);
        this.ga4 = server(this::ga4);
        this.mixpanel = server(this::mixpanel);
        this.slack = server(this::slack);
    }

    private HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        s.createContext("/", handler);
        s.setExecutor(threads);
        s.start();
        return s;
    }

    public String hubspotUrl() {
        return "http://127.0.0.1:" + hubspot.getAddress().getPort();
    }

    public String ga4Url() {
        return "http://127.0.0.1:" + ga4.getAddress().getPort();
    }

    public String mixpanelUrl() {
        return "http://127.0.0.1:" + mixpanel.getAddress().getPort();
    }

    public String slackWebhookUrl() {
        return "http://127.0.0.1:" + slack.getAddress().getPort() + SLACK_HOOK;
    }

    public void sink(Sink sink) {
        this.sink = sink;
    }

    /** While down, the destination answers every call 503. */
    public void down(String destination, boolean isDown) {
        if (isDown) {
            down.add(destination);
        } else {
            down.remove(destination);
        }
    }

    /** Answers given so far, e.g. {@code hubspot 200 -> 1234}, {@code ga4 dropped -> 0}; read and reset. */
    public Map<String, Long> takeAnswers() {
        Map<String, Long> out = new TreeMap<>();
        answers.forEach((k, v) -> out.put(k, v.sumThenReset()));
        out.values().removeIf(v -> v == 0);
        return out;
    }

    /** Requests this destination has received so far, whatever it answered. */
    public long requests(String destination) {
        return requests.get(destination).sum();
    }

    private void count(String what) {
        answers.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private void hubspot(HttpExchange x) throws IOException {
        try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            requests.get("hubspot").increment();
            if (!"POST".equals(x.getRequestMethod()) || !UPSERT.equals(x.getRequestURI().getPath())) {
                hubspotError(x, 404, "OBJECT_NOT_FOUND", "Resource not found");
            } else if (!("Bearer " + credentials.hubspotToken()).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                hubspotError(x, 401, "INVALID_AUTHENTICATION", "Authentication credentials not found.");
            } else if (down.contains("hubspot")) {
                hubspotError(x, 503, "SERVICE_UNAVAILABLE", "Service Unavailable");
            } else {
                upsert(x, body, now);
            }
        }
    }

    private void upsert(HttpExchange x, byte[] body, long now) throws IOException {
        JsonNode inputs = read(body).path("inputs");
        if (!inputs.isArray() || inputs.isEmpty() || inputs.size() > 100) {
            hubspotError(x, 400, "VALIDATION_ERROR", "inputs must hold 1 to 100 objects");
            return;
        }
        for (JsonNode input : inputs) {
            if (!"email".equals(input.path("idProperty").asText()) || !input.path("id").asText().contains("@")) {
                hubspotError(x, 400, "VALIDATION_ERROR", "Invalid input: idProperty must be email");
                return;
            }
        }
        String stamp = Instant.now().toString();
        ObjectNode out = JSON.createObjectNode();
        out.put("status", "COMPLETE");
        ArrayNode results = out.putArray("results");
        for (JsonNode input : inputs) {
            String email = input.path("id").asText().toLowerCase();
            ObjectNode r = results.addObject();
            r.put("id", String.valueOf(Math.floorMod(email.hashCode(), 1_000_000_000L) + 1));
            r.put("new", sink.arrived("hubspot", email, now));
            r.set("properties", input.path("properties"));
            r.put("createdAt", stamp);
            r.put("updatedAt", stamp);
            r.put("archived", false);
            if (input.hasNonNull("objectWriteTraceId")) {
                r.put("objectWriteTraceId", input.path("objectWriteTraceId").asText());
            }
        }
        out.put("numErrors", 0);
        out.putArray("errors");
        out.put("requestedAt", stamp);
        out.put("startedAt", stamp);
        out.put("completedAt", stamp);
        respond(x, "hubspot", 200, JSON.writeValueAsBytes(out));
    }

    private void hubspotError(HttpExchange x, int status, String category, String message) throws IOException {
        respond(x, "hubspot", status, ("{\"status\":\"error\",\"message\":\"" + message + "\",\"category\":\"" + category
                + "\",\"correlationId\":\"00000000-bench\"}").getBytes(StandardCharsets.UTF_8));
    }

    private void respond(HttpExchange x, String destination, int status, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
        x.getResponseHeaders().add("X-HubSpot-RateLimit-Max", "190");
        x.getResponseHeaders().add("X-HubSpot-RateLimit-Remaining", "189");
        x.getResponseHeaders().add("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        count(destination + " " + status);
    }

    private void ga4(HttpExchange x) throws IOException {
        try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            requests.get("ga4").increment();
            if (!"POST".equals(x.getRequestMethod()) || !COLLECT.equals(x.getRequestURI().getPath())) {
                x.sendResponseHeaders(404, -1);
                count("ga4 404");
                return;
            }
            if (down.contains("ga4")) {
                x.sendResponseHeaders(503, -1);
                count("ga4 503");
                return;
            }
            Map<String, String> query = query(x.getRequestURI().getRawQuery());
            JsonNode events = read(body).path("events");
            boolean valid = credentials.measurementId().equals(query.get("measurement_id"))
                    && credentials.apiSecret().equals(query.get("api_secret"))
                    && events.isArray() && !events.isEmpty() && events.size() <= 25;
            if (valid) {
                for (JsonNode e : events) {
                    if ("purchase".equals(e.path("name").asText()) && e.path("params").hasNonNull("transaction_id")) {
                        sink.arrived("ga4", e.path("params").path("transaction_id").asText(), now);
                    }
                }
            }
            // the real Measurement Protocol answers 2xx whatever it does with the hit
            x.sendResponseHeaders(204, -1);
            count(valid ? "ga4 204" : "ga4 dropped");
        }
    }

    private void mixpanel(HttpExchange x) throws IOException {
        try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            requests.get("mixpanel").increment();
            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((Credentials.MIXPANEL_USER + ":"
                    + Credentials.MIXPANEL_SECRET).getBytes(StandardCharsets.UTF_8));
            JsonNode events = read(body);
            if (!"POST".equals(x.getRequestMethod()) || !IMPORT.equals(x.getRequestURI().getPath())) {
                respond(x, "mixpanel", 404, "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
            } else if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))
                    || !Credentials.MIXPANEL_PROJECT.equals(query(x.getRequestURI().getRawQuery()).get("project_id"))) {
                respond(x, "mixpanel", 401, "{\"error\":\"Invalid credentials\",\"status\":0}"
                        .getBytes(StandardCharsets.UTF_8));
            } else if (down.contains("mixpanel")) {
                respond(x, "mixpanel", 503, "{\"error\":\"unavailable\"}".getBytes(StandardCharsets.UTF_8));
            } else if (!events.isArray() || events.isEmpty() || events.size() > 2000) {
                respond(x, "mixpanel", 400, "{\"code\":400,\"error\":\"1 to 2000 events\",\"status\":0}"
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                for (JsonNode e : events) {
                    if (e.at("/properties/$insert_id").asText("").isEmpty()) {
                        respond(x, "mixpanel", 400, ("{\"code\":400,\"failed_records\":[{\"index\":0,\"field\":"
                                + "\"properties.$insert_id\"}]}").getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                }
                for (JsonNode e : events) {
                    String reference = e.at("/properties/payment_reference").asText(null);
                    if ("purchase".equals(e.path("event").asText()) && reference != null) {
                        sink.arrived("mixpanel", reference, now);
                    }
                }
                respond(x, "mixpanel", 200, ("{\"code\":200,\"num_records_imported\":" + events.size()
                        + ",\"status\":\"OK\"}").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void slack(HttpExchange x) throws IOException {
        try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            requests.get("slack").increment();
            String text = read(body).path("text").asText("");
            byte[] answer;
            int status;
            if (!"POST".equals(x.getRequestMethod()) || !SLACK_HOOK.equals(x.getRequestURI().getPath())) {
                status = 404;
                answer = "no_service".getBytes(StandardCharsets.UTF_8);
            } else if (down.contains("slack")) {
                status = 503;
                answer = "service_unavailable".getBytes(StandardCharsets.UTF_8);
            } else if (text.isBlank()) {
                status = 400;
                answer = "no_text".getBytes(StandardCharsets.UTF_8);
            } else {
                java.util.regex.Matcher m = SLACK_PAYMENT.matcher(text);
                if (m.find()) {
                    sink.arrived("slack", m.group(1), now);
                }
                status = 200;
                answer = "ok".getBytes(StandardCharsets.UTF_8);
            }
            x.getResponseHeaders().add("Content-Type", "text/plain");
            x.sendResponseHeaders(status, answer.length);
            x.getResponseBody().write(answer);
            count("slack " + status);
        }
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        hubspot.stop(0);
        ga4.stop(0);
        mixpanel.stop(0);
        slack.stop(0);
        threads.shutdownNow();
    }
}
