package dev.umhub.ultimatemultisite.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.event.Customer;
import dev.umhub.event.Membership;
import dev.umhub.event.Payment;
import dev.umhub.ultimatemultisite.BillingPeriod;
import dev.umhub.ultimatemultisite.PayloadFields;
import dev.umhub.ultimatemultisite.References;
import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import dev.umhub.ultimatemultisite.lifecycle.Observation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Reads the platform's REST objects as sightings. GET answers ids and amounts as strings where POST gave numbers,
 * money as "29.0000", empty strings for unset values; {@link PayloadFields} reads them all alike, so a REST object and a
 * webhook about the same entity compare equal.
 */
final class RestObjects {

    static final String VIA = "rest";
    /** The state table's id width; the platform's ids are integers, far shorter. */
    private static final int MAX_ID = 64;
    static final DateTimeFormatter MYSQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private RestObjects() {
    }

    /** The sighting, or null for an object without a usable id. */
    static Observation observation(EntityKind kind, ObjectNode object, Instant asOf) {
        PayloadFields f = new PayloadFields(object);
        String id = f.id("id");
        if (id == null || id.isEmpty() || "0".equals(id) || id.length() > MAX_ID) {
            return null;
        }
        Instant modified = f.instant("date_modified");
        String status = f.text("status");
        status = status != null && status.length() > 32 ? null : status;
        return switch (kind) {
            case MEMBERSHIP -> new Observation(kind, id, status, realId(f, "plan_id"), f.decimal("amount"), null,
                    realId(f, "customer_id"), modified, asOf, membership(id, status, f), VIA);
            case PAYMENT -> new Observation(kind, id, status, null, f.decimal("total"), realId(f, "membership_id"),
                    realId(f, "customer_id"), modified, asOf,
                    new Payment(id, status, References.reconcile(References.PAYMENT, id, f.text("reference_code")),
                            f.decimal("subtotal"), f.decimal("tax_total"),
                            f.decimal("total"), f.text("currency"), null, f.instant("date_created"), f.text("gateway"),
                            null, null), VIA);
            case CUSTOMER -> new Observation(kind, id, null, null, null, null, id, modified, asOf,
                    new Customer(id, null, realId(f, "user_id"), null, f.text("email_verification"), null, null), VIA);
        };
    }

    /** A REST membership has no price text; how often it is charged is in {@code recurring} and the duration fields. */
    private static Membership membership(String id, String status, PayloadFields f) {
        BillingPeriod period = BillingPeriod.fromFields(f.bool("recurring"), f.decimal("duration"),
                f.text("duration_unit"));
        return new Membership(id, status, References.reconcile(References.MEMBERSHIP, id, f.text("reference_code")),
                f.decimal("initial_amount"), f.decimal("amount"), f.text("currency"), null, f.text("gateway"),
                f.instant("date_expiration"), null, period.period(), period.interval());
    }

    /** The object's {@code date_modified} as the cursor text ({@code Y-m-d H:i:s}, UTC), or null. */
    static String modified(ObjectNode object) {
        Instant t = new PayloadFields(object).instant("date_modified");
        return t == null ? null : MYSQL.format(t);
    }

    static Instant registered(ObjectNode object) {
        return new PayloadFields(object).instant("date_registered");
    }

    static long numericId(com.fasterxml.jackson.databind.JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return -1;
        }
        String id = new PayloadFields(object).id("id");
        try {
            return id == null ? -1 : Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String realId(PayloadFields f, String key) {
        String id = f.id(key);
        return id == null || id.isEmpty() || "0".equals(id) || id.length() > MAX_ID ? null : id;
    }
}
