package dev.umhub.example.fakes;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal fake HubSpot CRM: {@code POST /crm/v3/objects/contacts/batch/upsert} with Bearer auth answers 200
 * {@code {"status":"COMPLETE","results":[{"id","properties":{"email"},"objectWriteTraceId"}]}}; a wrong or missing
 * token answers 401. It records the inputs of the upserts it accepted.
 */
public final class HubSpotFake implements AutoCloseable {

    public static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final WireMockServer server;

    public HubSpotFake(String token) {
        this.token = token;
        this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new Upsert()));
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The inputs of every upsert answered 200, in no particular order. */
    public List<JsonNode> upserted() {
        List<JsonNode> inputs = new ArrayList<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            if (e.getRequest().getUrl().startsWith(UPSERT) && e.getResponse().getStatus() == 200) {
                read(e.getRequest().getBodyAsString()).path("inputs").forEach(inputs::add);
            }
        }
        return inputs;
    }

    /** The upserts of this contact (matched by email, HubSpot's idProperty). */
    public List<JsonNode> upsertsOf(String email) {
        return upserted().stream().filter(in -> email.equalsIgnoreCase(in.path("id").asText())).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                return json(404, "{\"status\":\"error\",\"category\":\"OBJECT_NOT_FOUND\"}");
            }
            if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
                return json(401, "{\"status\":\"error\",\"category\":\"INVALID_AUTHENTICATION\"}");
            }
            ArrayNode results = JSON.createArrayNode();
            for (JsonNode input : read(request.getBodyAsString()).path("inputs")) {
                String email = input.path("id").asText("");
                ObjectNode r = results.addObject();
                r.put("id", String.valueOf(Math.abs((long) email.toLowerCase().hashCode())));
                ObjectNode properties = r.putObject("properties");
                properties.setAll(input.path("properties") instanceof ObjectNode p ? p : JSON.createObjectNode());
                properties.put("email", email);
                if (input.hasNonNull("objectWriteTraceId")) {
                    r.put("objectWriteTraceId", input.path("objectWriteTraceId").asText());
                }
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("status", "COMPLETE");
            body.set("results", results);
            return json(200, body.toString());
        }

        private ResponseDefinition json(int status, String body) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "application/json;charset=utf-8").withBody(body).build();
        }
    }
}
