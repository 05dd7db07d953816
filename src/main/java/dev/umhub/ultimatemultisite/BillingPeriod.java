package dev.umhub.ultimatemultisite;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often a membership or plan is charged, as the platform tells it: {@code month} and 3 for "every 3 months".
 * The REST API says it in fields ({@code recurring}, {@code duration}, {@code duration_unit}); webhooks only in the
 * membership's English price description, which the plugin writes as {@code "<price> every <unit>"},
 * {@code "<price> every <n> <unit>s"} (either followed by {@code " for <n> cycles"}), {@code "<price> one time payment"}
 * or {@code "Free!"}. A one-time or free membership has no period; a description in another language, or anything
 * else, tells nothing. Both give {@link #NONE}: null period and interval, never a guess.
 *
 * @param period   {@code day|week|month|year}, or null
 * @param interval how many periods between two charges (at least 1), or null when the period is null
 */
public record BillingPeriod(String period, Integer interval) {

    public static final BillingPeriod NONE = new BillingPeriod(null, null);

    /** The platform's longest interval ({@code absint}) is far shorter; more digits are not an interval. */
    private static final int MAX_INTERVAL = 9999;
    private static final Pattern EVERY = Pattern.compile(
            "\\bevery\\s+(?:(\\d{1,4})\\s+)?(day|week|month|year)s?\\b", Pattern.CASE_INSENSITIVE);
    /** Descriptions are short; a hostile one is not searched to the end. */
    private static final int MAX_DESCRIPTION = 500;

    /**
     * From the REST API's fields (a membership's or a product's).
     *
     * @param recurring {@code recurring}: false means a one-time charge, so no period; null when not sent
     * @param duration  {@code duration}: the interval; 0 is the platform's "lifetime"
     * @param unit      {@code duration_unit}: {@code day|week|month|year}
     */
    public static BillingPeriod fromFields(Boolean recurring, BigDecimal duration, String unit) {
        String period = unit(unit);
        if (Boolean.FALSE.equals(recurring) || period == null || duration == null) {
            return NONE;
        }
        Integer interval = interval(duration);
        return interval == null ? NONE : new BillingPeriod(period, interval);
    }

    /** From a membership's price description: "$ 29.00 every month", "€10.00 every 3 months for 12 cycles". */
    public static BillingPeriod fromDescription(String description) {
        if (description == null) {
            return NONE;
        }
        String text = description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) : description;
        Matcher m = EVERY.matcher(text);
        if (!m.find()) {
            return NONE;
        }
        Integer interval = m.group(1) == null ? Integer.valueOf(1) : interval(new BigDecimal(m.group(1)));
        return interval == null ? NONE : new BillingPeriod(m.group(2).toLowerCase(Locale.ROOT), interval);
    }

    private static String unit(String unit) {
        if (unit == null) {
            return null;
        }
        String u = unit.strip().toLowerCase(Locale.ROOT);
        u = u.endsWith("s") ? u.substring(0, u.length() - 1) : u;
        return switch (u) {
            case "day", "week", "month", "year" -> u;
            default -> null;
        };
    }

    private static Integer interval(BigDecimal duration) {
        try {
            int n = duration.stripTrailingZeros().intValueExact();
            return n >= 1 && n <= MAX_INTERVAL ? n : null;
        } catch (ArithmeticException notWhole) {
            return null;
        }
    }
}
