package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A fake Ultimate Multisite REST API ({@code /wp-json/wu/v2/}), seeded from the answers captured on a real 2.4.10
 * install ({@code real-2.4.10/rest/}): lists answer a bare JSON array with no total headers; ids and amounts come
 * as strings where the captured GET answers have them, numbers where they have numbers; wrong Basic credentials get
 * 401; {@code number}, {@code offset}, {@code orderby}, {@code order}, {@code status}, {@code date_query[after]}
 * (exclusive, as WP_Date_Query) with {@code date_query[column]} filter as the real one does. Ties in
 * {@code date_modified} are ordered by id, as MySQL happens to. Tests change its state, and can make it fail.
 */
public final class PlatformFake implements AutoCloseable {

    public static final String KEY = "ck_fake_key";
    public static final String SECRET = "cs_fake_secret";
    public static final String WP_USER = "umhub-reader";
    public static final String WP_APP_PASSWORD = "abcd efgh ijkl mnop";
    private static final ObjectMapper JSON = FakeBodies.JSON;
    private static final DateTimeFormatter MYSQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String API = "/wp-json/wu/v2/";

    private final Map<String, ConcurrentSkipListMap<Long, ObjectNode>> objects = new ConcurrentHashMap<>();
    private final Map<Long, String> userEmails = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> staleOnce = new ConcurrentHashMap<>();
    private final FaultQueue faults = new FaultQueue();
    private final AtomicInteger nextWebhookId = new AtomicInteger(1);
    private volatile LocalDateTime clock = LocalDateTime.of(2026, 11, 28, 2, 0, 0);
    private final WireMockServer server;

    public PlatformFake() {
        for (String kind : List.of("customer", "membership", "payment", "product", "site", "webhook")) {
            objects.put(kind, new ConcurrentSkipListMap<>());
        }
        server = new WireMockServer(WireMockConfiguration.options().port(0).extensions(new Api()));
        server.start();
    }

