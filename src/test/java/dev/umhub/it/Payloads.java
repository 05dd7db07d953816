package dev.umhub.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import java.util.concurrent.atomic.AtomicLong;

/** Fixture bodies made unique per test, so tests sharing one umhub never see each other's events as duplicates. */
public final class Payloads {

    private static final AtomicLong NEXT = new AtomicLong(100_000);

    private Payloads() {
    }

    /** A completed paid payment of a new customer: reference, payment id, customer id and email are fresh. */
    public static ObjectNode paidPayment() {
        long n = NEXT.incrementAndGet();
        ObjectNode p = Fixtures.object("payment_received.json");
        p.put("payment_id", n);
        p.put("payment_reference_code", "PMT" + n);
        p.put("membership_id", n);
        p.put("customer_id", n);
        p.put("customer_user_email", "customer" + n + "@example.com");
        return p;
    }

    /** A failed payment ({@code payment_updated}, status failed) of a new customer, with fresh ids. */
    public static ObjectNode failedPayment() {
        long n = NEXT.incrementAndGet();
        ObjectNode p = Fixtures.object("payment_updated-failed.json");
        p.put("payment_id", n);
        p.put("payment_reference_code", "FAIL" + n);
        p.put("membership_id", n);
        p.put("customer_id", n);
        p.put("customer_name", "Customer " + n);
        p.put("customer_user_email", "customer" + n + "@example.com");
        return p;
    }

    /** A cancellation ({@code membership_updated}, status cancelled) of a new customer's membership, fresh ids. */
    public static ObjectNode cancellation() {
        long n = NEXT.incrementAndGet();
        ObjectNode p = Fixtures.object("membership_updated-cancelled.json");
        p.put("membership_id", n);
        p.put("customer_id", n);
        p.put("customer_name", "Customer " + n);
        p.put("customer_user_email", "customer" + n + "@example.com");
        return p;
    }

    public static byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
