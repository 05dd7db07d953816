package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake Pipedrive (shared/reference/providers.md, section 3): {@code api_token} in the query or 401; persons searched
 * by email ({@code /api/v2/persons/search?term=&fields=email&exact_match=true}), created ({@code POST
 * /api/v2/persons}) and updated ({@code PATCH /api/v2/persons/{id}}); deals created ({@code POST /api/v2/deals}: a
 * title or 400, {@code person_id} and {@code value} numbers or 400, as API v2 types them), updated ({@code PATCH
 * /api/v2/deals/{id}}) and listed ({@code GET /api/v2/deals?person_id=&sort_by=id&sort_direction=&limit=
 * &custom_fields=}); all in the {@code {"success": ..., "data": ...}} envelope. No upsert and no idempotency key, so
 * two creations with one email make two persons, and two of one deal two deals, as on the real one. Every answer has
 * the {@code x-ratelimit-*} headers; {@link #rateLimitNext} answers 429 with {@code x-ratelimit-reset};
 * {@link #answerNext} injects any answer instead of the call; {@link #loseNextAnswer} carries the call out and then
 * answers an error, as a gateway that timed out after Pipedrive wrote.
 */
public final class PipedriveFake implements AutoCloseable {

    private final String apiToken;
    private final Map<Long, ObjectNode> persons = new LinkedHashMap<>();
    private long nextId = 1;
    private final Map<Long, ObjectNode> deals = new LinkedHashMap<>();
    private long nextDealId = 1;
    private final List<String> calls = new ArrayList<>();
    private final List<Injected> injected = new ArrayList<>();

    /**
     * An answer the next call gets (the next one like {@code call}, "METHOD path", when set): instead of it, or
     * ({@code after}) once it has been carried out.
     */
    private record Injected(String call, int status, int resetSeconds, boolean after) {
        boolean matches(String c) {
            return call == null || call.equals(c);
        }
    }
    private final WireMockServer server;

    public PipedriveFake(String apiToken) {
        this.apiToken = apiToken;
        server = new WireMockServer(WireMockConfiguration.options().port(0).extensions(new Api()));
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Persons with this email (more than one means a duplicate was created). */
    public synchronized List<ObjectNode> personsWithEmail(String email) {
        return persons.values().stream().filter(p -> p.path("emails").findValuesAsText("value").contains(email))
                .toList();
    }

    /** Calls as "METHOD path", in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The person is deleted, as a user of Pipedrive may do. */
    public synchronized void deletePerson(long id) {
        persons.remove(id);
    }

    /** Deals, in the order they were made (more than one for one delivery means a duplicate was created). */
    public synchronized List<ObjectNode> deals() {
        return deals.values().stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized void rateLimitNext(int resetSeconds) {
        injected.add(new Injected(null, 429, resetSeconds, false));
    }

    /** The next call is not carried out; it gets this status. */
    public synchronized void answerNext(int status) {
        injected.add(new Injected(null, status, 0, false));
    }

    /** The next call like this one ("POST /api/v2/deals") is not carried out; it gets this status. */
    public synchronized void answerNext(String call, int status) {
        injected.add(new Injected(call, status, 0, false));
    }

    /**
     * The next call like this one is carried out, but its answer is lost: it gets this status instead, as from a
     * gateway that gave up (503, 504) after Pipedrive wrote.
     */
    public synchronized void loseNextAnswer(String call, int status) {
        injected.add(new Injected(call, status, 0, true));
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized ResponseDefinition answer(Request r) {
        String path = r.getUrl().replaceAll("\\?.*", "");
        String method = r.getMethod().getName();
        calls.add(method + " " + path);
        String token = r.queryParameter("api_token").isPresent() ? r.queryParameter("api_token").firstValue() : null;
        if (!apiToken.equals(token)) {
            return json(401, "{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}", null);
        }
        Injected fault = injected.stream().filter(i -> i.matches(method + " " + path)).findFirst().orElse(null);
        injected.remove(fault);
        if (fault != null && fault.after()) {
            carryOut(r, method, path);
        }
        if (fault != null) {
            int status = fault.status();
            return json(status, "{\"success\":false,\"error\":\"" + (status == 429 ? "Rate limit exceeded" : "fault")
                    + "\",\"errorCode\":" + status + "}", status == 429 ? String.valueOf(fault.resetSeconds()) : null);
        }
        return carryOut(r, method, path);
    }

    private ResponseDefinition carryOut(Request r, String method, String path) {
        if ("GET".equals(method) && path.equals("/api/v2/persons/search")) {
            String term = r.queryParameter("term").firstValue();
            ObjectNode body = FakeBodies.JSON.createObjectNode().put("success", true);
            var items = body.putObject("data").putArray("items");
            persons.forEach((id, p) -> {
                if (p.path("emails").findValuesAsText("value").contains(term)) {
                    items.addObject().put("result_score", 1.0).set("item", p);
                }
            });
            return json(200, body.toString(), null);
        }
        JsonNode sent = FakeBodies.read(r.getBodyAsString());
        if ("POST".equals(method) && path.equals("/api/v2/persons")) {
            if (sent.path("name").asText("").isBlank()) {
                return json(400, "{\"success\":false,\"error\":\"Name must be given\",\"errorCode\":400}", null);
            }
            long id = nextId++;
            ObjectNode person = ((ObjectNode) sent).deepCopy().put("id", id);
            persons.put(id, person);
            return json(200, "{\"success\":true,\"data\":" + person + "}", null);
        }
        if ("PATCH".equals(method) && path.matches("/api/v2/persons/\\d+")) {
            ObjectNode person = persons.get(Long.parseLong(path.substring(path.lastIndexOf('/') + 1)));
            if (person == null) {
                return json(404, "{\"success\":false,\"error\":\"Person not found\",\"errorCode\":404}", null);
            }
            person.setAll((ObjectNode) sent);
            return json(200, "{\"success\":true,\"data\":" + person + "}", null);
        }
        if ("GET".equals(method) && path.equals("/api/v2/deals")) {
            return json(200, dealList(r).toString(), null);
        }
        if ("POST".equals(method) && path.equals("/api/v2/deals")) {
            if (sent.path("title").asText("").isBlank()) {
                return json(400, "{\"success\":false,\"error\":\"Deal title must be given.\",\"errorCode\":400}",
                        null);
            }
            for (String number : List.of("person_id", "value", "pipeline_id", "stage_id")) {
                if (sent.has(number) && !sent.path(number).isNumber()) {
                    return json(400, "{\"success\":false,\"error\":\"Invalid request: " + number
                            + " should be a number\",\"errorCode\":400}", null);
                }
            }
            long id = nextDealId++;
            ObjectNode deal = ((ObjectNode) sent).deepCopy().put("id", id);
            if (!deal.has("person_id")) {
                deal.putNull("person_id"); // the real answer has every field, null when unset
            }
            if (!deal.has("status")) {
                deal.put("status", "open");
            }
            deals.put(id, deal);
            return json(200, "{\"success\":true,\"data\":" + deal + "}", null);
        }
        if ("PATCH".equals(method) && path.matches("/api/v2/deals/\\d+")) {
            ObjectNode deal = deals.get(Long.parseLong(path.substring(path.lastIndexOf('/') + 1)));
            if (deal == null) {
                return json(404, "{\"success\":false,\"error\":\"Deal not found\",\"errorCode\":404}", null);
            }
            deal.setAll((ObjectNode) sent);
            return json(200, "{\"success\":true,\"data\":" + deal + "}", null);
        }
        return json(404, "{\"success\":false,\"error\":\"Unknown method\",\"errorCode\":404}", null);
    }

    /** A person's deals, newest first when asked, only the custom fields asked for (none: all). */
    private ObjectNode dealList(Request r) {
        String person = param(r, "person_id");
        List<ObjectNode> found = new ArrayList<>(deals.values().stream()
                .filter(d -> person == null || d.path("person_id").asText().equals(person)).toList());
        if ("desc".equals(param(r, "sort_direction"))) {
            java.util.Collections.reverse(found);
        }
        int limit = param(r, "limit") == null ? 100 : Integer.parseInt(param(r, "limit"));
        String fields = param(r, "custom_fields");
        ObjectNode body = FakeBodies.JSON.createObjectNode().put("success", true);
        var data = body.putArray("data");
        found.stream().limit(limit).forEach(d -> {
            ObjectNode deal = d.deepCopy();
            if (fields != null && deal.path("custom_fields").isObject()) {
                ((ObjectNode) deal.path("custom_fields")).retain(List.of(fields.split(",")));
            }
            data.add(deal);
        });
        body.putObject("additional_data").putNull("next_cursor");
        return body;
    }

    private static String param(Request r, String name) {
        return r.queryParameter(name).isPresent() ? r.queryParameter(name).firstValue() : null;
    }

    private ResponseDefinition json(int status, String body, String reset) {
        ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("x-ratelimit-limit", "20")
                .withHeader("x-ratelimit-remaining", status == 429 ? "0" : "19")
                .withHeader("x-ratelimit-reset", reset == null ? "2" : reset);
        return b.withBody(body).build();
    }

    private final class Api implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "pipedrive";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            return answer(event.getRequest());
        }
    }
}
