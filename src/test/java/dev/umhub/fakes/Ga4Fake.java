package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fake GA4 Measurement Protocol (shared/reference/providers.md, section 5). {@code /mp/collect} answers 204 to
 * everything it receives, as the real one does even for bad data, and records only what GA4 would keep: events of
 * requests with the right measurement id and API secret, valid names, at most 25 events. {@code /debug/mp/collect}
 * answers the validation messages (event names, at most 25 events, currencies of 3 capital letters) and records
 * nothing. Faults are injected per call.
 */
public final class Ga4Fake implements AutoCloseable {

    private static final ObjectMapper JSON = FakeBodies.JSON;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final Set<String> RESERVED = Set.of("ad_click", "app_remove", "error", "first_open", "first_visit",
            "screen_view", "session_start", "user_engagement", "app_store_subscription_cancel");

    private final String measurementId;
    private final String apiSecret;
    private final FaultQueue faults = new FaultQueue();
    private final WireMockServer server;

    /** A GA4 event as GA4 would record it, with the request's client and user ids. */
    public record Recorded(String clientId, String userId, String name, JsonNode params) {
    }

    public Ga4Fake(String measurementId, String apiSecret) {
        this(measurementId, apiSecret, 0);
    }

    /** On a given port (0: any free one), e.g. to come up where umhub was already sending. */
    public Ga4Fake(String measurementId, String apiSecret, int port) {
        this.measurementId = measurementId;
        this.apiSecret = apiSecret;
        this.server = new WireMockServer(WireMockConfiguration.options().port(port).extensions(new Collect()));
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public void fail(int... statuses) {
        for (int s : statuses) {
            faults.add(new FaultQueue.Fault(s, null));
        }
    }

    /** Every call answers normally, but only after this delay, until {@link #reset()}. */
    public void hangAlways(int millis) {
        faults.alwaysDelay(millis);
    }

    /** Every call answers this status until {@link #reset()}: GA4 down. */
    public void failAlways(int status) {
        faults.always(status);
    }

    /** Answers normally again from now on, keeping what was received so far. */
    public void heal() {
        faults.clear();
    }

    public void reset() {
        faults.clear();
        server.resetRequests();
    }

    /** Every event GA4 would have kept, in arrival order. */
    public List<Recorded> recorded() {
        List<Recorded> out = new ArrayList<>();
        for (JsonNode body : acceptedBodies()) {
            JsonNode events = body.path("events");
            if (!events.isArray() || events.size() > 25 || body.path("client_id").asText("").isEmpty()) {
                continue;
            }
            for (JsonNode ev : events) {
                if (validName(ev.path("name").asText())) {
                    out.add(new Recorded(body.path("client_id").asText(), body.path("user_id").asText(null),
                            ev.path("name").asText(), ev.path("params")));
                }
            }
        }
        return out;
    }

    /** Bodies of the requests GA4 answered 204 with the right measurement id and secret, in arrival order. */
    private List<JsonNode> acceptedBodies() {
        List<ServeEvent> served = new ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(served); // WireMock lists newest first
        return served.stream().filter(e -> e.getRequest().getUrl().startsWith("/mp/collect")
                        && e.getResponse().getStatus() == 204 && authorised(e.getRequest()))
                .map(e -> FakeBodies.read(e.getRequest().getBodyAsString())).toList();
    }

    /** For each request GA4 accepted with events of this user, in arrival order: how many events it carried. */
    public List<Integer> eventsPerRequest(String userId) {
        return acceptedBodies().stream().filter(body -> userId.equals(body.path("user_id").asText(null)))
                .map(body -> body.path("events").size()).toList();
    }

    public List<Recorded> recorded(String name) {
        return recorded().stream().filter(r -> r.name().equals(name)).toList();
    }

    /** Every call on /mp/collect, authorised or not. */
    public int calls() {
        return (int) server.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith("/mp/collect"))
                .count();
    }

    @Override
    public void close() {
        server.stop();
    }

    private boolean authorised(com.github.tomakehurst.wiremock.http.Request r) {
        return measurementId.equals(r.queryParameter("measurement_id").firstValue())
                && apiSecret.equals(r.queryParameter("api_secret").firstValue());
    }

    private static boolean validName(String name) {
        return NAME.matcher(name).matches() && !RESERVED.contains(name) && !name.startsWith("ga_")
                && !name.startsWith("google_") && !name.startsWith("firebase_");
    }

    private final class Collect implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "ga4-collect";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var r = event.getRequest();
            if (!"POST".equals(r.getMethod().getName())) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(405).build();
            }
            FaultQueue.Fault fault = faults.next();
            if (fault != null && fault.status() > 0) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(fault.status()).build();
            }
            int delay = fault == null ? 0 : fault.delayMillis();
            if (r.getUrl().startsWith("/debug/mp/collect")) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(validate(FakeBodies.read(r.getBodyAsString())))
                        .build();
            }
            if (r.getUrl().startsWith("/mp/collect")) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(204).withFixedDelay(delay).build();
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(404).build();
        }

        private String validate(JsonNode body) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode messages = out.putArray("validationMessages");
            JsonNode events = body.path("events");
            if (events.size() > 25) {
                messages.addObject().put("fieldPath", "events").put("validationCode", "EXCEEDED_MAX_ENTITIES")
                        .put("description", "A maximum of 25 events can be specified per request.");
            }
            for (int i = 0; i < events.size(); i++) {
                JsonNode currency = events.get(i).path("params").path("currency");
                if (!currency.isMissingNode() && !currency.asText().matches("[A-Z]{3}")) {
                    messages.addObject().put("fieldPath", "events.params.currency").put("validationCode",
                            "VALUE_INVALID").put("description", "Event at index: [" + i + "] has invalid currency ["
                            + currency.asText() + "]; use a 3-letter ISO 4217 code.");
                }
                String name = events.get(i).path("name").asText();
                if (!validName(name)) {
                    messages.addObject().put("fieldPath", "events").put("validationCode",
                                    RESERVED.contains(name) ? "NAME_RESERVED" : "NAME_INVALID")
                            .put("description", "Event at index: [" + i + "] has invalid name [" + name + "].");
                }
            }
            return out.toString();
        }
    }
}
