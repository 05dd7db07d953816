package dev.umhub.ultimatemultisite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Typed reads of the platform's flat payload, forgiving in the ways the platform is inconsistent: ids and amounts
 * arrive as strings or numbers, booleans as "true"/"false", datetimes as MySQL text in UTC, any key may be missing,
 * null or empty. A value that cannot be read is treated as absent rather than failing the whole event. The REST
 * API's objects have the same habits, so the reconciliation reads them with this class too.
 */
public final class PayloadFields {

    private static final DateTimeFormatter MYSQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ObjectNode body;

    public PayloadFields(ObjectNode body) {
        this.body = body;
    }

    public boolean has(String key) {
        return present(body.get(key));
    }

    /** Every key of the platform's payloads is optional: a missing, null or empty value is absent, not wrong. */
    static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !(n.isTextual() && n.asText().isEmpty());
    }

    public boolean hasAnyWithPrefix(String prefix) {
        var names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.startsWith(prefix) && has(name)) {
                return true;
            }
        }
        return false;
    }

    /** Text as sent; null for missing, null, empty, objects and arrays. */
    public String text(String key) {
        JsonNode n = body.get(key);
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    /**
     * An id as text, whether sent as 2, "2" or 2.0. A number too large to be any id (1e999999999) is absent: it is
     * checked before any expansion, which would never end. Length limits are the caller's policy.
     */
    public String id(String key) {
        JsonNode n = body.get(key);
        if (n != null && n.isNumber()) {
            BigDecimal d = n.decimalValue();
            if (d.precision() - d.scale() > 64 || d.scale() > 64) {
                return null;
            }
            d = d.stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
        String s = text(key);
        return s == null ? null : s.trim();
    }

    /** A decimal from a number or a numeric string ("29.9900"); trailing zeros dropped so 29 and "29.0000" are equal. */
    public BigDecimal decimal(String key) {
        JsonNode n = body.get(key);
        BigDecimal value = null;
        if (n != null && n.isNumber()) {
            value = n.decimalValue();
        } else {
            String s = text(key);
            if (s != null) {
                try {
                    value = new BigDecimal(s.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        // an amount has a sane number of digits; 1e999999999 is not one, and expanding it would never end
        if (value == null || value.precision() - value.scale() > 30 || value.scale() > 30) {
            return null;
        }
        value = value.stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** true/false from a JSON boolean, "true"/"false", "1"/"0" or 1/0. */
    public Boolean bool(String key) {
        JsonNode n = body.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String s = n.asText().trim().toLowerCase();
        return switch (s) {
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A MySQL {@code Y-m-d H:i:s} datetime (stored as UTC by the platform), or ISO-8601; "0000-00-00..." is absent. */
    public Instant instant(String key) {
        String s = text(key);
        if (s == null || s.startsWith("0000-00-00")) {
            return null;
        }
        s = s.trim();
        try {
            return LocalDateTime.parse(s, MYSQL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notMysql) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
    }
}
