package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Salesforce org (shared/reference/providers.md, section 2): the client credentials token endpoint (400
 * {@code invalid_client} for wrong credentials; the token's {@code instance_url} is this fake), Contact upsert by an
 * external id field in the single form (201 created, 200 updated, 300 when two Contacts share the value, 404 for an
 * unknown field, 400 {@code REQUIRED_FIELD_MISSING} without LastName) and in sObject Collections (at most 200 records,
 * one result per record, in order). A bearer that is not a live token is 401 {@code INVALID_SESSION_ID};
 * {@link #expireTokens} ends every token given so far, {@link #requestLimitNext} answers 403
 * {@code REQUEST_LIMIT_EXCEEDED}. Every REST answer has {@code Sforce-Limit-Info}. Records whose LastName is
 * {@code Refused} fail with {@code FIELD_CUSTOM_VALIDATION_EXCEPTION}.
 */
public final class SalesforceFake implements AutoCloseable {

    public static final String API = "/services/data/v62.0";

    /** A Contact as the org keeps it. */
    public record Contact(String id, ObjectNode fields) {
    }

    private final String clientId;
    private final String clientSecret;
    private final String externalIdField;
    private final Set<String> liveTokens = new HashSet<>();
    private final Map<String, Contact> byExternalId = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();
    private final List<String> collectionSizes = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensGiven = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private boolean limitNext;
    private final WireMockServer server;

    public SalesforceFake(String clientId, String clientSecret, String externalIdField) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.externalIdField = externalIdField;
        server = new WireMockServer(WireMockConfiguration.options().port(0).extensions(new Org()));
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public synchronized Contact contact(String externalId) {
        return byExternalId.get(externalId);
    }

    /** Two Contacts share this external id: an upsert of it answers 300. */
    public synchronized void makeAmbiguous(String externalId) {
        ambiguous.add(externalId);
    }

    public synchronized void expireTokens() {
        liveTokens.clear();
    }

    public synchronized void requestLimitNext() {
        limitNext = true;
    }

    public int tokensGiven() {
        return tokensGiven.get();
    }

    /** The number of records of each sObject Collections request. */
    public List<String> collectionSizes() {
        return List.copyOf(collectionSizes);
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized ResponseDefinition answer(Request r) {
        String path = r.getUrl().replaceAll("\\?.*", "");
        if (path.equals("/services/oauth2/token") && "POST".equals(r.getMethod().getName())) {
            return token(form(r.getBodyAsString()));
        }
        if (!path.startsWith(API) || !"PATCH".equals(r.getMethod().getName())) {
            return json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
        }
        String auth = r.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !liveTokens.contains(auth.substring(7))) {
            return json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        }
        apiCalls.incrementAndGet();
        if (limitNext) {
            limitNext = false;
            return json(403, "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
        }
        String rest = path.substring(API.length());
        JsonNode body = FakeBodies.read(r.getBodyAsString());
        if (rest.equals("/composite/sobjects/Contact/" + externalIdField)) {
            return collection(body);
        }
        String single = "/sobjects/Contact/" + externalIdField + "/";
        if (rest.startsWith(single)) {
            String value = URLDecoder.decode(rest.substring(single.length()), StandardCharsets.UTF_8);
            if (ambiguous.contains(value)) {
                return json(300, "[\"/services/data/v62.0/sobjects/Contact/003A\",\"/services/data/v62.0/sobjects/Contact/003B\"]");
            }
            if (body.has(externalIdField)) {
                return json(400, "[{\"errorCode\":\"INVALID_FIELD\",\"message\":\"the external id field must not be in the body\"}]");
            }
            ObjectNode result = upsert(value, (ObjectNode) body);
            return json(result.path("success").asBoolean() ? (result.path("created").asBoolean() ? 201 : 200) : 400,
                    result.path("success").asBoolean() ? result.toString() : result.path("errors").toString());
        }
        return json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"Provided external ID field does not exist or is"
                + " not accessible: " + rest + "\"}]");
    }

    private ResponseDefinition collection(JsonNode body) {
        JsonNode records = body.path("records");
        if (!records.isArray() || records.isEmpty() || records.size() > 200) {
            return json(400, "[{\"errorCode\":\"INVALID_BATCH_SIZE\",\"message\":\"1 to 200 records\"}]");
        }
        collectionSizes.add(String.valueOf(records.size()));
        ArrayNode results = FakeBodies.JSON.createArrayNode();
        for (JsonNode record : records) {
            ObjectNode fields = ((ObjectNode) record).deepCopy();
            String value = fields.path(externalIdField).asText();
            fields.remove("attributes");
            fields.remove(externalIdField);
            results.add(upsert(value, fields));
        }
        return json(200, results.toString());
    }

    private ObjectNode upsert(String value, ObjectNode fields) {
        ObjectNode result = FakeBodies.JSON.createObjectNode();
        if (!fields.hasNonNull("LastName") || fields.path("LastName").asText().isBlank()) {
            return failed(result, "REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]");
        }
        if ("Refused".equals(fields.path("LastName").asText())) {
            return failed(result, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "A validation rule refused the record");
        }
        Contact known = byExternalId.get(value);
        boolean created = known == null;
        Contact now = new Contact(created ? String.format("003fake%011d", byExternalId.size() + 1) : known.id(),
                created ? fields : (ObjectNode) known.fields().setAll(fields));
        byExternalId.put(value, now);
        result.put("id", now.id()).put("success", true).putArray("errors");
        result.put("created", created);
        return result;
    }

    private static ObjectNode failed(ObjectNode result, String code, String message) {
        result.putNull("id");
        result.put("success", false);
        result.putArray("errors").addObject().put("statusCode", code).put("message", message).putArray("fields");
        return result;
    }

    private ResponseDefinition token(Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type")) || !clientId.equals(form.get("client_id"))
                || !clientSecret.equals(form.get("client_secret"))) {
            return json(400, "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
        }
        String token = "00Dfake!" + tokensGiven.incrementAndGet();
        liveTokens.add(token);
        return json(200, FakeBodies.JSON.createObjectNode().put("access_token", token)
                .put("instance_url", server.baseUrl()).put("token_type", "Bearer")
                .put("issued_at", String.valueOf(System.currentTimeMillis())).toString());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("Sforce-Limit-Info", "api-usage=" + apiCalls.get() + "/15000").withBody(body).build();
    }

    private final class Org implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "salesforce-org";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            return answer(event.getRequest());
        }
    }
}
