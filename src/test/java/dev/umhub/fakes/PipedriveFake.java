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
 * /api/v2/persons}) and updated ({@code PATCH /api/v2/persons/{id}}), deals likewise ({@code /api/v2/deals}), in the {@code {"success": ..., "data": ...}}
 * envelope; no upsert, so two creations with one email make two persons, as on the real one. Every answer has the
 * {@code x-ratelimit-*} headers; {@link #rateLimitNext} answers 429 with {@code x-ratelimit-reset};
 * {@link #answerNext} injects any answer.
 */
public final class PipedriveFake implements AutoCloseable {

    private final String apiToken;
    private final Map<Long, ObjectNode> persons = new LinkedHashMap<>();
    private long nextId = 1;
    private final Map<Long, ObjectNode> deals = new LinkedHashMap<>();
    private long nextDealId = 1;
    private final List<String> calls = new ArrayList<>();
    private final List<int[]> injected = new ArrayList<>();
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

    public synchronized void rateLimitNext(int resetSeconds) {
        injected.add(new int[] {429, resetSeconds});
    }

    public synchronized void answerNext(int status) {
        injected.add(new int[] {status, 0});
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
        if (!injected.isEmpty()) {
            int[] i = injected.remove(0);
            return json(i[0], "{\"success\":false,\"error\":\"" + (i[0] == 429 ? "Rate limit exceeded" : "fault")
                    + "\",\"errorCode\":" + i[0] + "}", i[0] == 429 ? String.valueOf(i[1]) : null);
        }
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
        if ("POST".equals(method) && path.equals("/api/v2/deals")) {
            if (sent.path("title").asText("").isBlank()) {
                return json(400, "{\"success\":false,\"error\":\"Title must be given\",\"errorCode\":400}", null);
            }
            long id = nextDealId++;
            ObjectNode deal = ((ObjectNode) sent).deepCopy().put("id", id);
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
