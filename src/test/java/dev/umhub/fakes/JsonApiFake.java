package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the fakes of the analytics APIs share: a server answering one path with the provider's own rules
 * ({@link #answer}), answers injected for the next calls (a status, a body, a Retry-After), and what the provider
 * would keep (accepted events, in order) and the number of events in each request that reached it.
 */
public abstract class JsonApiFake implements AutoCloseable {

    protected static final ObjectMapper JSON = FakeBodies.JSON;

    /** An answer as a fake gives it. */
    public record Reply(int status, String body, Integer retryAfter) {
    }

    private final Deque<Reply> injected = new ArrayDeque<>();
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final List<Integer> eventsPerRequest = new CopyOnWriteArrayList<>();
    private final WireMockServer server;

    protected JsonApiFake() {
        server = new WireMockServer(WireMockConfiguration.options().port(0).extensions(new Api()));
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The next call gets this answer instead of the provider's own. */
    public synchronized void answerNext(int status, String body) {
        injected.add(new Reply(status, body, null));
    }

    /** The next call is rate limited with this Retry-After (seconds). */
    public synchronized void rateLimitNext(int status, String body, int retryAfterSeconds) {
        injected.add(new Reply(status, body, retryAfterSeconds));
    }

    /** The events the provider kept, in the order it kept them. */
    public List<JsonNode> accepted() {
        return List.copyOf(accepted);
    }

    /** For each request the provider's own rules answered: how many events it carried. */
    public List<Integer> eventsPerRequest() {
        return List.copyOf(eventsPerRequest);
    }

    /** Every request that reached the fake, answered or not. */
    public List<Request> requests() {
        return server.getAllServeEvents().stream().map(e -> (Request) e.getRequest()).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The provider's answer to a request on one of its paths, keeping what it accepts through {@link #keep}. */
    protected abstract Reply answer(Request request, JsonNode body);

    /** The paths the provider serves (no query). */
    protected abstract java.util.Set<String> paths();

    protected void keep(JsonNode event) {
        accepted.add(event);
    }

    protected void counted(int events) {
        eventsPerRequest.add(events);
    }

    protected static Reply json(int status, String body) {
        return new Reply(status, body, null);
    }

    /** The user and password of a Basic Authorization header, or null. */
    protected static String[] basicAuth(Request r) {
        String h = r.getHeader("Authorization");
        if (h == null || !h.startsWith("Basic ")) {
            return null;
        }
        String pair = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    }

    protected static int bytes(Request r) {
        return r.getBody() == null ? 0 : r.getBody().length;
    }

    private synchronized Reply nextInjected() {
        return injected.poll();
    }

    private final class Api implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return getClass().getName();
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request r = event.getRequest();
            Reply reply;
            if (!"POST".equals(r.getMethod().getName())) {
                reply = json(405, "{\"error\":\"method not allowed\"}");
            } else if (!paths().contains(r.getUrl().replaceAll("\\?.*", ""))) {
                reply = json(404, "{\"error\":\"not found\"}");
            } else {
                Reply forced = nextInjected();
                reply = forced != null ? forced : answer(r, FakeBodies.read(r.getBodyAsString()));
            }
            ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(reply.status())
                    .withHeader("Content-Type", reply.body().startsWith("{") || reply.body().startsWith("[")
                            ? "application/json" : "text/plain")
                    .withBody(reply.body());
            if (reply.retryAfter() != null) {
                b = b.withHeader("Retry-After", String.valueOf(reply.retryAfter()));
            }
            return b.build();
        }
    }

    /** Values of a field across a list of events, for assertions. */
    public static List<String> texts(List<JsonNode> events, String pointer) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.at(pointer).asText(null)));
        return out;
    }
}
