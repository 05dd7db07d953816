package dev.umhub.example.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A minimal fake GA4 Measurement Protocol: {@code POST /mp/collect} answers 204, as the real one does, and records
 * the events of requests that carry the right measurement id and API secret.
 */
public final class Ga4Fake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event as GA4 would keep it. */
    public record Recorded(String clientId, String name, JsonNode params) {
    }

    private final String measurementId;
    private final String apiSecret;
    private final WireMockServer server;

    public Ga4Fake(String measurementId, String apiSecret) {
        this.measurementId = measurementId;
        this.apiSecret = apiSecret;
        this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new Collect()));
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public List<Recorded> recorded() {
        List<Recorded> out = new ArrayList<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            var r = e.getRequest();
            if (!r.getUrl().startsWith("/mp/collect") || e.getResponse().getStatus() != 204
                    || !measurementId.equals(r.queryParameter("measurement_id").firstValue())
                    || !apiSecret.equals(r.queryParameter("api_secret").firstValue())) {
                continue;
            }
            JsonNode body = read(r.getBodyAsString());
            for (JsonNode event : body.path("events")) {
                out.add(new Recorded(body.path("client_id").asText(), event.path("name").asText(), event.path("params")));
            }
        }
        return out;
    }

    /** The purchases GA4 received for this transaction. */
    public List<Recorded> purchasesOf(String transactionId) {
        return recorded().stream().filter(e -> e.name().equals("purchase"))
                .filter(e -> transactionId.equals(e.params().path("transaction_id").asText())).toList();
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

    private static final class Collect implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "ga4-collect";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var r = event.getRequest();
            boolean collect = "POST".equals(r.getMethod().getName()) && r.getUrl().startsWith("/mp/collect");
            return ResponseDefinitionBuilder.responseDefinition().withStatus(collect ? 204 : 404).build();
        }
    }
}
