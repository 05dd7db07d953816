package dev.umhub.it;

import static dev.umhub.it.FrontDoorIT.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz test of the JSON door (issue 9): a few hundred bodies made from the shared Ultimate Multisite
 * fixtures by byte flips, truncation, invalid UTF-8, values of the wrong type, huge strings, deep nesting, exponents,
 * duplicate keys and NULs, posted with the right token to the fixtures' slugs, other known slugs and a few unknown
 * ones. For every body: never a 5xx, never a stack trace or class name, never a secret, problem+json with a detail for
 * every refusal, a refused body is never stored (no new event) and is kept in the quarantine, and a 202 is stored.
 * <p>
 * The seed is printed; {@code -Dumhub.fuzz.seed=...} replays a run, {@code -Dumhub.fuzz.cases=...} sets its size.
 */
class JsonDoorFuzzIT extends UmhubIT {

    static final long DEFAULT_SEED = 20261129L;
    static final int DEFAULT_CASES = 400;
    static final List<String> SLUGS = List.of("payment_received", "site_published", "confirm_email_address",
            "domain_created", "renewal_payment_created", "customer_created", "customer_updated", "membership_created",
            "membership_updated", "payment_created", "payment_updated");
    static final List<String> UNKNOWN_SLUGS = List.of("wp_login", "payment_received_", "Payment_Received",
            "payment-received", "membership_deleted");
    static final List<String> ID_KEYS = List.of("customer_id", "customer_user_id", "membership_id", "payment_id",
            "site_id", "domain_id", "domain_site_id");
    static final List<String> MONEY_KEYS = List.of("payment_subtotal_raw", "payment_tax_total_raw", "payment_total_raw",
            "membership_initial_amount_raw", "membership_amount_raw");
    static final Set<Integer> EXPECTED = Set.of(202, 400, 404, 413);
    static final int LIMIT = 1024 * 1024;
    static final String RAW = "@@raw@@";

    /** Content-Types a sender might put on a JSON body (null: none); the body is read as JSON whatever it says. */
    static final List<String> CONTENT_TYPES = java.util.Arrays.asList(null, "application/json",
            "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
            "application/octet-stream", "multipart/form-data; boundary=x", "application/json; charset=UTF-16");

