package dev.umhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys are stored, and a repeat is found by them after an upgrade: the same content must always give the same key. */
class IdempotencyKeysTest {

    private static Map<String, Object> content() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", "7");
        customer.put("email", "zoë@example.com");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("status", "completed");
        c.put("customer", customer);
        c.put("amount", 29);
        return c;
    }

    @Test
    void aKeyIsTheSha256OfSourceOriginAndTheCanonicalJson() {
        // sha256("ultimate-multisite\npayment_received\n" + {"amount":29,"customer":{"email":"zoë@example.com",
        // "id":"7"},"status":"completed"}), computed apart from Java (Python's hashlib)
        assertThat(IdempotencyKeys.of("ultimate-multisite", "payment_received", content()))
                .isEqualTo("b685ed3922a7566419abdb7c24cc6f9721a9ecbc09d26bf0d2ed8c6a5c424bc9");
    }
}
