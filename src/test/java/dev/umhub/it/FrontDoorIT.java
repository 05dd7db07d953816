package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The front door's regression suite (issue 9): a table of hostile HTTP requests, each written byte for byte to a raw
 * socket (request lines no HTTP client would send: encoded letters, {@code ;}, {@code //}, {@code ..}, control
 * characters, HTTP/2.0, headers of 70 KB, conflicting lengths), each with the answer it must get. Every answer is
 * checked for the same things: the expected status, problem+json for every 4xx/5xx (never HTML), no Java class name
 * or stack trace, no token or configured secret, and no 5xx. Then what a table cannot hold: chunked bodies of 2, 20
 * and 100 MB (413, and umhub still answers after),
 * stalled and trickling bodies from another client address that must not hold the intake, the webhook token in a form
 * body (never shown by the admin API) and in rejected request lines (never in the log).
 * <p>
 * {@code -Dumhub.frontdoor.verbose=true} prints every answer of the table.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrontDoorIT extends UmhubIT {

    static final String WH = "/webhooks/ultimate-multisite/";
    static final String TQ = "?token=" + Http.WEBHOOK_TOKEN;
    /** The payment_received webhook with the right token: where most hostile bodies are sent. */
    static final String PAYMENT_HOOK = WH + "payment_received" + TQ;
    static final String AUTH = "Authorization: Bearer " + Http.ADMIN_TOKEN;
    static final String JSON = "Content-Type: application/json";
    /** A bulk replay filter that matches nothing: the CSRF cases that must pass start a harmless job. */
    static final String NO_REPLAY = "{\"destination\":\"front-door-none\"}";
    static final String PORT = "@PORT@";


    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "front-door-it-writer");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void stopWriters() {
        WRITERS.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the table

    /**
     * One hostile request and what it must get.
     *
     * @param request    the exact bytes, {@value #PORT} standing for the server's port
     * @param expected   the statuses allowed for the (first) answer
     * @param contains   a text the answer's body must hold (a problem naming its field), or null
     * @param tomcat     the answer may come from the container itself before umhub sees the request: an empty body,
     *                   a closed connection or an answer without a status line (HTTP/0.9) is then allowed; never HTML
     * @param followUps  read every answer the connection carries (pipelining, smuggling); none may be a 2xx but the
     *                   ones listed in {@code expected}
     * @param halfClose  end the request's output after writing (a body shorter than its Content-Length)
     * @param within     the first answer must arrive within this (it must not wait for a body that never comes)
     */
    record Case(String label, byte[] request, Set<Integer> expected, String contains, boolean tomcat,
                boolean followUps, boolean halfClose, Duration within) {

        Case fromTomcat() {
            return new Case(label, request, expected, contains, true, followUps, halfClose, within);
        }

        Case readingFollowUps() {
            return new Case(label, request, expected, contains, tomcat, true, halfClose, within);
        }

        Case closingOutput() {
            return new Case(label, request, expected, contains, tomcat, followUps, true, within);
        }

        Case containing(String text) {
            return new Case(label, request, expected, text, tomcat, followUps, halfClose, within);
        }

        Case answeredWithin(Duration d) {
            return new Case(label, request, expected, contains, tomcat, followUps, halfClose, d);
        }

        @Override
        public String toString() {
            return label + " -> " + new java.util.TreeSet<>(expected);
        }
    }

    static Case c(String label, byte[] request, Integer... expected) {
        return new Case(label, request, Set.of(expected), null, false, false, false, Duration.ofSeconds(10));
    }

    /** A request: method, target, extra header lines, body (null: none, and no Content-Length). */
    static byte[] req(String method, String target, byte[] body, String... headers) {
        return req(method + " " + target + " HTTP/1.1", true, body, headers);
    }

    static byte[] req(String requestLine, boolean host, byte[] body, String... headers) {
        StringBuilder h = new StringBuilder(requestLine).append("\r\n");
        if (host) {
            h.append("Host: 127.0.0.1:").append(PORT).append("\r\n");
        }
        boolean framed = false;
        for (String header : headers) {
            h.append(header).append("\r\n");
            String lower = header.toLowerCase(Locale.ROOT);
            framed |= lower.startsWith("content-length") || lower.startsWith("transfer-encoding");
        }
        if (body != null && !framed) {
            h.append("Content-Length: ").append(body.length).append("\r\n");
        }
        h.append("\r\n");
        return concat(h.toString().getBytes(StandardCharsets.ISO_8859_1), body == null ? new byte[0] : body);
    }

    static byte[] get(String target, String... headers) {
        return req("GET", target, null, headers);
    }

    static byte[] post(String target, String body, String... headers) {
        return req("POST", target, utf8(body), headers);
    }

    static byte[] hook(String slug, byte[] body) {
        return req("POST", WH + slug + TQ, body, JSON);
    }

    static byte[] hook(String slug, String body) {
        return hook(slug, utf8(body));
    }

    static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A payment_received webhook with one field replaced by raw JSON text that must be refused, naming the field. */
    static Case refused(String label, String field, String rawJsonValue) {
        return c(label, paymentWith(field, rawJsonValue), 400).containing(field);
    }

    /** A payment_received webhook: a fresh paid payment (202) with one field replaced by raw JSON text. */
    static byte[] paymentWith(String field, String rawJsonValue) {
        ObjectNode p = Payloads.paidPayment();
        p.remove(field);
        String s = p.toString();
        return hook("payment_received", utf8("{\"" + field + "\":" + rawJsonValue + "," + s.substring(1)));
    }

    static byte[] fresh() {
        return Payloads.bytes(Payloads.paidPayment());
    }

    static Stream<Case> cases() {
        List<Case> t = new ArrayList<>();
        adminBypass(t);
        adminWithToken(t);
        errorAndUnknownPaths(t);
        protocol(t);
        framing(t);
        webhookBodies(t);
        webhookAuth(t);
        csrf(t);
        return t.stream();
    }

    /** Every spelling of the admin API's path, without the admin token: refused (400), or 401, or 404; never served. */
    static void adminBypass(List<Case> t) {
        for (String target : List.of("/%61pi/events", "/api;x/events", "/api;jsessionid=1/events", "/api/events;x",
                "/API/events", "/api/events/", "//api/events", "/./api/events", "/api/./events", "/x/../api/events",
                "/%2e%2e/api/events", "/api%2Fevents", "/api%252Fevents", "/%2561pi/events", "/api\\events",
                "/api/%00events", "/api/events%0d%0aX-Injected:1", "/%2Fapi/events", "/api/%2e/events",
                "/api/%2e%2e/api/events", "/api/events/..;/quarantine", "/api/events/%2e%2e/quarantine",
                "/%41PI/events", "/ap%69/customers", "/api/customers%3Bx", "/api/quarantine%00", "/api//events",
                "/api/events/.", "/api/events/..", "/api/./quarantine?limit=1", "/%C0%AFapi/events", "/api/%ff",
                "/api%2fquarantine", "/api%5cevents", "/api/events%23x", "/actuator/health/../../api/events",
                "/actuator/health;/../../api/events", "/actuator/health/%2e%2e/%2e%2e/api/events",
                WH + "../../api/events", WH + "%2e%2e/%2e%2e/api/events", "/api/events?x=/../", "/api/routes/",
                "/API/QUARANTINE", "/api/dead-letters;", "/api/customers/%2e")) {
            t.add(c("no token: GET " + target, get(target), 400, 401, 404));
        }
        t.add(c("no token: GET /api/events", get("/api/events"), 401));
        t.add(c("no token: GET /api", get("/api"), 401));
        t.add(c("no token: GET /api/", get("/api/"), 401));
        t.add(c("no token: HEAD /api/events", req("HEAD", "/api/events", null), 401));
        t.add(c("no token: OPTIONS /api/events (a preflight is no way in)", req("OPTIONS", "/api/events", null,
                "Origin: http://evil.example", "Access-Control-Request-Method: POST"), 401, 403));
        t.add(c("no token: absolute-form target", get("http://127.0.0.1:" + PORT + "/api/events"), 400, 401));
        t.add(c("no token: absolute-form target, encoded letter", get("http://127.0.0.1:" + PORT + "/%61pi/events"),
                400, 401));
        t.add(c("no token: X-Original-URL / X-Rewrite-URL to health", get("/api/events",
                "X-Original-URL: /actuator/health", "X-Rewrite-URL: /actuator/health"), 401));
        t.add(c("no token: X-Forwarded-For loopback", get("/api/quarantine", "X-Forwarded-For: 127.0.0.1",
                "X-Real-IP: 127.0.0.1"), 401));
        t.add(c("admin token in the query, not the header", get("/api/events?token=" + Http.ADMIN_TOKEN), 401));
        t.add(c("admin token as Basic", get("/api/events", "Authorization: Basic YWRtaW46YWRtaW4taXQtdG9rZW4="), 401));
        t.add(c("empty Bearer", get("/api/events", "Authorization: Bearer "), 401));
        t.add(c("wrong Bearer", get("/api/events", "Authorization: Bearer admin-it-token-x"), 401));
        t.add(c("Bearer with the webhook token", get("/api/events", "Authorization: Bearer " + Http.WEBHOOK_TOKEN), 401));
        t.add(c("Bearer prefix of the token", get("/api/events", "Authorization: Bearer admin-it"), 401));
        t.add(c("no token: PUT /api/events", req("PUT", "/api/events", utf8("{}"), JSON), 401));
        t.add(c("no token: PATCH /api/events", req("PATCH", "/api/events", utf8("{}"), JSON), 401));
        t.add(c("no token: DELETE /api/events", req("DELETE", "/api/events", null), 401));
        t.add(c("no token: POST /api/dead-letters/replay", post("/api/dead-letters/replay", NO_REPLAY, JSON), 401));
        t.add(c("no token: POST /api;x/dead-letters/replay", post("/api;x/dead-letters/replay", NO_REPLAY, JSON,
                "X-Umhub-Request: 1"), 400, 401, 404));
        t.add(c("no token: POST /%61pi/dead-letters/replay", post("/%61pi/dead-letters/replay", NO_REPLAY, JSON,
                "X-Umhub-Request: 1"), 400, 401, 404));
        t.add(c("no token: POST /api/dead-letters/replay;x", post("/api/dead-letters/replay;x", NO_REPLAY, JSON),
                400, 401, 404));
        t.add(c("no token: POST /API/dead-letters/replay", post("/API/dead-letters/replay", NO_REPLAY, JSON),
                400, 401, 404));
        t.add(c("no token: POST //api/dead-letters/replay", post("//api/dead-letters/replay", NO_REPLAY, JSON),
                400, 401, 404));
        t.add(c("no token: POST /api/rules/evaluate", post("/api/rules/evaluate", "{}", JSON), 401));
        t.add(c("no token, HTTP/1.0 without Host", req("GET /api/events HTTP/1.0", false, null), 401));
    }

    /** A few of the same spellings with the token: they behave sanely (never a 5xx, never a trace). */
    static void adminWithToken(List<Case> t) {
        t.add(c("token: GET /api/events", get("/api/events?limit=1", AUTH), 200));
        t.add(c("token: GET /%61pi/events", get("/%61pi/events?limit=1", AUTH), 200, 400));
        t.add(c("token: GET /api;x/events", get("/api;x/events", AUTH), 400));
        t.add(c("token: GET //api/events", get("//api/events", AUTH), 400));
        t.add(c("token: GET /API/events", get("/API/events", AUTH), 404));
        t.add(c("token: GET /api/events/", get("/api/events/", AUTH), 200, 404));
        t.add(c("token: GET /api%2Fevents", get("/api%2Fevents", AUTH), 400).fromTomcat());
        t.add(c("token: GET /api/events?limit=abc", get("/api/events?limit=abc", AUTH), 400));
        t.add(c("token: GET /api/events?limit=100000", get("/api/events?limit=100000", AUTH), 400));
        t.add(c("token: GET /api/events?limit=-1", get("/api/events?limit=-1", AUTH), 400));
        t.add(c("token: GET /api/events/no-such-event", get("/api/events/no-such-event", AUTH), 404));
        t.add(c("token: GET /api/events/%00", get("/api/events/%00", AUTH), 400).fromTomcat());
        t.add(c("token: GET /api/events/%3Cscript%3E", get("/api/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E", AUTH),
                400, 404).fromTomcat());
        t.add(c("token: lower-case bearer scheme", get("/api/events?limit=1", "Authorization: bearer "
                + Http.ADMIN_TOKEN), 200));
        t.add(c("token: POST /%61pi/dead-letters/replay", post("/%61pi/dead-letters/replay", NO_REPLAY, AUTH, JSON),
                202, 400));
        t.add(c("token: POST /api/dead-letters/replay, invalid JSON", post("/api/dead-letters/replay", "{\"from\":",
                AUTH, JSON), 400));
        t.add(c("token: POST /api/dead-letters/replay, bad instant", post("/api/dead-letters/replay",
                "{\"destination\":\"front-door-none\",\"from\":\"yesterday\"}", AUTH, JSON), 400));
        t.add(c("token: POST /api/rules/evaluate, 2 MB body", req("POST", "/api/rules/evaluate",
                utf8("{\"x\":\"" + "y".repeat(2_000_000) + "\"}"), AUTH, JSON), 413));
        t.add(c("token: GET /api/customers/%2e%2e", get("/api/customers/%2e%2e", AUTH), 400).fromTomcat());
    }

    /** The error page and paths umhub does not serve: problem+json, 401 first (umhub owns the server), 404 after. */
    static void errorAndUnknownPaths(List<Case> t) {
        t.add(c("GET /error without token", get("/error"), 401));
        t.add(c("GET /error with token", get("/error", AUTH), 404));
        t.add(c("POST /error without token", post("/error", "{}", JSON), 401));
        t.add(c("POST /error with token", post("/error", "{}", JSON, AUTH), 404, 405));
        t.add(c("GET /error?javax.servlet.error.status_code=500 with token",
                get("/error?jakarta.servlet.error.status_code=500&javax.servlet.error.exception=x", AUTH), 404));
        for (String m : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            byte[] body = m.equals("GET") || m.equals("DELETE") ? null : utf8("{}");
            t.add(c(m + " /no/such/path without token", req(m, "/no/such/path", body, JSON), 401));
            t.add(c(m + " /no/such/path with token", req(m, "/no/such/path", body, JSON, AUTH), 404, 405));
        }
        t.add(c("GET / without token", get("/"), 401));
        t.add(c("GET / with token", get("/", AUTH), 404));
        t.add(c("GET /index.html with token", get("/index.html", AUTH), 404));
        t.add(c("GET /actuator/health", get("/actuator/health"), 200));
        t.add(c("GET /actuator/env without token", get("/actuator/env"), 401));
        t.add(c("GET /actuator/env with token", get("/actuator/env", AUTH), 404));
        t.add(c("GET /actuator/heapdump without token", get("/actuator/heapdump"), 401));
        t.add(c("GET a webhook path", get(PAYMENT_HOOK), 404, 405));
        t.add(c("PUT a webhook path", req("PUT", PAYMENT_HOOK, fresh(), JSON), 404, 405));
        t.add(c("DELETE a webhook path", req("DELETE", PAYMENT_HOOK, null), 404, 405));
        t.add(c("GET /webhooks/ultimate-multisite/ (no slug)", get(WH + TQ), 401, 404));
    }

    /** Request lines and headers the container refuses: 400 and friends, problem+json or empty, never HTML. */
    static void protocol(List<Case> t) {
        t.add(c("HTTP/2.0 request line", req("GET /api/events HTTP/2.0", true, null), 400).fromTomcat());
        t.add(c("HTTP/3.0 request line", req("GET /actuator/health HTTP/3.0", true, null), 400).fromTomcat());
        t.add(c("HTTP/1.2 request line", req("GET /actuator/health HTTP/1.2", true, null), 400).fromTomcat());
        t.add(c("HTTP/2.0 POST to a webhook", req("POST " + PAYMENT_HOOK + " HTTP/2.0", true,
                fresh(), JSON), 400).fromTomcat());
        t.add(c("HTTP/1 request line", req("GET /actuator/health HTTP/1", true, null), 400).fromTomcat());
        t.add(c("http/1.1 in lower case", req("GET /actuator/health http/1.1", true, null), 400).fromTomcat());
        // Tomcat still speaks HTTP/0.9: the request goes through the front door (401) and the answer has no status line
        t.add(c("HTTP/0.9 style request line", raw("GET /api/events\r\n\r\n"), 400, 401).fromTomcat());
        t.add(c("garbage request line", raw("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n"),
                400).fromTomcat());
        t.add(c("plain garbage", raw("HELLO THERE\r\n\r\n"), 400).fromTomcat());
        t.add(c("spaces in the target", req("GET /api/events extra words HTTP/1.1", true, null), 400).fromTomcat());
        t.add(c("a space in the path", req("GET /api /events HTTP/1.1", true, null), 400).fromTomcat());
        t.add(c("a control character in the path", req("GET /api/\u0001events HTTP/1.1", true, null), 400).fromTomcat());
        t.add(c("a DEL in the path", req("GET /api/\u007fevents HTTP/1.1", true, null), 400).fromTomcat());
        t.add(c("raw UTF-8 in the path", concat(raw("GET /api/"), utf8("\u00e9vents"), raw(" HTTP/1.1\r\nHost: x\r\n\r\n")),
                400).fromTomcat());
        t.add(c("a tab as the separator", raw("GET\t/api/events\tHTTP/1.1\r\nHost: x\r\n\r\n"), 400, 401).fromTomcat());
        t.add(c("bare LF line ends", raw("GET /api/events HTTP/1.1\nHost: x\n\n"), 400, 401).fromTomcat());
        t.add(c("leading empty lines", raw("\r\n\r\nGET /api/events HTTP/1.1\r\nHost: x\r\n\r\n"), 400, 401).fromTomcat());
        t.add(c("unknown method", req("FOO", "/api/events", null), 400, 401, 405, 501).fromTomcat());
        t.add(c("lower-case method", req("get", "/api/events", null), 400, 401, 405, 501).fromTomcat());
        t.add(c("TRACE", req("TRACE", "/api/events", null, AUTH), 400, 405).fromTomcat());
        t.add(c("CONNECT", raw("CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n"), 400, 401, 405, 501)
                .fromTomcat());
        t.add(c("a fragment in the target", get("/api/events#x"), 400, 401).fromTomcat());
        t.add(c("a target that is only '*'", get("*"), 400, 401, 404).fromTomcat());
        t.add(c("target without leading slash", get("api/events"), 400, 401).fromTomcat());
        t.add(c("URL longer than 64 KB", get("/api/events?q=" + "a".repeat(70_000)), 400, 414, 431).fromTomcat());
        t.add(c("webhook URL longer than 64 KB with the token", get(PAYMENT_HOOK + "&x="
                + "a".repeat(70_000)), 400, 414, 431).fromTomcat());
        t.add(c("header longer than 64 KB", get("/actuator/health", "X-Big: " + "b".repeat(70_000)), 400, 431).fromTomcat());
        t.add(c("Authorization header longer than 64 KB", get("/api/events", "Authorization: Bearer "
                + "c".repeat(70_000)), 400, 431).fromTomcat());
        t.add(c("200 headers", get("/actuator/health", IntStream.range(0, 200).mapToObj(i -> "X-H" + i + ": v")
                .toArray(String[]::new)), 200, 400, 431).fromTomcat());
        t.add(c("missing Host (HTTP/1.1)", req("GET /actuator/health HTTP/1.1", false, null), 400).fromTomcat());
        t.add(c("two Host headers", get("/actuator/health", "Host: evil.example"), 400).fromTomcat());
        t.add(c("Host with a space", req("GET /actuator/health HTTP/1.1", false, null, "Host: a b"), 400).fromTomcat());
        t.add(c("Host with a bad port", req("GET /actuator/health HTTP/1.1", false, null, "Host: 127.0.0.1:99999x"),
                400).fromTomcat());
        t.add(c("a header without a colon", get("/actuator/health", "Garbage line"), 400).fromTomcat());
        t.add(c("a space before the colon", get("/actuator/health", "X-A : b"), 400).fromTomcat());
        t.add(c("a control character in a header name", get("/actuator/health", "X-\u0001A: b"), 400).fromTomcat());
        t.add(c("a NUL in a header value", get("/api/events", "X-A: b\u0000c"), 400, 401).fromTomcat());
        t.add(c("CR in a header value", get("/api/events", "X-A: b\rX-Injected: 1"), 400, 401).fromTomcat());
        t.add(c("obsolete line folding", get("/api/events", "X-A: b", " folded"), 400, 401).fromTomcat());
    }

    /** Content-Length and Transfer-Encoding: conflicts, lies, bad chunks, and sizes answered before the body. */
    static void framing(List<Case> t) {
        String target = PAYMENT_HOOK;
        byte[] ok = fresh();
        t.add(c("two different Content-Length headers", req("POST", target, ok, JSON, "Content-Length: " + ok.length,
                "Content-Length: 3"), 400).fromTomcat());
        t.add(c("two equal Content-Length headers", req("POST", target, ok, JSON, "Content-Length: " + ok.length,
                "Content-Length: " + ok.length), 400).fromTomcat());
        t.add(c("Content-Length as a list", req("POST", target, ok, JSON, "Content-Length: " + ok.length + ", "
                + ok.length), 400).fromTomcat());
        t.add(c("negative Content-Length", req("POST", target, ok, JSON, "Content-Length: -1"), 400).fromTomcat());
        t.add(c("Content-Length not a number", req("POST", target, ok, JSON, "Content-Length: abc"), 400).fromTomcat());
        t.add(c("Content-Length with a plus sign", req("POST", target, ok, JSON, "Content-Length: +" + ok.length),
                400).fromTomcat());
        t.add(c("Content-Length beyond long", req("POST", target, ok, JSON, "Content-Length: 99999999999999999999999"),
                400, 413).fromTomcat());
        t.add(c("Content-Length and Transfer-Encoding (smuggling)", req("POST", target,
                raw("0\r\n\r\nGET /api/events HTTP/1.1\r\nHost: x\r\n\r\n"), JSON, "Content-Length: 45",
                "Transfer-Encoding: chunked"), 400).fromTomcat().readingFollowUps());
        t.add(c("Transfer-Encoding and Content-Length (TE first)", req("POST", target,
                raw("5\r\n{\"a\":\r\n0\r\n\r\n"), JSON, "Transfer-Encoding: chunked", "Content-Length: 3"), 400)
                .fromTomcat().readingFollowUps());
        t.add(c("Transfer-Encoding with a space before the colon", req("POST", target, raw("0\r\n\r\n"), JSON,
                "Transfer-Encoding : chunked", "Content-Length: 5"), 400).fromTomcat().readingFollowUps());
        t.add(c("Transfer-Encoding: xchunked", req("POST", target, raw("0\r\n\r\n"), JSON,
                "Transfer-Encoding: xchunked", "Content-Length: 5"), 400, 501).fromTomcat());
        t.add(c("Transfer-Encoding: chunked, chunked", req("POST", target, raw("0\r\n\r\n"), JSON,
                "Transfer-Encoding: chunked, chunked"), 400, 501).fromTomcat());
        t.add(c("Transfer-Encoding: gzip", req("POST", target, raw("0\r\n\r\n"), JSON,
                "Transfer-Encoding: gzip"), 400, 501).fromTomcat());
        t.add(c("invalid chunk size", req("POST", target, raw("zz\r\n{}\r\n0\r\n\r\n"), JSON,
                "Transfer-Encoding: chunked"), 400).fromTomcat());
        t.add(c("chunk size overflowing", req("POST", target, raw("FFFFFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"), JSON,
                "Transfer-Encoding: chunked"), 400, 413).fromTomcat());
        t.add(c("chunk without its CRLF", req("POST", target, raw("2\r\n{}XX0\r\n\r\n"), JSON,
                "Transfer-Encoding: chunked"), 400).fromTomcat());
        t.add(c("chunk extension of 70 KB", req("POST", target, raw("2;" + "e".repeat(70_000) + "\r\n{}\r\n0\r\n\r\n"),
                JSON, "Transfer-Encoding: chunked"), 400, 413).fromTomcat());
        t.add(c("a valid chunked webhook", req("POST", target, chunked(fresh()), JSON, "Transfer-Encoding: chunked"),
                202));
        t.add(c("body shorter than its Content-Length, then the end", req("POST", target, utf8("{\"payment_id\":1}"),
                JSON, "Content-Length: 100"), 400).closingOutput());
        t.add(c("chunked body cut off, then the end", req("POST", target, raw("10\r\n{\"payment_id\""), JSON,
                "Transfer-Encoding: chunked"), 400).closingOutput());
        t.add(c("body longer than its Content-Length: the rest is a second request", concat(req("POST", target,
                        utf8("{}"), JSON, "Content-Length: 2"), raw("GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n")),
                400).readingFollowUps());
        t.add(c("pipelined: health then admin without token", concat(get("/actuator/health"), get("/api/events")),
                200).readingFollowUps());
        t.add(c("1 MiB + 1 byte declared, no body sent: answered at once", req("POST", target, null, JSON,
                "Content-Length: " + (1024 * 1024 + 1)), 413).answeredWithin(Duration.ofSeconds(3)));
        t.add(c("100 MB declared, no body sent: answered at once", req("POST", target, null, JSON,
                "Content-Length: 100000000"), 413).answeredWithin(Duration.ofSeconds(3)));
        t.add(c("100 MB declared with Expect: 100-continue", req("POST", target, null, JSON,
                "Content-Length: 100000000", "Expect: 100-continue"), 413).answeredWithin(Duration.ofSeconds(3)));
        t.add(c("1.1 MB body with its Content-Length", hook("customer_created", "{\"customer_id\":1,\"customer_name\":\""
                + "x".repeat(1_100_000) + "\"}"), 413));
        t.add(c("admin write, 100 MB declared, no body sent", req("POST", "/api/rules/evaluate", null, AUTH, JSON,
                "Content-Length: 100000000"), 413).answeredWithin(Duration.ofSeconds(3)));
        t.add(c("unknown Expect", req("POST", target, fresh(), JSON, "Expect: 200-ok"), 202, 417).fromTomcat());
    }

    static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += 100) {
            int n = Math.min(100, body.length - i);
            out.writeBytes(raw(Integer.toHexString(n) + "\r\n"));
            out.write(body, i, n);
            out.writeBytes(raw("\r\n"));
        }
        out.writeBytes(raw("0\r\n\r\n"));
        return out.toByteArray();
    }

    /** What the JSON door refuses, and the little it takes that looks odd. */
    static void webhookBodies(List<Case> t) {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        t.add(c("invalid JSON", hook("payment_received", "{\"payment_id\": 1,,}"), 400));
        t.add(c("an array", hook("payment_received", "[{\"payment_id\": 1}]"), 400));
        t.add(c("a scalar", hook("payment_received", "42"), 400));
        t.add(c("a string", hook("payment_received", "\"payment\""), 400));
        t.add(c("null", hook("payment_received", "null"), 400));
        t.add(c("an empty body", hook("payment_received", ""), 400));
        t.add(c("no body at all (no Content-Length)", req("POST", PAYMENT_HOOK, null, JSON), 400));
        t.add(c("whitespace only", hook("payment_received", " \r\n\t  "), 400));
        t.add(c("nesting 10,000 deep", hook("payment_received", deep), 400));
        t.add(c("nesting 65 deep", hook("payment_received", "{\"payment_id\":1,\"a\":" + "[".repeat(65)
                + "]".repeat(65) + "}"), 400));
        t.add(c("a 400-digit number", hook("payment_received", "{\"payment_id\": " + "9".repeat(400) + "}"), 400));
        t.add(c("an id of 1e999999999", hook("payment_received", "{\"payment_id\": 1e999999999}"), 400)
                .containing("payment_id"));
        t.add(refused("an amount of 1e999999999", "payment_total_raw", "1e999999999"));
        t.add(c("an id of 21 digits", hook("payment_received", "{\"payment_id\": 123456789012345678901}"), 400)
                .containing("payment_id"));
        t.add(c("an id of 65 digits as text", hook("customer_created", "{\"customer_id\": \"" + "7".repeat(65) + "\"}"),
                400).containing("customer_id"));
        t.add(refused("a negative id", "payment_id", "-5"));
        t.add(refused("a negative id as text", "payment_id", "\"-5\""));
        t.add(refused("a non-numeric id", "payment_id", "\"abc\""));
        t.add(refused("a fractional id", "payment_id", "2.5"));
        t.add(refused("a fractional id as text", "payment_id", "\"2.5\""));
        t.add(refused("an id that is an object", "customer_id", "{}"));
        t.add(refused("an id that is true", "membership_id", "true"));
        t.add(refused("an id in hexadecimal", "customer_id", "\"0x1F\""));
        t.add(refused("amount \"1e9\"", "payment_total_raw", "\"1e9\""));
        t.add(refused("amount 1e9", "payment_total_raw", "1e9"));
        t.add(refused("amount 1E+2", "payment_subtotal_raw", "1E+2"));
        // PayloadChecks documents money as "a plain decimal ... no exponent": exponent forms that happen to have no
        // negative scale must be refused too, not only 1e9
        t.add(refused("amount 2.9e1", "payment_total_raw", "2.9e1"));
        t.add(refused("amount 29e0", "payment_total_raw", "29e0"));
        t.add(refused("amount 2900e-2", "membership_amount_raw", "2900e-2"));
        t.add(refused("an id of 1e2 (ids are digits)", "payment_id", "1e2"));
        t.add(c("an id of 7.0 (documented as the id 7)", paymentWith("customer_id", "7.0"), 202));
        t.add(refused("amount \"1e400\"", "payment_total_raw", "\"1e400\""));
        t.add(refused("amount \"0x1F\"", "payment_total_raw", "\"0x1F\""));
        t.add(refused("amount true", "payment_total_raw", "true"));
        t.add(refused("amount {}", "payment_total_raw", "{}"));
        t.add(refused("amount []", "payment_total_raw", "[]"));
        t.add(refused("amount \"29,00\"", "payment_total_raw", "\"29,00\""));
        t.add(refused("amount \"NaN\"", "membership_amount_raw", "\"NaN\""));
        t.add(refused("amount \"Infinity\"", "payment_total_raw", "\"Infinity\""));
        t.add(refused("amount \"+29\"", "payment_total_raw", "\"+29\""));
        t.add(refused("amount \"$29.00\"", "payment_total_raw", "\"$29.00\""));
        t.add(refused("amount of 14 integer digits", "payment_total_raw", "12345678901234"));
        t.add(refused("amount of 9 fraction digits", "payment_total_raw", "0.123456789"));
        t.add(c("amount \"29.9900\" (accepted)", paymentWith("payment_total_raw", "\"29.9900\""), 202));
        t.add(c("amount 29.99 (accepted)", paymentWith("payment_total_raw", "29.99"), 202));
        t.add(c("amount \"\" (absent, accepted)", paymentWith("payment_total_raw", "\"\""), 202));
        t.add(c("amount null (absent, accepted)", paymentWith("payment_total_raw", "null"), 202));
        t.add(c("{} on payment_received", hook("payment_received", "{}"), 400).containing("payment_id"));
        t.add(c("{} on site_published", hook("site_published", "{}"), 400).containing("site_id"));
        t.add(c("{} on customer_created", hook("customer_created", "{}"), 400).containing("customer_id"));
        t.add(refused("payment_id null on payment_received", "payment_id", "null"));
        t.add(c("the platform's test event on customer_created", hook("customer_created", "{\"wu_version\":\"2.4.10\"}"),
                202));
        t.add(c("the test-event shape on payment_received", hook("payment_received", "{\"wu_version\":\"2.4.10\"}"),
                400).containing("payment_id"));
        t.add(c("trailing text after the object", hook("payment_received", "{\"payment_id\":1} x"), 400));
        t.add(c("two objects", hook("payment_received", "{\"payment_id\":1}{\"payment_id\":2}"), 400));
        t.add(c("a comment", hook("payment_received", "/* hi */ {\"payment_id\":1}"), 400));
        t.add(c("single quotes", hook("payment_received", "{'payment_id': 1}"), 400));
        t.add(c("a leading zero", hook("payment_received", "{\"payment_id\": 007}"), 400));
        t.add(c("NaN literal", hook("payment_received", "{\"payment_id\": 1, \"payment_total_raw\": NaN}"), 400));
        t.add(c("an unquoted key", hook("payment_received", "{payment_id: 1}"), 400));
        t.add(c("a raw newline inside a string", hook("payment_received", "{\"payment_id\": 1, \"x\": \"a\nb\"}"), 400));
        t.add(c("overlong UTF-8 (C0 AF)", hook("payment_received", concat(utf8("{\"payment_id\":1,\"x\":\""),
                new byte[] {(byte) 0xC0, (byte) 0xAF}, utf8("\"}"))), 400));
        t.add(c("overlong UTF-8 (E0 80 AF)", hook("payment_received", concat(utf8("{\"payment_id\":1,\"x\":\""),
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, utf8("\"}"))), 400));
        t.add(c("encoded surrogate (ED A0 80)", hook("payment_received", concat(utf8("{\"payment_id\":1,\"x\":\""),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8("\"}"))), 400));
        t.add(c("code point above U+10FFFF (F4 90 80 80)", hook("payment_received", concat(utf8("{\"payment_id\":1,"
                + "\"x\":\""), new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, utf8("\"}"))), 400));
        t.add(c("a lone continuation byte", hook("payment_received", concat(utf8("{\"payment_id\":1,\"x\":\""),
                new byte[] {(byte) 0x80}, utf8("\"}"))), 400));
        t.add(c("Latin-1 bytes", hook("payment_received", "{\"payment_id\":1,\"customer_name\":\"Ana Garc\u00eda\"}"
                .getBytes(StandardCharsets.ISO_8859_1)), 400));
        t.add(c("truncated UTF-8 at the end", hook("payment_received", concat(utf8("{\"payment_id\":1}"),
                new byte[] {(byte) 0xE2, (byte) 0x82})), 400));
        byte[] payment = fresh();
        t.add(c("UTF-16LE without BOM", hook("payment_received", new String(payment, StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_16LE)), 400));
        t.add(c("UTF-16BE without BOM", hook("payment_received", new String(fresh(), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_16BE)), 400));
        t.add(c("UTF-16 with BOM", hook("payment_received", new String(fresh(), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_16)), 400));
        t.add(c("UTF-32LE", hook("payment_received", new String(fresh(), StandardCharsets.UTF_8)
                .getBytes(java.nio.charset.Charset.forName("UTF-32LE"))), 400));
        t.add(c("UTF-8 BOM (accepted)", hook("payment_received", concat(new byte[] {(byte) 0xEF, (byte) 0xBB,
                (byte) 0xBF}, fresh())), 202));
        t.add(c("two UTF-8 BOMs", hook("payment_received", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF,
                (byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, fresh())), 400));
        t.add(c("a NUL byte in a string", hook("payment_received", concat(utf8("{\"payment_id\":1,\"x\":\"a"),
                new byte[] {0}, utf8("b\"}"))), 400));
        t.add(c("a NUL byte after the object", hook("payment_received", concat(fresh(), new byte[] {0})), 400));
        t.add(c("only NUL bytes", hook("payment_received", new byte[64]), 400));
        t.add(c("an escaped NUL (\\u0000) in a name", paymentWith("customer_name", "\"a\\u0000b\""), 202, 400));
        t.add(c("an escaped lone surrogate (\\ud800) in a name", paymentWith("customer_name", "\"a\\ud800b\""),
                202, 400));
        t.add(c("a 900 KB name (under the limit, accepted)", paymentWith("customer_name", "\"" + "n".repeat(900_000)
                + "\""), 202));
        t.add(c("a 600-character name", paymentWith("customer_name", "\"" + "n".repeat(600) + "\""), 202));
        t.add(c("a 400-character email", paymentWith("customer_user_email", "\"" + "e".repeat(390) + "@example.com\""),
                202, 400));
        t.add(c("a 40-character payment status", paymentWith("payment_status", "\"" + "s".repeat(40) + "\""), 202, 400));
        t.add(c("a 300-character membership status", paymentWith("membership_status", "\"" + "s".repeat(300) + "\""),
                202, 400));
        t.add(c("a 300-character reference code", paymentWith("payment_reference_code", "\"" + "r".repeat(300) + "\""),
                202, 400));
        t.add(c("a 300-character currency", paymentWith("payment_currency", "\"" + "c".repeat(300) + "\""), 202, 400));
        t.add(c("HTML in the body", paymentWith("customer_name", "\"<script>alert(1)</script>\""), 202));
        t.add(c("Content-Type text/plain (the body is JSON anyway)", req("POST", PAYMENT_HOOK,
                fresh(), "Content-Type: text/plain"), 202));
        t.add(c("Content-Type form-urlencoded with a JSON body", req("POST", PAYMENT_HOOK, fresh(),
                "Content-Type: application/x-www-form-urlencoded"), 202));
        t.add(c("no Content-Type", req("POST", PAYMENT_HOOK, fresh()), 202));
        t.add(c("Content-Type multipart with a JSON body", req("POST", PAYMENT_HOOK, fresh(),
                "Content-Type: multipart/form-data; boundary=xyz"), 202, 400, 415));
        t.add(c("charset=UTF-16 declared on a UTF-8 body", req("POST", PAYMENT_HOOK, fresh(),
                "Content-Type: application/json; charset=UTF-16"), 202, 400, 415));
        t.add(c("Content-Encoding gzip on a plain body", req("POST", PAYMENT_HOOK,
                utf8("{\"payment_id\":1"), JSON, "Content-Encoding: gzip"), 400, 415));
        t.add(c("an unknown slug", hook("wp_admin_login", "{\"a\":1}"), 404));
        t.add(c("an unknown slug with an encoded letter", hook("p%61yment_received", fresh()), 202, 400, 404));
        t.add(c("a slug with a path parameter", hook("payment_received;x", fresh()), 400, 404));
        // no source declares these paths: like any unknown path on a server umhub owns, they need the admin token
        t.add(c("a slug with a trailing slash", hook("payment_received/", fresh()), 400, 401, 404));
        t.add(c("a slug with a sub path", hook("payment_received/x", fresh()), 400, 401, 404));
        t.add(c("an upper-case slug", hook("PAYMENT_RECEIVED", fresh()), 404));
        t.add(c("a slug of 10,000 characters", hook("s".repeat(10_000), fresh()), 400, 404, 414).fromTomcat());
    }

    /** The webhook token: wrong, missing, misplaced. */
    static void webhookAuth(List<Case> t) {
        String slug = WH + "payment_received";
        t.add(c("no token", req("POST", slug, fresh(), JSON), 401));
        t.add(c("empty token", req("POST", slug + "?token=", fresh(), JSON), 401));
        t.add(c("wrong token", req("POST", slug + "?token=guess-" + System.nanoTime(), fresh(), JSON), 401));
        t.add(c("token as a prefix", req("POST", slug + "?token=" + Http.WEBHOOK_TOKEN.substring(0, 8), fresh(), JSON),
                401));
        t.add(c("token with a suffix", req("POST", slug + "?token=" + Http.WEBHOOK_TOKEN + "x", fresh(), JSON), 401));
        // Camel's headers are case-insensitive and hold HTTP headers and query parameters alike: the real token is
        // taken as ?TOKEN= or as a header named token too (it is still the secret; reported, not a bypass)
        t.add(c("token name in upper case", req("POST", slug + "?TOKEN=" + Http.WEBHOOK_TOKEN, fresh(), JSON), 202,
                401));
        t.add(c("token in a Bearer header only", req("POST", slug, fresh(), JSON, "Authorization: Bearer "
                + Http.WEBHOOK_TOKEN), 401));
        t.add(c("token in a header named token", req("POST", slug, fresh(), JSON, "token: " + Http.WEBHOOK_TOKEN), 202,
                401));
        t.add(c("a wrong token in a header, the right one in the query", req("POST", slug + TQ, fresh(), JSON,
                "token: wrong"), 202, 401));
        t.add(c("the right token in a header, a wrong one in the query", req("POST", slug + "?token=wrong", fresh(),
                JSON, "token: " + Http.WEBHOOK_TOKEN), 401));
        t.add(c("admin token instead of the webhook token", req("POST", slug + "?token=" + Http.ADMIN_TOKEN, fresh(),
                JSON), 401));
        t.add(c("wrong token and the right one", req("POST", slug + "?token=wrong&token=" + Http.WEBHOOK_TOKEN,
                fresh(), JSON), 202, 400, 401));
        t.add(c("token percent-encoded (accepted)", req("POST", slug + "?token=" + percentEncoded(Http.WEBHOOK_TOKEN),
                fresh(), JSON), 202));
        t.add(c("token with a NUL", req("POST", slug + "?token=" + Http.WEBHOOK_TOKEN + "%00", fresh(), JSON), 400,
                401));
        t.add(c("token after a ';'", req("POST", slug + ";token=" + Http.WEBHOOK_TOKEN, fresh(), JSON), 400, 401));
        t.add(c("wrong token, unknown slug", req("POST", WH + "no_such_slug?token=nope", utf8("{}"), JSON), 401, 404));
        t.add(c("the right token, wrong body", req("POST", slug + TQ, utf8("nope"), JSON), 400));
        t.add(c("the right token, a form body holding the token", req("POST", slug + TQ, utf8("token="
                + Http.WEBHOOK_TOKEN), "Content-Type: application/x-www-form-urlencoded"), 400));
    }

    static String percentEncoded(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : utf8(s)) {
            b.append('%').append(String.format("%02X", x));
        }
        return b.toString();
    }

    /**
     * Admin writes: a JSON Content-Type, X-Umhub-Request, or a bearer token on a write without a body (no other site's
     * page can add either header), and never a foreign Origin.
     */
    static void csrf(List<Case> t) {
        String replay = "/api/dead-letters/replay";
        t.add(c("replay: token, no body, no Content-Type (a bearer token is no form's)", req("POST", replay, null, AUTH),
                202));
        t.add(c("replay: token, empty body, no Content-Type", req("POST", replay, new byte[0], AUTH), 202));
        t.add(c("replay: no body, no Content-Type, Basic credentials (a browser may add them itself)",
                req("POST", replay, null, "Authorization: Basic YWRtaW46YWRtaW4="), 401, 415));
        t.add(c("replay: token, Origin evil.example, JSON", post(replay, NO_REPLAY, AUTH, JSON,
                "Origin: http://evil.example"), 403));
        t.add(c("replay: token, Sec-Fetch-Site cross-site, JSON", post(replay, NO_REPLAY, AUTH, JSON,
                "Sec-Fetch-Site: cross-site"), 403));
        t.add(c("replay: token, X-Umhub-Request, no Origin (accepted)", post(replay, NO_REPLAY, AUTH,
                "X-Umhub-Request: 1"), 202));
        t.add(c("replay: token, same Origin, JSON (accepted)", post(replay, NO_REPLAY, AUTH, JSON,
                "Origin: http://127.0.0.1:" + PORT), 202));
        t.add(c("replay: token, same Origin, no Content-Type", req("POST", replay, null, AUTH,
                "Origin: http://127.0.0.1:" + PORT), 202));
        t.add(c("replay: token, Origin evil.example, X-Umhub-Request", post(replay, NO_REPLAY, AUTH, JSON,
                "X-Umhub-Request: 1", "Origin: http://evil.example"), 403));
        t.add(c("replay: token, Origin null", post(replay, NO_REPLAY, AUTH, JSON, "Origin: null"), 403));
        t.add(c("replay: token, Origin with our host as a prefix", post(replay, NO_REPLAY, AUTH, JSON,
                "Origin: http://127.0.0.1:" + PORT + ".evil.example"), 403));
        t.add(c("replay: token, Origin https with our host", post(replay, NO_REPLAY, AUTH, JSON,
                "Origin: https://127.0.0.1:" + PORT), 403));
        t.add(c("replay: token, Origin of another port", post(replay, NO_REPLAY, AUTH, JSON,
                "Origin: http://127.0.0.1:1"), 403));
        t.add(c("replay: token, Origin evil, Sec-Fetch-Site same-origin", post(replay, NO_REPLAY, AUTH, JSON,
                "Origin: http://evil.example", "Sec-Fetch-Site: same-origin"), 403));
        t.add(c("replay: token, Sec-Fetch-Site cross-site, X-Umhub-Request", post(replay, NO_REPLAY, AUTH,
                "X-Umhub-Request: 1", "Sec-Fetch-Site: cross-site"), 403));
        t.add(c("replay: token, Sec-Fetch-Site same-origin, no Content-Type", req("POST", replay, null, AUTH,
                "Sec-Fetch-Site: same-origin"), 202));
        t.add(c("replay: token, text/plain (a simple request)", post(replay, NO_REPLAY, AUTH,
                "Content-Type: text/plain"), 415));
        t.add(c("replay: token, form-urlencoded", post(replay, "destination=front-door-none", AUTH,
                "Content-Type: application/x-www-form-urlencoded"), 415));
        t.add(c("replay: token, multipart", post(replay, "--x--", AUTH, "Content-Type: multipart/form-data; boundary=x"),
                415));
        t.add(c("replay: token, application/jsonx", post(replay, NO_REPLAY, AUTH, "Content-Type: application/jsonx"),
                415));
        t.add(c("replay: token, text/json", post(replay, NO_REPLAY, AUTH, "Content-Type: text/json"), 415));
        t.add(c("replay: token, problem+json (a JSON type, accepted)", post(replay, NO_REPLAY, AUTH,
                "Content-Type: application/problem+json"), 202));
        t.add(c("replay one: token, Origin evil", req("POST", "/api/dead-letters/no-such/replay", null, AUTH,
                "X-Umhub-Request: 1", "Origin: http://evil.example"), 403));
        t.add(c("replay one: token, no body, no Content-Type (passes the door; no such dead letter)",
                req("POST", "/api/dead-letters/no-such/replay", null, AUTH), 404));
        t.add(c("rules evaluate: token, Origin evil", post("/api/rules/evaluate", "{}", AUTH, JSON,
                "Origin: http://evil.example"), 403));
        t.add(c("DELETE on the admin API: token, Origin evil", req("DELETE", "/api/events", null, AUTH,
                "X-Umhub-Request: 1", "Origin: http://evil.example"), 403));
        t.add(c("admin write, multipart with X-Umhub-Request", post("/api/dead-letters/replay", "--x--", AUTH,
                "X-Umhub-Request: 1", "Content-Type: multipart/form-data; boundary=x"), 400, 415));
        t.add(c("PUT on the admin API: token, no Content-Type", req("PUT", "/api/routes/x", utf8("x"), AUTH), 415));
    }

    @Order(2)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void hostileRequest(Case k) throws Exception {
        byte[] request = withPort(k.request());
        long started = System.nanoTime();
        List<Answer> answers = exchange(request, k.followUps(), k.halfClose(), k.within());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answers).as(k.label()).isNotEmpty();
        Answer first = answers.get(0);
        if (Boolean.getBoolean("umhub.frontdoor.verbose")) { // -Dumhub.frontdoor.verbose=true: every answer
            answers.forEach(a -> System.out.printf("front door: %s: %s%n", k.label(), a.summary()));
        }
        if (first.closed()) {
            assertThat(k.tomcat()).as(k.label() + ": the connection was closed without an answer").isTrue();
        } else {
            if (first.headerless()) {
                // Tomcat answers a request line without a protocol as HTTP/0.9 (no status line, no headers), and
                // the processor that served one answers the next bad request line it parses the same way
                assertThat(k.tomcat()).as(k.label() + ": an answer without a status line: " + first.summary()).isTrue();
            }
            assertThat(first.status()).as(k.label() + ": " + first.summary()).isIn(k.expected());
            check(k.label(), first, k.tomcat() || isHead(request));
            if (k.contains() != null) {
                assertThat(first.text()).as(k.label()).contains(k.contains());
            }
            assertThat(first.millis()).as(k.label() + ": answered in time").isLessThan(k.within().toMillis());
            if (first.completeMillis() - first.millis() > 1_000) {
                System.out.printf("front door: %s: the answer's end came late: %s%n", k.label(), first.summary());
            }
        }
        for (Answer later : answers.subList(1, answers.size())) {
            if (!later.closed()) {
                assertThat(later.status() / 100).as(k.label() + ": a further answer on the connection: "
                        + later.summary()).isNotEqualTo(2);
                check(k.label() + " (further answer)", later, true);
            }
        }
        assertThat(took).as(k.label() + ": no hang").isLessThan(Duration.ofSeconds(15));
    }

    /** What every answer must satisfy, whatever its status. */
    static void check(String label, Answer a, boolean fromContainer) {
        if (a.headerless()) {
            assertThat(a.status()).as(label + ": an answer without a status line that is no problem: " + a.summary())
                    .isPositive();
        }
        String all = a.headText() + "\n" + a.text();
        for (String secret : SECRETS) {
            assertThat(all).as(label + ": a secret in the answer").doesNotContain(secret);
        }
        assertThat(a.text()).as(label + ": " + a.summary())
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContainIgnoringCase("whitelabel")
                .doesNotContainIgnoringCase("<html").doesNotContainIgnoringCase("<!doctype")
                .doesNotContain("Apache Tomcat");
        assertThat(CLASS_NAME.matcher(a.text()).find()).as(label + ": a class name in " + a.summary()).isFalse();
        assertThat(a.status()).as(label + ": a 5xx: " + a.summary()).isLessThan(500);
        if (a.status() >= 400) {
            boolean empty = a.body().length == 0;
            if (!(empty && fromContainer)) {
                if (!a.headerless()) {
                    assertThat(a.header("content-type")).as(label + ": " + a.summary()).isNotNull()
                            .startsWith("application/problem+json");
                }
                JsonNode problem = a.json();
                assertThat(problem.path("status").asInt()).as(label + ": status in the problem").isEqualTo(a.status());
                assertThat(problem.path("detail").asText()).as(label + ": detail").isNotBlank();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // what a table cannot hold

    @Order(1)
    @Test
    void rejectedRequestLinesDoNotLogTheToken(CapturedOutput output) throws Exception {
        // the container logs the first bad request line it sees (at INFO), the target with it
        for (byte[] r : List.of(get(PAYMENT_HOOK + "&x={|}"), get(PAYMENT_HOOK + "&x=a b"), get(PAYMENT_HOOK + "&x=\u0001"),
                get(PAYMENT_HOOK + "&x=" + "a".repeat(70_000)),
                post(PAYMENT_HOOK, "token=" + Http.WEBHOOK_TOKEN + "&password=" + Http.ADMIN_TOKEN,
                        "Content-Type: application/x-www-form-urlencoded"))) {
            exchange(withPort(r), false, false, Duration.ofSeconds(10));
        }
        http.webhook("payment_received", utf8("{\"token\":\"" + Http.WEBHOOK_TOKEN + "\"}"), "wrong-" + Http.WEBHOOK_TOKEN,
                null);
        Thread.sleep(300);
        for (String secret : SECRETS) {
            assertThat(output.getAll()).as("the log").doesNotContain(secret);
        }
    }

    @Order(3)
    @Test
    void theWebhookTokenInAFormBodyIsNeverShownByTheQuarantine() throws Exception {
        String form = "token=" + Http.WEBHOOK_TOKEN + "&customer_id=1&access_token=" + HUBSPOT_TOKEN + "&x=1";
        for (String target : List.of(WH + "payment_received", WH + "payment_received?token=wrong", WH + "payment_received"
                + TQ, WH + "no_such_slug" + TQ)) {
            List<Answer> a = exchange(withPort(post(target, form, "Content-Type: application/x-www-form-urlencoded")),
                    false, false, Duration.ofSeconds(10));
            assertThat(a.get(0).status()).as(target + ": " + a.get(0).summary()).isBetween(400, 499);
            check(target, a.get(0), false);
        }
        Http.Answer quarantine = http.admin("GET", "/api/quarantine?limit=50", null);
        assertThat(quarantine.status()).isEqualTo(200);
        assertThat(quarantine.body()).contains("customer_id=1");
        for (String secret : SECRETS) {
            assertThat(quarantine.body()).as("GET /api/quarantine").doesNotContain(secret);
        }
        Http.Answer events = http.admin("GET", "/api/events?limit=50", null);
        for (String secret : SECRETS) {
            assertThat(events.body()).as("GET /api/events").doesNotContain(secret);
        }
    }

    /**
     * A chunked body has no Content-Length to refuse up front: it must be cut at the limit while it is read (413),
     * never buffered whole, and umhub must answer the next request as usual. The chunks are streamed from a loop and
     * writing stops as soon as umhub closes the connection.
     */
    @Order(4)
    @ParameterizedTest(name = "chunked body of {0} MB")
    @ValueSource(ints = {2, 20, 100})
    void aHugeChunkedBodyIsCutAtTheLimit(int megabytes) throws Exception {
        long total = megabytes * 1_000_000L;
        byte[] head = withPort(req("POST", WH + "customer_created" + TQ, null, JSON, "Transfer-Encoding: chunked"));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        byte[] chunkHead = raw(Integer.toHexString(chunk.length) + "\r\n");
        long[] written = new long[1];
        Answer answer;
        try (Socket s = connect(null)) {
            s.setSoTimeout(30_000);
            Future<?> writer = WRITERS.submit(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(head);
                    byte[] start = utf8("{\"customer_id\":1,\"x\":\"aaaaa");
                    out.write(raw(Integer.toHexString(start.length) + "\r\n"));
                    out.write(start);
                    out.write(raw("\r\n"));
                    while (written[0] < total) {
                        out.write(chunkHead);
                        out.write(chunk);
                        out.write(raw("\r\n"));
                        written[0] += chunk.length;
                    }
                    out.write(raw("0\r\n\r\n"));
                    out.flush();
                } catch (IOException closed) {
                    // umhub answered and closed: stop writing
                }
                return null;
            });
            answer = readAnswer(new java.io.BufferedInputStream(s.getInputStream()), false, System.nanoTime());
            writer.cancel(true);
        }
        System.out.printf("chunked %d MB: %s after %d bytes written%n", megabytes, answer.summary(), written[0]);
        assertThat(answer.closed()).as("an answer before the connection closed").isFalse();
        assertThat(answer.status()).as(answer.summary()).isEqualTo(413);
        check("chunked " + megabytes + " MB", answer, false);
        if (total > 40_000_000L) {
            // the limit, what the container swallows after the answer (2 MB) and the sockets' buffers: far from 100 MB
            assertThat(written[0]).as("umhub stopped reading long before the end").isLessThan(40_000_000L);
        }

        Http.Answer after = http.webhook("payment_received", fresh());
        assertThat(after.status()).as("a webhook after the huge body: " + after.body()).isEqualTo(202);
        assertThat(http.admin("GET", "/actuator/health", null).status()).isEqualTo(200);
    }

    /** A body declared at 100 MB and actually streamed: 413 at once, from the declared length. */
    @Order(5)
    @Test
    void aHugeSizedBodyIsRefusedFromItsContentLength() throws Exception {
        long total = 100_000_000L;
        byte[] head = withPort(req("POST", WH + "customer_created" + TQ, null, JSON, "Content-Length: " + total));
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) ' ');
        long[] written = new long[1];
        Answer answer;
        long started = System.nanoTime();
        try (Socket s = connect(null)) {
            s.setSoTimeout(15_000);
            Future<?> writer = WRITERS.submit(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(head);
                    while (written[0] < total) {
                        out.write(block);
                        written[0] += block.length;
                    }
                } catch (IOException closed) {
                    // answered and closed
                }
                return null;
            });
            answer = readAnswer(new java.io.BufferedInputStream(s.getInputStream()), false, started);
            writer.cancel(true);
        }
        assertThat(answer.status()).as(answer.summary()).isEqualTo(413);
        check("100 MB with Content-Length", answer, false);
        assertThat(answer.millis()).as("answered without waiting for the body").isLessThan(5_000);
        assertThat(http.webhook("payment_received", fresh()).status()).isEqualTo(202);
    }

    /**
     * Issue 9, defect 2: eight connections from one client address each declare 1,000 bytes, send five and stall.
     * Webhooks from another address must all still get 202, each within 5 s; the stalled ones get 408 (or are
     * closed) within about 20 s.
     */
    @Order(6)
    @Test
    void eightStalledBodiesDoNotHoldTheIntake() throws Exception {
        stalledBodies(8, Set.of(408));
    }

    /** Forty stalled bodies from one address: the per-client cap answers the extra ones 429 at once. */
    @Order(7)
    @Test
    void fortyStalledBodiesMeetThePerClientCap() throws Exception {
        Map<Integer, Integer> statuses = stalledBodies(40, Set.of(408, 429));
        assertThat(statuses.getOrDefault(429, 0)).as("the cap of 16 per client: " + statuses).isGreaterThanOrEqualTo(24);
    }

    /**
     * Stalling is one way to hold a connection; trickling is the other: one byte a second keeps every read within the
     * connection timeout. 210 connections from one address each declare 100,000 bytes and trickle: the per-client cap
     * refuses all but 16 at once (429) and the body deadline ends those 16 (408), but a refused body must not keep its
     * connection (and the container's thread, while it swallows the rest of the declared body): webhooks from another
     * address must still get 202, each within 5 s, both while the 16 are being read and after their 408.
     */
    @Order(8)
    @Test
    void tricklingBodiesFromOneAddressDoNotHoldTheIntake() throws Exception {
        int count = 210;
        List<Socket> tricklers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Future<?> trickle = null;
        try {
            byte[] head = withPort(req("POST", PAYMENT_HOOK, null, JSON, "Content-Length: 100000"));
            for (int i = 0; i < count; i++) {
                Socket s = connect("127.0.0.4");
                s.getOutputStream().write(concat(head, utf8("{")));
                tricklers.add(s);
            }
            long started = System.nanoTime();
            trickle = WRITERS.submit(() -> {
                while (!stop.get()) {
                    for (Socket s : tricklers) {
                        try {
                            s.getOutputStream().write(' ');
                        } catch (IOException closed) {
                            // umhub closed this one: good
                        }
                    }
                    Thread.sleep(1_000);
                }
                return null;
            });
            for (long at : new long[] {2_000, 12_000}) { // while 16 bodies are read, and after their 408
                long wait = at - (System.nanoTime() - started) / 1_000_000;
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                for (int i = 0; i < 4; i++) {
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = http.send(http.request(PAYMENT_HOOK).timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(fresh())).build()).status();
                    } catch (java.io.UncheckedIOException timedOut) {
                        status = -1;
                    }
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertThat(status).as("a legitimate webhook " + at / 1000 + " s into " + count
                            + " trickling bodies from one address (-1: no answer within 5 s), after " + ms + " ms")
                            .isEqualTo(202);
                }
            }
        } finally {
            stop.set(true);
            if (trickle != null) {
                trickle.cancel(true);
            }
            closeAll(tricklers);
        }
    }

    /** Closes the sockets, then gives umhub a moment to refuse (and quarantine) what they left half sent. */
    private static void closeAll(List<Socket> sockets) throws InterruptedException {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        Thread.sleep(500);
    }

    private Map<Integer, Integer> stalledBodies(int count, Set<Integer> allowed) throws Exception {
        List<Socket> stalled = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<String> targets = List.of(PAYMENT_HOOK, WH + "payment_received?token=wrong",
                    WH + "no_such_slug" + TQ);
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Socket s = connect("127.0.0.2");
                stalled.add(s);
                byte[] head = withPort(req("POST", targets.get(i % targets.size()), null, JSON, "Content-Length: 1000"));
                s.getOutputStream().write(concat(head, utf8("{\"cu")));
                s.getOutputStream().write('s');
                s.getOutputStream().flush();
            }
            Thread.sleep(300); // let every stalled request reach the body read
            List<Future<long[]>> posts = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                byte[] body = fresh();
                posts.add(senders.submit(() -> {
                    long t0 = System.nanoTime();
                    Http.Answer a = http.webhook("payment_received", body);
                    return new long[] {a.status(), (System.nanoTime() - t0) / 1_000_000};
                }));
            }
            for (Future<long[]> f : posts) {
                long[] r = f.get(30, TimeUnit.SECONDS);
                assertThat(r[0]).as("a legitimate webhook while " + count + " bodies stall").isEqualTo(202);
                assertThat(r[1]).as("its answer time (ms) while " + count + " bodies stall").isLessThan(5_000);
            }
            long deadline = started + Duration.ofSeconds(20).toNanos();
            for (Socket s : stalled) {
                int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                s.setSoTimeout(left);
                Answer a;
                try {
                    a = readAnswer(new java.io.BufferedInputStream(s.getInputStream()), false, System.nanoTime());
                } catch (SocketTimeoutException e) {
                    fail("a stalled connection got no answer and was not closed within 20 s");
                    return statuses;
                }
                if (a.closed()) {
                    statuses.merge(0, 1, Integer::sum);
                    continue;
                }
                statuses.merge(a.status(), 1, Integer::sum);
                assertThat(a.status()).as("a stalled body: " + a.summary()).isIn(allowed);
                check("stalled body", a, false);
            }
            System.out.printf("%d stalled bodies: %s (0 = closed without an answer) after %d ms%n", count, statuses,
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(http.webhook("payment_received", fresh()).status()).isEqualTo(202);
            return statuses;
        } finally {
            senders.shutdownNow();
            closeAll(stalled);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // a raw HTTP/1.1 client

    /** One answer read off the socket; {@code closed} when the connection ended (or was reset) before one came. */
    record Answer(int status, String statusLine, Map<String, List<String>> headers, byte[] body, long millis,
                  long completeMillis, boolean closed, boolean headerless) {

        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String headText() {
            return statusLine + "\n" + headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("\n"));
        }

        JsonNode json() {
            try {
                return Fixtures.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + summary(), e);
            }
        }

        String summary() {
            if (closed) {
                return "(closed without an answer)";
            }
            String t = text();
            return statusLine + " " + header("content-type") + " " + (t.length() > 300 ? t.substring(0, 300) + "..." : t)
                    + " (status line after " + millis + " ms, complete after " + completeMillis + " ms)";
        }
    }

    private byte[] withPort(byte[] request) {
        byte[] marker = raw(PORT);
        byte[] port = raw(String.valueOf(this.port));
        ByteArrayOutputStream out = new ByteArrayOutputStream(request.length);
        // the marker is only ever in the head, which is ASCII
        int i = 0;
        while (i < request.length) {
            if (i + marker.length <= request.length && Arrays.equals(request, i, i + marker.length, marker, 0,
                    marker.length)) {
                out.writeBytes(port);
                i += marker.length;
            } else {
                out.write(request[i++]);
            }
        }
        return out.toByteArray();
    }

    private Socket connect(String localAddress) throws IOException {
        Socket s = new Socket();
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, 0));
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return s;
    }

    /** Writes the request (on another thread, so a server that answers early is read at once) and reads its answers. */
    private List<Answer> exchange(byte[] request, boolean followUps, boolean halfClose, Duration within)
            throws Exception {
        List<Answer> answers = new ArrayList<>();
        try (Socket s = connect(null)) {
            // generous: a refused body's answer may only be complete once the container stops waiting for the rest
            s.setSoTimeout((int) within.toMillis() + 8_000);
            long started = System.nanoTime();
            Future<?> writer = WRITERS.submit(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(request);
                    out.flush();
                    if (halfClose) {
                        s.shutdownOutput();
                    }
                } catch (IOException closed) {
                    // the server answered before the request was written in full, and closed
                }
                return null;
            });
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            answers.add(readAnswer(in, isHead(request), started));
            if (followUps) {
                s.setSoTimeout(1_500);
                while (!answers.get(answers.size() - 1).closed()) {
                    try {
                        answers.add(readAnswer(in, false, System.nanoTime()));
                    } catch (SocketTimeoutException quiet) {
                        break;
                    }
                }
            }
            writer.cancel(true);
        }
        return answers;
    }

    private static boolean isHead(byte[] request) {
        return request.length > 5 && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
    }

    /** Reads one HTTP/1.1 answer (skipping 1xx), its body framed by Content-Length, chunks, or the end. */
    static Answer readAnswer(InputStream in, boolean head, long started) throws IOException {
        while (true) {
            // an answer without a status line (HTTP/0.9 style): the body alone, up to the end of the connection
            in.mark(8);
            byte[] start;
            try {
                start = in.readNBytes(5);
            } catch (java.net.SocketException reset) {
                return new Answer(0, "", Map.of(), new byte[0], 0, 0, true, false);
            }
            in.reset();
            if (start.length > 0 && !new String(start, StandardCharsets.ISO_8859_1).equals("HTTP/")) {
                long millis = (System.nanoTime() - started) / 1_000_000;
                byte[] body;
                try {
                    body = in.readAllBytes();
                } catch (java.net.SocketException reset) {
                    body = start;
                }
                JsonNode problem = null;
                try {
                    problem = Fixtures.JSON.readTree(body);
                } catch (IOException notJson) {
                    // reported by the checks
                }
                int status = problem != null && problem.path("status").isInt() ? problem.path("status").asInt() : -1;
                return new Answer(status, "(no status line)", Map.of(), body, millis,
                        (System.nanoTime() - started) / 1_000_000, false, true);
            }
            String statusLine;
            try {
                statusLine = line(in);
            } catch (EOFException | java.net.SocketException ended) {
                return new Answer(0, "", Map.of(), new byte[0], 0, 0, true, false);
            }
            if (statusLine == null) {
                return new Answer(0, "", Map.of(), new byte[0], 0, 0, true, false);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new AssertionError("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String h;
            while ((h = line(in)) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).trim());
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            byte[] body;
            List<String> te = headers.get("transfer-encoding");
            List<String> cl = headers.get("content-length");
            try {
                if (head || status == 204 || status == 304) {
                    body = new byte[0];
                } else if (te != null && te.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
                    body = chunkedBody(in);
                } else if (cl != null) {
                    body = in.readNBytes(Integer.parseInt(cl.get(0)));
                } else {
                    body = in.readAllBytes();
                }
            } catch (java.net.SocketException reset) {
                body = new byte[0];
            }
            return new Answer(status, statusLine, headers, body, millis, (System.nanoTime() - started) / 1_000_000,
                    false, false);
        }
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                return out.toByteArray();
            }
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                String trailer;
                while ((trailer = line(in)) != null && !trailer.isEmpty()) {
                    // trailers: none expected
                }
                return out.toByteArray();
            }
            out.writeBytes(in.readNBytes(n));
            line(in);
        }
    }

    /** A line without its CRLF, or null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] l = b.toByteArray();
                int n = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
                return new String(l, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        if (b.size() == 0) {
            return null;
        }
        throw new EOFException("the stream ended inside a line");
    }
}