    /** One generated body. */
    record Body(int index, String mutation, String fixture, String slug, String contentType, byte[] bytes) {
        String describe() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            String excerpt = text.length() > 240 ? text.substring(0, 240) + "... (" + bytes.length + " bytes)" : text;
            return "#" + index + " " + mutation + " of " + fixture + " to " + slug + " (Content-Type " + contentType
                    + "): " + excerpt.replace("\n", " ");
        }
    }

    @Test
    void theJsonDoorHoldsForEveryMutatedFixture() throws IOException {
        long seed = Long.getLong("umhub.fuzz.seed", DEFAULT_SEED);
        int count = Integer.getInteger("umhub.fuzz.cases", DEFAULT_CASES);
        System.out.printf("JsonDoorFuzzIT: seed %d, %d cases (replay with -Dumhub.fuzz.seed=%d -Dumhub.fuzz.cases=%d)%n",
                seed, count, seed, count);
        Random random = new Random(seed);
        List<Fixture> fixtures = fixtures();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> mutations = new TreeMap<>();
        SoftAssertions soft = new SoftAssertions();
        long known = http.journaled();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Body body = generate(random, i, fixtures);
            mutations.merge(body.mutation().replaceAll("\\s*[+(].*", ""), 1, Integer::sum);
            Http.Answer a;
            try {
                a = http.webhook(body.slug(), body.bytes(), Http.WEBHOOK_TOKEN, body.contentType());
            } catch (UncheckedIOException noAnswer) {
                throw new AssertionError("no answer, twice: " + body.describe(), noAnswer);
            }
            statuses.merge(a.status(), 1, Integer::sum);
            String what = body.describe() + "\n  answered " + a.status() + " " + a.contentType() + " "
                    + (a.body().length() > 400 ? a.body().substring(0, 400) + "..." : a.body());
            soft.assertThat(a.status()).as("never a 5xx: " + what).isLessThan(500);
            if (a.status() < 500) {
                soft.assertThat(a.status()).as("an expected status: " + what).isIn(EXPECTED);
            }
            soft.assertThat(a.body()).as("no stack trace: " + what).doesNotContain("Exception").doesNotContain("\tat ");
            soft.assertThat(CLASS_NAME.matcher(a.body()).find()).as("no class name: " + what).isFalse();
            for (String secret : SECRETS) {
                soft.assertThat(a.body()).as("no secret: " + what).doesNotContain(secret);
                soft.assertThat(a.raw().headers().map().toString()).as("no secret in the headers: " + what)
                        .doesNotContain(secret);
            }
            // what the door stored: messages appended to the intake journal (processing them comes after the answer)
            long now = http.journaled();
            long added = now - known;
            if (a.status() == 202) {
                JsonNode ack = a.json();
                soft.assertThat(ack.path("id").asText()).as("a 202 names its event: " + what).isNotBlank();
                if (!ack.path("duplicate").asBoolean()) {
                    soft.assertThat(added).as("a 202 is stored: " + what).isEqualTo(1);
                    Http.Answer stored = http.admin("GET", "/api/events/" + ack.path("id").asText(), null);
                    soft.assertThat(stored.status()).as("a 202 names a stored event: " + what + "\n  the event: "
                            + stored.body()).isEqualTo(200);
                }
            } else {
                soft.assertThat(a.contentType()).as("problem+json: " + what).startsWith("application/problem+json");
                JsonNode problem = parse(a.body());
                soft.assertThat(problem == null ? "" : problem.path("detail").asText()).as("a detail: " + what)
                        .isNotBlank();
                soft.assertThat(added).as("never stored when refused: " + what).isZero();
                if (a.status() >= 500) {
                    known = now; // one failure for a 5xx is enough: its quarantine copy is not looked for
                    continue;
                }
                JsonNode kept = http.get("/api/quarantine?limit=1").path(0);
                soft.assertThat(kept.path("status").asInt()).as("kept in the quarantine: " + what).isEqualTo(a.status());
                soft.assertThat(kept.path("path").asText()).as("kept with its path: " + what).endsWith("/" + body.slug());
                soft.assertThat(kept.path("bodyBytes").asLong()).as("kept with its size: " + what)
                        .isEqualTo(body.bytes().length);
            }
            known = now;
        }
        System.out.printf("JsonDoorFuzzIT: seed %d, %d cases in %d ms, statuses %s, mutations %s%n", seed, count,
                (System.nanoTime() - started) / 1_000_000, statuses, mutations);
        soft.assertAll();
        assertThat(statuses).as("the door takes some and refuses some").containsKeys(202, 400);
    }


    private static JsonNode parse(String text) {
        try {
            return Fixtures.JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the generator

    record Fixture(String name, String slug, byte[] bytes) {
        ObjectNode object() {
            return Fixtures.object(name);
        }
    }

    static List<Fixture> fixtures() throws IOException {
        // the folder is walked for the names only; the fixtures are read as every test reads them
        Path root = Path.of("src/test/resources/fixtures/ultimate-multisite");
        List<Fixture> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = root.relativize(f).toString();
                if (name.contains("/rest/")) {
                    continue; // REST answers, not webhook bodies
                }
                String slug = SLUGS.stream().filter(s -> f.getFileName().toString().contains(s)).findFirst()
                        .orElse(null);
                if (slug != null) {
                    out.add(new Fixture(name, slug, Fixtures.bytes(name)));
                }
            }
        }
        assertThat(out).as("webhook fixtures under " + root).hasSizeGreaterThan(5);
        return out;
    }

    static Body generate(Random r, int index, List<Fixture> fixtures) {
        Fixture f = fixtures.get(r.nextInt(fixtures.size()));
        int pick = r.nextInt(100);
        String slug = pick < 70 ? f.slug() : pick < 95 ? SLUGS.get(r.nextInt(SLUGS.size()))
                : UNKNOWN_SLUGS.get(r.nextInt(UNKNOWN_SLUGS.size()));
        String[] mutation = new String[1];
        byte[] bytes = mutate(r, f, mutation);
        if (r.nextInt(10) == 0) { // now and then a second mutation on top of the first
            String[] second = new String[1];
            bytes = mutateBytes(r, bytes, second);
            mutation[0] += "+" + second[0];
        }
        // mostly what the platform sends (no Content-Type or JSON), now and then something else
        String type = r.nextInt(100) < 90 ? CONTENT_TYPES.get(r.nextInt(2))
                : CONTENT_TYPES.get(2 + r.nextInt(CONTENT_TYPES.size() - 2));
        return new Body(index, mutation[0], f.name(), slug, type, bytes);
    }

    static byte[] mutate(Random r, Fixture f, String[] name) {
        int kind = r.nextInt(15);
        switch (kind) {
            case 0, 1, 2 -> {
                return mutateBytes(r, f.bytes(), name);
            }
            case 3, 4 -> {
                name[0] = "value of another type";
                ObjectNode o = f.object();
                String key = randomKey(r, o);
                o.set(key, randomValue(r, 0));
                return utf8(o.toString());
            }
            case 5 -> {
                name[0] = "id or amount of another form";
                ObjectNode o = f.object();
                String key = r.nextBoolean() ? ID_KEYS.get(r.nextInt(ID_KEYS.size()))
                        : MONEY_KEYS.get(r.nextInt(MONEY_KEYS.size()));
                o.put(key, RAW);
                return utf8(o.toString().replace("\"" + RAW + "\"", numberish(r)));
            }
            case 6 -> {
                name[0] = "huge string";
                ObjectNode o = f.object();
                int size = r.nextInt(4) == 0 ? LIMIT + r.nextInt(200_000) : 1_000 + r.nextInt(900_000);
                o.put(randomKey(r, o), "x".repeat(size));
                return utf8(o.toString());
            }
            case 7 -> {
                name[0] = "deep nesting";
                ObjectNode o = f.object();
                int depth = r.nextInt(3) == 0 ? 1_000 + r.nextInt(20_000) : 1 + r.nextInt(80);
                boolean arrays = r.nextBoolean();
                String open = arrays ? "[" : "{\"a\":";
                String close = arrays ? "]" : "}";
                o.put(randomKey(r, o), RAW);
                return utf8(o.toString().replace("\"" + RAW + "\"", open.repeat(depth) + "1" + close.repeat(depth)));
            }
            case 8 -> {
                name[0] = "duplicate key";
                ObjectNode o = f.object();
                String key = r.nextBoolean() ? randomKey(r, o) : ID_KEYS.get(r.nextInt(ID_KEYS.size()));
                String text = o.toString();
                String dup = "\"" + key + "\":" + randomValue(r, 0).toString();
                return utf8(r.nextBoolean() ? "{" + dup + "," + text.substring(1)
                        : text.substring(0, text.length() - 1) + (o.isEmpty() ? "" : ",") + dup + "}");
            }
            case 9 -> {
                name[0] = "NUL";
                byte[] b = f.bytes();
                return r.nextBoolean() ? insert(b, r.nextInt(b.length + 1), new byte[] {0})
                        : utf8(f.object().put(randomKey(r, f.object()), "a\u0000b").toString());
            }
            case 10 -> {
                name[0] = "another encoding";
                Charset cs = List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16,
                        StandardCharsets.ISO_8859_1, Charset.forName("UTF-32")).get(r.nextInt(5));
                name[0] += " (" + cs.name() + ")";
                return new String(f.bytes(), StandardCharsets.UTF_8).getBytes(cs);
            }
            case 11 -> {
                name[0] = "removed key";
                ObjectNode o = f.object();
                int n = 1 + r.nextInt(Math.max(1, o.size()));
                for (int i = 0; i < n && !o.isEmpty(); i++) {
                    o.remove(randomKey(r, o));
                }
                return utf8(o.toString());
            }
            case 12 -> {
                name[0] = "another root";
                String text = new String(f.bytes(), StandardCharsets.UTF_8);
                return utf8(switch (r.nextInt(6)) {
                    case 0 -> "[" + text + "]";
                    case 1 -> Fixtures.JSON.getNodeFactory().textNode(text).toString();
                    case 2 -> text + text;
                    case 3 -> text + " trailing";
                    case 4 -> "\uFEFF" + text; // a UTF-8 BOM: allowed
                    default -> "  \r\n\t" + text + "\n\n  ";
                });
            }
            case 13 -> {
                name[0] = "exponent everywhere";
                String text = new String(f.bytes(), StandardCharsets.UTF_8);
                return utf8(text.replaceAll("(?<=[:\\[,]\\s{0,3})(-?\\d+)(?=\\s*[,}\\]])", "$1e0"));
            }
            default -> {
                name[0] = "as is";
                return f.bytes();
            }
        }
    }

    /** Mutations of the bytes themselves. */
    static byte[] mutateBytes(Random r, byte[] in, String[] name) {
        byte[] b = in.clone();
        switch (r.nextInt(4)) {
            case 0 -> {
                name[0] = "byte flips";
                int n = 1 + r.nextInt(5);
                for (int i = 0; i < n && b.length > 0; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return b;
            }
            case 1 -> {
                name[0] = "truncation";
                return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
            }
            case 2 -> {
                name[0] = "invalid UTF-8";
                byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF},
                    {(byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                    {(byte) 0xE2, (byte) 0x82}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC3}};
                return insertInString(r, b, bad[r.nextInt(bad.length)]);
            }
            default -> {
                name[0] = "inserted bytes";
                byte[] junk = new byte[1 + r.nextInt(8)];
                r.nextBytes(junk);
                return insert(b, b.length == 0 ? 0 : r.nextInt(b.length + 1), junk);
            }
        }
    }

    /** Inserts bytes just after a quote when there is one (inside a string, where a lenient reader would keep them). */
    static byte[] insertInString(Random r, byte[] b, byte[] what) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '"') {
                quotes.add(i + 1);
            }
        }
        int at = quotes.isEmpty() ? r.nextInt(b.length + 1) : quotes.get(r.nextInt(quotes.size()));
        return insert(b, at, what);
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
        out.write(b, 0, at);
        out.writeBytes(what);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    static String randomKey(Random r, ObjectNode o) {
        if (o.isEmpty()) {
            return "payment_id";
        }
        List<String> keys = new ArrayList<>();
        Iterator<String> it = o.fieldNames();
        it.forEachRemaining(keys::add);
        // ids and amounts are where strictness matters: pick them more often
        List<String> strict = keys.stream().filter(k -> ID_KEYS.contains(k) || MONEY_KEYS.contains(k)).toList();
        return !strict.isEmpty() && r.nextBoolean() ? strict.get(r.nextInt(strict.size())) : keys.get(r.nextInt(keys.size()));
    }

    static JsonNode randomValue(Random r, int depth) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        switch (r.nextInt(depth > 2 ? 9 : 11)) {
            case 0 -> {
                return n.numberNode(r.nextLong());
            }
            case 1 -> {
                return n.numberNode(new BigInteger(40 + r.nextInt(100), r));
            }
            case 2 -> {
                return n.numberNode(new java.math.BigDecimal(r.nextGaussian() * 1e6));
            }
            case 3 -> {
                return n.textNode(randomText(r));
            }
            case 4 -> {
                return n.textNode("");
            }
            case 5 -> {
                return n.booleanNode(r.nextBoolean());
            }
            case 6 -> {
                return n.nullNode();
            }
            case 7 -> {
                return n.numberNode(r.nextInt(1000) - 500);
            }
            case 8 -> {
                return n.textNode(String.valueOf(r.nextInt(100_000)));
            }
            case 9 -> {
                ObjectNode o = n.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set(randomText(r), randomValue(r, depth + 1));
                }
                return o;
            }
            default -> {
                ArrayNode a = n.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomValue(r, depth + 1));
                }
                return a;
            }
        }
    }

    static String randomText(Random r) {
        String[] samples = {"abc", "29,00", "1e9", "0x1F", "NaN", "-0", " 42 ", "\u00e9\u00e8", "\ud83d\ude00",
            "<script>alert(1)</script>", "'; DROP TABLE umhub_event; --", "\u202e", "\\", "\"", "${jndi:ldap://x}",
            "%00", "\r\n", "null", "true", "9".repeat(30)};
        return samples[r.nextInt(samples.length)];
    }

    /** Numbers and number-like texts an id or amount might arrive as. */
    static String numberish(Random r) {
        String[] forms = {"1e9", "1E+2", "1e-3", "-0.0e0", "1e999999999", "0.5e1", "\"1e9\"", "\"1e400\"", "\"0x1F\"",
            "true", "{}", "[]", "\"29,00\"", "\"29.9900\"", "29.99", "-5", "\"-5\"", "2.5", "2.0", "\"2\"", "0",
            "12345678901234567890", "123456789012345678901", "0.123456789", "1234567890123.5", "\" 7 \"", "\"\"",
            "null", "\"NaN\"", "-1e2", "1.0E2", "00012"};
        return forms[r.nextInt(forms.length)];
    }
}
