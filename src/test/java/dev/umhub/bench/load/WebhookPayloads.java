package dev.umhub.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Realistic Ultimate Multisite {@code payment_received} bodies, each unique, so umhub never takes one for a duplicate.
 * The bodies start from the project's fixture (the shape a 2.4.10 network sends) and vary the plan, amount, currency
 * and gateway. Every event {@code n} of a run gets its own payment, membership and customer ids, reference code and
 * email; the email and reference are also the keys the fake providers report back, so the harness can match each
 * delivery to its acknowledgement.
 *
 * <p>Serialising a JSON tree per request would cost the load generator more CPU than umhub spends on some steps, so
 * each variant is serialised once with holes, and a body is its parts joined around the event's values.
 */
public final class WebhookPayloads {

    public static final String SLUG = "payment_received";
    private static final String FIXTURE = "/fixtures/ultimate-multisite/payment_received.json";
    private static final String ID_HOLE = "991199119911"; // a number in the JSON, replaced by the event's number
    private static final String KEY_HOLE = "@KEY@";         // inside strings, replaced by the event's key
    private static final Pattern HOLES = Pattern.compile(ID_HOLE + "|" + KEY_HOLE);

    /** Plans a network typically sells: name, monthly amount, currency, gateway. */
    private record Plan(String name, String amount, String currency, String symbol, String gateway) {
    }

    private static final List<Plan> PLANS = List.of(
            new Plan("Starter Plan", "9.00", "USD", "$", "stripe"),
            new Plan("Pro Plan", "29.00", "USD", "$", "stripe"),
            new Plan("Agency Plan", "99.00", "EUR", "€", "paypal"),
            new Plan("Pro Plan", "290.00", "GBP", "£", "stripe"));

    private final String run;
    private final List<Template> templates;

    /** @param run a token unique to this run (letters and digits), so two runs against one store never collide */
    public WebhookPayloads(String run) {
        if (!run.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("run token must be lower-case letters and digits: " + run);
        }
        this.run = run;
        ObjectNode fixture = fixture();
        this.templates = PLANS.stream().map(p -> Template.of(variant(fixture.deepCopy(), p))).toList();
    }

    /** The body of event {@code n} (n ≥ 1). */
    public byte[] body(long n) {
        return templates.get((int) (n % templates.size())).fill(String.valueOf(n), key(n));
    }

    /** The customer email of event n: the key the HubSpot fake reports. */
    public String email(long n) {
        return "bench." + key(n) + "@example.com";
    }

    /** The payment reference of event n: GA4's transaction_id, the key the GA4 fake reports. */
    public String reference(long n) {
        return key(n);
    }

    /** True for keys (emails or references) of this run's events. */
    public boolean owns(String providerKey) {
        return providerKey.startsWith("bench." + run + "-") || providerKey.startsWith(run + "-");
    }

    private String key(long n) {
        return run + "-" + n;
    }

    private static ObjectNode variant(ObjectNode p, Plan plan) {
        String total = plan.amount() + "00";
        p.put("payment_id", Long.parseLong(ID_HOLE));
        p.put("payment_reference_code", KEY_HOLE);
        p.put("payment_subtotal", plan.symbol() + " " + plan.amount());
        p.put("payment_subtotal_raw", total);
        p.put("payment_total", plan.symbol() + " " + plan.amount());
        p.put("payment_total_raw", total);
        p.put("payment_currency", plan.currency());
        p.put("payment_product_names", plan.name());
        p.put("payment_gateway", plan.gateway());
        p.put("payment_invoice_url", "https://network.example.com/?action=invoice&reference=" + KEY_HOLE + "&key=3f9a");
        p.put("payment_manage_url", "https://network.example.com/wp-admin/network/admin.php?page=wp-ultimo-edit-payment&id="
                + KEY_HOLE);
        p.put("membership_id", Long.parseLong(ID_HOLE));
        p.put("membership_reference_code", "M" + KEY_HOLE);
        p.put("membership_initial_amount", plan.symbol() + " " + plan.amount());
        p.put("membership_initial_amount_raw", Double.parseDouble(plan.amount()));
        p.put("membership_amount", plan.symbol() + " " + plan.amount());
        p.put("membership_amount_raw", Double.parseDouble(plan.amount()));
        p.put("membership_currency", plan.currency());
        p.put("membership_description", plan.symbol() + plan.amount() + " every month");
        p.put("membership_gateway", plan.gateway());
        p.put("customer_id", Long.parseLong(ID_HOLE));
        p.put("customer_name", "Bench Customer " + KEY_HOLE);
        p.put("customer_user_id", Long.parseLong(ID_HOLE));
        p.put("customer_user_email", "bench." + KEY_HOLE + "@example.com");
        return p;
    }

    private static ObjectNode fixture() {
        try (InputStream in = WebhookPayloads.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + FIXTURE + " is not on the class path");
            }
            return (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A serialised body cut at its holes; hole i is the id (a number) or the key (inside a string). */
    private record Template(String[] parts, boolean[] isId) {

        static Template of(ObjectNode body) {
            String text = body.toString();
            var m = HOLES.matcher(text);
            List<String> parts = new java.util.ArrayList<>();
            List<Boolean> ids = new java.util.ArrayList<>();
            int from = 0;
            while (m.find()) {
                parts.add(text.substring(from, m.start()));
                ids.add(m.group().equals(ID_HOLE));
                from = m.end();
            }
            parts.add(text.substring(from));
            boolean[] isId = new boolean[ids.size()];
            for (int i = 0; i < isId.length; i++) {
                isId[i] = ids.get(i);
            }
            return new Template(parts.toArray(String[]::new), isId);
        }

        byte[] fill(String id, String key) {
            StringBuilder b = new StringBuilder(parts[0].length() * 2);
            for (int i = 0; i < isId.length; i++) {
                b.append(parts[i]).append(isId[i] ? id : key);
            }
            b.append(parts[parts.length - 1]);
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
