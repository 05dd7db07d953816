package dev.umhub.ultimatemultisite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.ingest.IngestRejectedException;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a webhook body must hold to be taken at all, checked before it is normalised, each refusal naming the field:
 * <ul>
 * <li>ids are the platform's database integers: digits, as a JSON integer or a string ("2" and 2 alike);</li>
 * <li>money ({@code *_raw}) is a plain decimal: an optional minus, at most {@value #MAX_INTEGER_DIGITS} digits before
 * the point and {@value #MAX_FRACTION_DIGITS} after, as a JSON number or a string ("29.9900", 29). No exponent
 * ({@code 1e9}, {@code 2.9e1}, {@code "1e400"}), no hexadecimal, no booleans: the platform's {@code decimal(13,4)} columns never
 * produce them, and a lenient reading turned {@code "1e9"} into a purchase worth a billion;</li>
 * <li>the id of the entity the slug is about ({@code payment_id} for {@code payment_received}, ...) is present,
 * unless the body is the platform's own "Send Test Event" for {@code customer_created}, which is
 * {@code {"wu_version": "..."}} alone.</li>
 * </ul>
 * A missing, null or empty value is absent, not wrong: every key of the platform's payloads is optional.
 */
final class PayloadChecks {

    static final int MAX_ID_DIGITS = 20;
    static final int MAX_INTEGER_DIGITS = 13;
    static final int MAX_FRACTION_DIGITS = 8;

    static final List<String> ID_KEYS = List.of("customer_id", "customer_user_id", "membership_id", "payment_id",
            "site_id", "domain_id", "domain_site_id");
    static final List<String> MONEY_KEYS = List.of("payment_subtotal_raw", "payment_tax_total_raw", "payment_total_raw",
            "membership_initial_amount_raw", "membership_amount_raw");

    private static final Pattern ID = Pattern.compile("\\d{1," + MAX_ID_DIGITS + "}");
    private static final Pattern MONEY = Pattern.compile("-?\\d{1," + MAX_INTEGER_DIGITS + "}(\\.\\d{1,"
            + MAX_FRACTION_DIGITS + "})?");

    private PayloadChecks() {
    }

    static void check(WebhookSlug slug, ObjectNode body) {
        for (String key : ID_KEYS) {
            JsonNode v = body.get(key);
            if (PayloadFields.present(v) && !isId(v)) {
                throw invalid(key, "is not an id: the platform's ids are whole numbers of at most " + MAX_ID_DIGITS
                        + " digits, as a number or a string");
            }
        }
        for (String key : MONEY_KEYS) {
            JsonNode v = body.get(key);
            if (PayloadFields.present(v) && !isMoney(v)) {
                throw invalid(key, "is not an amount: a plain decimal is expected (such as 29.9900 or \"29.00\"; at"
                        + " most " + MAX_INTEGER_DIGITS + " digits before the point and " + MAX_FRACTION_DIGITS
                        + " after, no exponent)");
            }
        }
        String required = slug.subjectEntity() + "_id";
        if (!PayloadFields.present(body.get(required)) && !isCustomerCreatedTestEvent(slug, body)) {
            throw invalid(required, "is missing: a " + slug.slug() + " webhook is about a " + slug.subjectEntity()
                    + " and must name it");
        }
    }

    static boolean isId(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().signum() >= 0 && v.bigIntegerValue().toString().length() <= MAX_ID_DIGITS;
        }
        if (v.isNumber()) { // 2.0 is the id 2; 2.5 is no id
            BigDecimal d = v.decimalValue();
            return d.signum() >= 0 && d.scale() <= MAX_FRACTION_DIGITS && d.stripTrailingZeros().scale() <= 0
                    && d.precision() - d.scale() <= MAX_ID_DIGITS;
        }
        return v.isTextual() && ID.matcher(v.asText().trim()).matches();
    }

    static boolean isMoney(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().abs().toString().length() <= MAX_INTEGER_DIGITS;
        }
        if (v.isNumber()) {
            // an exponent never reaches here as a number: JsonBodyReader keeps 2.9e1 as the text "2.9e1"
            BigDecimal d = v.decimalValue();
            return d.scale() >= 0 && d.scale() <= MAX_FRACTION_DIGITS && d.precision() - d.scale() <= MAX_INTEGER_DIGITS;
        }
        return v.isTextual() && MONEY.matcher(v.asText().trim()).matches();
    }

    /** The platform's "Send Test Event" for customer_created posts nothing but the plugin version. */
    private static boolean isCustomerCreatedTestEvent(WebhookSlug slug, ObjectNode body) {
        return slug == WebhookSlug.CUSTOMER_CREATED && body.size() == 1 && PayloadFields.present(body.get("wu_version"));
    }

    private static IngestRejectedException invalid(String field, String why) {
        return new IngestRejectedException(400, "Invalid " + field, field + " " + why + ".");
    }
}