    /** The captured install: 5 customers, 4 memberships, 6 payments, 2 plans, exactly as its REST API answered. */
    public PlatformFake seededFromCapture() {
        load("customer", "GET-customer_number_10.json");
        load("membership", "GET-membership_number_10.json");
        load("payment", "GET-payment_number_10_orderby_id_order_desc.json");
        load("product", "GET-product_number_10.json");
        return this;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    // ---- state the tests change -------------------------------------------------------------------------------

    /** A copy of a stored object, to change and {@link #save} back. */
    public ObjectNode get(String kind, long id) {
        ObjectNode o = objects.get(kind).get(id);
        return o == null ? null : o.deepCopy();
    }

    /** Stores an object as the platform would after a save: {@code date_modified} is the fake's clock, one second on. */
    public ObjectNode save(String kind, ObjectNode object) {
        return saveAt(kind, object, tick());
    }

    /** Stores with a given {@code date_modified} (e.g. the same second as another save: a tie). */
    public ObjectNode saveAt(String kind, ObjectNode object, String dateModified) {
        if (!"customer".equals(kind)) {
            object.put("date_modified", dateModified);
        }
        objects.get(kind).put(Long.parseLong(object.path("id").asText()), object.deepCopy());
        return object;
    }

    /** A new membership on the captured "Pro Plan" (id 1, 29 USD a month), as GET answers it. */
    public ObjectNode newMembership(long id, long customerId, String status) {
        ObjectNode m = template("membership", 4);
        m.put("id", String.valueOf(id)).put("customer_id", customerId).put("status", status)
                .put("date_created", now()).putNull("date_cancellation");
        return m;
    }

    /** A new 29 USD payment of a membership, as GET answers it: ids and money as strings, customer id a number. */
    public ObjectNode newPayment(long id, long membershipId, long customerId, String status) {
        ObjectNode p = template("payment", 5);
        p.put("id", String.valueOf(id)).put("membership_id", String.valueOf(membershipId)).put("customer_id", customerId)
                .put("status", status).put("gateway_payment_id", "fake-" + id).put("date_created", now())
                .put("subtotal", "29.0000").put("total", "29.0000").put("product_id", "1").put("gateway", "manual");
        return p;
    }

    /** A new customer: like the real ones, {@code date_modified} is null. */
    public ObjectNode newCustomer(long id, long userId) {
        ObjectNode c = template("customer", 5);
        c.put("id", String.valueOf(id)).put("user_id", String.valueOf(userId)).put("date_registered", now());
        return c;
    }

    /** The WordPress user's email that {@code /wp-json/wp/v2/users/{id}?context=edit} answers. */
    public void userEmail(long userId, String email) {
        userEmails.put(userId, email);
    }

    /** The next list answer of this kind also holds this object, whatever the filters: a lagging replica or cache. */
    public void serveStaleOnce(String kind, ObjectNode object) {
        staleOnce.computeIfAbsent(kind, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(object.deepCopy());
    }

    /** Whether the stale object of {@link #serveStaleOnce} has been answered. */
    public boolean staleServed(String kind) {
        return !staleOnce.containsKey(kind);
    }

    /** Advances the fake's clock one second and answers the new time, in the platform's format. */
    public synchronized String tick() {
        clock = clock.plusSeconds(1);
        return now();
    }

    public String now() {
        return MYSQL.format(clock);
    }

    public List<JsonNode> webhooks() {
        return new ArrayList<>(objects.get("webhook").values());
    }

    // ---- faults and what arrived ------------------------------------------------------------------------------

    /** The next calls answer these statuses (0: the connection is reset). */
    public void fail(int... statuses) {
        for (int s : statuses) {
            faults.add(new FaultQueue.Fault(s, null));
        }
    }

    /** Every call answers this status (0: connection reset) until {@link #recover()}: the platform is down. */
    public void failAlways(int status) {
        faults.always(status);
    }

    public void recover() {
        faults.clear();
    }

    /** Calls on a path (no query), e.g. {@code /wp-json/wu/v2/payment}. */
    public List<Request> requests(String path) {
        return server.getAllServeEvents().stream().map(e -> (Request) e.getRequest())
                .filter(r -> r.getUrl().replaceAll("\\?.*", "").equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- the API ----------------------------------------------------------------------------------------------

    private final class Api implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "ultimate-multisite-rest";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request r = event.getRequest();
            FaultQueue.Fault fault = faults.next();
            if (fault != null) {
                return fault.status() == 0
                        ? ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build()
                        : json(fault.status(), "{\"code\":\"internal_server_error\",\"message\":\"fault\"}");
            }
            String path = r.getUrl().replaceAll("\\?.*", "");
            if (path.startsWith("/wp-json/wp/v2/users/")) {
                return wordPressUser(r, path);
            }
            if (!path.startsWith(API)) {
                return json(404, "{\"code\":\"rest_no_route\",\"message\":\"No route was found.\",\"data\":{\"status\":404}}");
            }
            if (!authorised(r, KEY, SECRET)) {
                return json(401, "{\"code\":\"rest_forbidden\",\"message\":\"Sorry, you are not allowed to do that.\","
                        + "\"data\":{\"status\":401}}");
            }
            String[] parts = path.substring(API.length()).split("/");
            String kind = parts[0];
            if ("auth".equals(kind)) {
                return json(200, body("GET-auth.json").toString());
            }
            if (!objects.containsKey(kind)) {
                return json(404, "{\"code\":\"rest_no_route\",\"message\":\"No route was found.\",\"data\":{\"status\":404}}");
            }
            if ("POST".equals(r.getMethod().getName()) && parts.length == 1) {
                return create(kind, FakeBodies.read(r.getBodyAsString()));
            }
            if (parts.length == 2) {
                ObjectNode o = parts[1].matches("\\d+") ? objects.get(kind).get(Long.parseLong(parts[1])) : null;
                if (o != null && "PUT".equals(r.getMethod().getName())) {
                    return update(kind, o, FakeBodies.read(r.getBodyAsString()));
                }
                return o == null ? json(404, "{\"code\":\"wu_rest_invalid_id\",\"message\":\"Item not found.\","
                        + "\"data\":{\"status\":404}}") : json(200, o.toString());
            }
            return json(200, list(kind, r).toString());
        }

        /**
         * As the real plugin: a customer takes {@code meta} (merged into what it has) and answers 200 with itself; a
         * membership's status cannot be set this way (400, a bug of 2.4.10).
         */
        private ResponseDefinition update(String kind, ObjectNode object, JsonNode body) {
            if ("membership".equals(kind) && body.has("status")) {
                return json(400, "{\"code\":\"wu_rest_invalid_parameter\",\"message\":\"Invalid parameter(s)\"}");
            }
            synchronized (PlatformFake.this) {
                if (body.path("meta") instanceof ObjectNode meta) {
                    ObjectNode kept = object.has("meta") && object.get("meta").isObject() ? (ObjectNode) object.get("meta")
                            : object.putObject("meta");
                    kept.setAll(meta);
                }
                object.put("date_modified", tick());
            }
            return json(200, object.toString());
        }

        private ArrayNode list(String kind, Request r) {
            int number = intParam(r, "number", 10);
            int offset = intParam(r, "offset", 0);
            String orderby = param(r, "orderby", "id");
            boolean asc = "asc".equalsIgnoreCase(param(r, "order", "desc"));
            String status = param(r, "status", null);
            String after = param(r, "date_query[after]", null);
            String column = param(r, "date_query[column]", "date_created");
            Comparator<ObjectNode> byId = Comparator.comparingLong(o -> o.path("id").asLong());
            Comparator<ObjectNode> order = "id".equals(orderby) ? byId
                    : Comparator.<ObjectNode, String>comparing(o -> o.path(orderby).asText("")).thenComparing(byId);
            Stream<ObjectNode> all = objects.get(kind).values().stream()
                    .filter(o -> status == null || status.equals(o.path("status").asText()))
                    .filter(o -> after == null || o.path(column).asText("").compareTo(after) > 0)
                    .sorted(asc ? order : order.reversed());
            ArrayNode out = JSON.createArrayNode();
            all.skip(offset).limit(number).forEach(out::add);
            List<ObjectNode> stale = staleOnce.remove(kind);
            if (stale != null) {
                stale.forEach(out::add);
            }
            return out;
        }

        private ResponseDefinition create(String kind, JsonNode body) {
            if (!"webhook".equals(kind)) {
                return json(400, "{\"code\":\"not_in_this_fake\",\"message\":\"only webhooks are created here\"}");
            }
            for (String field : List.of("name", "webhook_url", "event")) {
                if (body.path(field).asText("").isEmpty()) {
                    return json(400, "{\"code\":\"rest_missing_callback_param\",\"message\":\"Missing parameter(s): "
                            + field + "\",\"data\":{\"status\":400}}");
                }
            }
            int id = nextWebhookId.getAndIncrement();
            // POST answers ints where GET answers strings: the created object here carries numbers
            ObjectNode w = JSON.createObjectNode().put("id", id).put("name", body.path("name").asText())
                    .put("webhook_url", body.path("webhook_url").asText()).put("event", body.path("event").asText())
                    .put("integration", body.path("integration").asText("manual"))
                    .put("active", body.path("active").asBoolean(true)).put("event_count", 0)
                    .put("date_created", now());
            objects.get("webhook").put((long) id, w);
            return json(201, w.toString());
        }

        private ResponseDefinition wordPressUser(Request r, String path) {
            if (!authorised(r, WP_USER, WP_APP_PASSWORD)) {
                return json(401, "{\"code\":\"rest_not_logged_in\",\"message\":\"You are not currently logged in.\","
                        + "\"data\":{\"status\":401}}");
            }
            String id = path.substring("/wp-json/wp/v2/users/".length());
            String email = id.matches("\\d+") ? userEmails.get(Long.parseLong(id)) : null;
            if (email == null) {
                return json(404, "{\"code\":\"rest_user_invalid_id\",\"message\":\"Invalid user ID.\",\"data\":{\"status\":404}}");
            }
            boolean edit = "edit".equals(param(r, "context", "view"));
            ObjectNode u = JSON.createObjectNode().put("id", Long.parseLong(id)).put("name", "user" + id);
            if (edit) {
                u.put("email", email);
            }
            return json(200, u.toString());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void load(String kind, String file) {
        for (JsonNode o : body(file)) {
            objects.get(kind).put(o.path("id").asLong(), ((ObjectNode) o).deepCopy());
        }
    }

    private ObjectNode template(String kind, long id) {
        ObjectNode captured = get(kind, id);
        if (captured != null) {
            return captured;
        }
        String file = switch (kind) {
            case "membership" -> "GET-membership_number_10.json";
            case "payment" -> "GET-payment_number_10_orderby_id_order_desc.json";
            default -> "GET-customer_number_10.json";
        };
        for (JsonNode o : body(file)) {
            if (o.path("id").asLong() == id) {
                return ((ObjectNode) o).deepCopy();
            }
        }
        throw new IllegalStateException("no captured " + kind + " " + id);
    }

    private static JsonNode body(String file) {
        try (InputStream in = PlatformFake.class.getResourceAsStream("/fixtures/ultimate-multisite/real-2.4.10/rest/" + file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean authorised(Request r, String user, String password) {
        String header = r.getHeader("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private static String param(Request r, String name, String otherwise) {
        var p = r.queryParameter(name);
        return p.isPresent() && !p.values().isEmpty() ? p.firstValue() : otherwise;
    }

    private static int intParam(Request r, String name, int otherwise) {
        try {
            return Integer.parseInt(param(r, name, String.valueOf(otherwise)));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body).build();
    }
}
