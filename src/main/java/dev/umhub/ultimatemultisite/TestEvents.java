package dev.umhub.ultimatemultisite;

import dev.umhub.event.EventData;
import java.util.stream.Stream;

/**
 * Recognises the admin's "Send Test Event" payloads. The platform sets no test flag; its mock data is recognisable by
 * the mock customer ("John McMocked", mockeduser@dev.dev), by entity ids of 0, or, for {@code customer_created}, by
 * a body that holds nothing but {@code wu_version}.
 */
final class TestEvents {

    static final String MOCK_NAME = "John McMocked";
    static final String MOCK_EMAIL = "mockeduser@dev.dev";

    private TestEvents() {
    }

    static boolean isTest(PayloadFields f, EventData d) {
        if (MOCK_NAME.equals(f.text("customer_name")) || MOCK_EMAIL.equalsIgnoreCase(f.text("customer_user_email"))) {
            return true;
        }
        boolean zeroId = Stream.of("customer_id", "membership_id", "payment_id", "site_id", "domain_id")
                .anyMatch(k -> "0".equals(f.id(k)));
        boolean noEntity = d.customer() == null && d.membership() == null && d.payment() == null
                && d.site() == null && d.domain() == null && d.billing() == null;
        return zeroId || noEntity;
    }
}
