package dev.umhub.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake HubSpot CRM v3 that answers like the real one (see shared/reference/providers.md, section 1):
 * {@code POST /crm/v3/objects/contacts/batch/upsert} with Bearer auth (401 INVALID_AUTHENTICATION otherwise),
 * at most 100 inputs, {@code idProperty} email (400 VALIDATION_ERROR otherwise), 200 COMPLETE with a stable contact
 * id per email and the {@code new} flag (results echo each input's objectWriteTraceId, and come in reverse input order:
 * HubSpot does not promise any), X-HubSpot-RateLimit-* headers; 429 carries RATE_LIMITS and TEN_SECONDLY_ROLLING.
 * Faults are injected per call; a rejected email makes a batch answer 207 Multi-Status with that input in
 * {@code errors} and the others in {@code results}.
 */
public final class HubSpotFake implements AutoCloseable {

    public static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";
    private static final ObjectMapper JSON = FakeBodies.JSON;

    private final String token;
    private final FaultQueue faults = new FaultQueue();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final Set<String> refusingBatches = ConcurrentHashMap.newKeySet();
    private final WireMockServer server;

    public HubSpotFake(String token) {
        this.token = token;
        this.server = new WireMockServer(WireMockConfiguration.options().port(0).extensions(new Upsert()));
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The next calls answer these statuses, in turn, before the fake answers normally again. */
    public void fail(int... statuses) {
        for (int s : statuses) {
            faults.add(new FaultQueue.Fault(s, null));
        }
    }

    public void failWithRetryAfter(int status, int seconds) {
        faults.add(new FaultQueue.Fault(status, seconds));
    }

    /** The next call answers normally, but only after this delay: a provider slower than umhub's timeout. */
    public void hangNext(int millis) {
        faults.add(new FaultQueue.Fault(0, null, millis));
    }

    /** Every call answers normally, but only after this delay, until {@link #reset()}: a provider hanging. */
    public void hangAlways(int millis) {
        faults.alwaysDelay(millis);
    }

    /** Every call answers this status until {@link #reset()}: a provider that refuses the content for good. */
    public void failAlways(int status) {
        faults.always(status);
    }

    public void reset() {
        faults.clear();
        known.clear();
        server.resetRequests();
    }

    /** The contact id this fake gives an email: a number derived from it, the same on every call. */
    public static String contactId(String email) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(email.toLowerCase().getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, d).mod(BigInteger.valueOf(1_000_000_000_000L)).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inputs with this email fail from now on (per input: the batch's other inputs still succeed). */
    public void rejectEmail(String email) {
        rejected.add(email.toLowerCase());
    }

    /** A request holding this email is refused as a whole (400 VALIDATION_ERROR), whatever else it holds. */
    public void refuseRequestsWith(String email) {
        refusingBatches.add(email.toLowerCase());
    }

    public List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(UPSERT)));
    }

    /** When each upsert call arrived, in order. */
    public List<java.time.Instant> arrivals() {
        return requests().stream().map(r -> r.getLoggedDate().toInstant()).sorted().toList();
    }

    /** Inputs of the upserts the fake accepted (answered 200, or in the results of a 207). */
    public List<JsonNode> acceptedInputs() {
        List<JsonNode> inputs = new ArrayList<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            int status = e.getResponse().getStatus();
            if (e.getRequest().getUrl().startsWith(UPSERT) && (status == 200 || status == 207)) {
                FakeBodies.read(e.getRequest().getBodyAsString()).path("inputs").forEach(in -> {
                    if (status == 200 || !rejected.contains(in.path("id").asText().toLowerCase())) {
                        inputs.add(in);
                    }
                });
            }
        }
        return inputs;
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Upsert implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "hubspot-upsert";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            if (!request.getUrl().startsWith(UPSERT) || !"POST".equals(request.getMethod().getName())) {
                return error(404, "OBJECT_NOT_FOUND", "Resource not found").build();
            }
            if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
                return error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found.").build();
            }
            FaultQueue.Fault fault = faults.next();
            if (fault != null && fault.status() > 0) {
                ResponseDefinitionBuilder r = fault.status() == 429
                        ? error(429, "RATE_LIMITS", "You have reached your ten_secondly_rolling limit.")
                        .withBody("{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\","
                                + "\"category\":\"RATE_LIMITS\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}")
                        : fault.status() == 400 ? error(400, "VALIDATION_ERROR", "Property values were not valid")
                        : error(fault.status(), "FAULT", "injected fault");
                if (fault.retryAfterSeconds() != null) {
                    r.withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
                }
                return r.build();
            }
            JsonNode inputs = FakeBodies.read(request.getBodyAsString()).path("inputs");
            if (!inputs.isArray() || inputs.isEmpty() || inputs.size() > 100) {
                return error(400, "VALIDATION_ERROR", "inputs must hold 1 to 100 objects").build();
            }
            for (JsonNode input : inputs) {
                if (refusingBatches.contains(input.path("id").asText("").toLowerCase())) {
                    return error(400, "VALIDATION_ERROR", "Property values were not valid").build();
                }
            }
            ArrayNode results = JSON.createArrayNode();
            ArrayNode errors = JSON.createArrayNode();
            String now = Instant.now().toString();
            for (JsonNode input : inputs) {
                String email = input.path("id").asText("");
                if (!"email".equals(input.path("idProperty").asText()) || !email.contains("@")) {
                    return error(400, "VALIDATION_ERROR", "Invalid input: idProperty must be email").build();
                }
                if (rejected.contains(email.toLowerCase())) {
                    ObjectNode e = errors.addObject();
                    e.put("status", "error");
                    e.put("category", "VALIDATION_ERROR");
                    e.put("message", "Property values were not valid");
                    e.putObject("context").putArray("ids").add(email);
                    continue;
                }
                ObjectNode r = results.insertObject(0);
                r.put("id", contactId(email));
                r.put("new", known.add(email.toLowerCase()));
                r.set("properties", input.path("properties"));
                r.put("createdAt", now);
                r.put("updatedAt", now);
                r.put("archived", false);
                if (input.hasNonNull("objectWriteTraceId")) {
                    r.put("objectWriteTraceId", input.path("objectWriteTraceId").asText());
                }
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("status", "COMPLETE");
            body.set("results", results);
            body.put("numErrors", errors.size());
            body.set("errors", errors);
            body.put("requestedAt", now);
            body.put("startedAt", now);
            body.put("completedAt", now);
            ResponseDefinitionBuilder ok = rateLimited(ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(errors.isEmpty() ? 200 : 207)
                    .withHeader("Content-Type", "application/json;charset=utf-8").withBody(body.toString()));
            return (fault == null ? ok : ok.withFixedDelay(fault.delayMillis())).build();
        }

        private ResponseDefinitionBuilder error(int status, String category, String message) {
            return rateLimited(ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "application/json;charset=utf-8")
                    .withBody("{\"status\":\"error\",\"message\":\"" + message + "\",\"category\":\"" + category
                            + "\",\"correlationId\":\"0b8a7c1e-fake\"}"));
        }

        private ResponseDefinitionBuilder rateLimited(ResponseDefinitionBuilder r) {
            return r.withHeader("X-HubSpot-RateLimit-Max", "100")
                    .withHeader("X-HubSpot-RateLimit-Remaining", "99")
                    .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
        }
    }
}
