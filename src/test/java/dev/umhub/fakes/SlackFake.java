package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Slack incoming webhook (shared/reference/providers.md, section 10): {@code POST /services/T…/B…/X…} with a
 * JSON body holding {@code text} answers 200 {@code ok} (plain text); a body without text is 400 {@code no_text}, an
 * unknown hook path 404 {@code no_service}. Injected answers: 5xx, 429 with Retry-After, and Slack's plain-text
 * error strings.
 */
public final class SlackFake implements AutoCloseable {

    public static final String HOOK = "/services/T0UMHUB00/B0UMHUB00/umhubHookSecret0001";

    /** A message Slack accepted. */
    public record Message(String text, String idempotencyKey, JsonNode body) {
    }

    private record Answer(int status, String body, Integer retryAfter) {
    }

    private final Deque<Answer> next = new ArrayDeque<>();
    private final List<Message> accepted = new CopyOnWriteArrayList<>();
    private final WireMockServer server;

    public SlackFake() {
        server = new WireMockServer(WireMockConfiguration.options().port(0).extensions(new Hook()));
        server.start();
    }

    /** The webhook URL, which is the hook's secret. */
    public String webhookUrl() {
        return server.baseUrl() + HOOK;
    }

    public synchronized void answerNext(int status, String body) {
        next.add(new Answer(status, body, null));
    }

    public synchronized void rateLimitNext(int retryAfterSeconds) {
        next.add(new Answer(429, "rate_limited", retryAfterSeconds));
    }

    public List<Message> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized Answer injected() {
        return next.poll();
    }

    private final class Hook implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "slack-hook";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var r = event.getRequest();
            if (!"POST".equals(r.getMethod().getName())) {
                return text(405, "invalid_method");
            }
            if (!HOOK.equals(r.getUrl())) {
                return text(404, "no_service");
            }
            Answer a = injected();
            if (a != null) {
                ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(a.status())
                        .withHeader("Content-Type", "text/plain").withBody(a.body());
                return (a.retryAfter() == null ? b : b.withHeader("Retry-After", String.valueOf(a.retryAfter()))).build();
            }
            JsonNode body = FakeBodies.read(r.getBodyAsString());
            if (!body.isObject()) {
                return text(400, "invalid_payload");
            }
            if (!body.path("text").isTextual() || body.path("text").asText().isBlank()) {
                return text(400, "no_text");
            }
            accepted.add(new Message(body.path("text").asText(), r.getHeader("Idempotency-Key"), body));
            return text(200, "ok");
        }

        private ResponseDefinition text(int status, String body) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "text/plain")
                    .withBody(body).build();
        }
    }
}
