package dev.umhub.connector.slack;

import dev.umhub.connector.EventAmounts;
import dev.umhub.connector.PlanNames;
import dev.umhub.event.Customer;
import dev.umhub.event.Membership;
import dev.umhub.event.Payment;
import dev.umhub.event.PlatformEvent;
import java.math.BigDecimal;

/**
 * The words of an alert: what happened, to whom, on which plan, for how much. Platform strings are escaped as Slack
 * asks ({@code &}, {@code <}, {@code >}), so a customer named {@code <!channel>} pings nobody.
 */
final class SlackMessages {

    private SlackMessages() {
    }

    static String text(PlatformEvent event) {
        return what(event) + ": " + who(event) + details(event);
    }

    static String markdown(PlatformEvent event) {
        return "*" + what(event) + "*: " + who(event) + details(event);
    }

    private static String what(PlatformEvent event) {
        return switch (event.type()) {
            case "payment.failed" -> "Payment failed";
            case "membership.cancelled" -> "Membership cancelled";
            case "payment.refunded" -> "Payment refunded";
            case "membership.expired" -> "Membership expired";
            default -> escape(event.type());
        };
    }

    private static String who(PlatformEvent event) {
        Customer c = event.customer();
        if (c == null) {
            return "unknown customer";
        }
        String name = c.name() == null || c.name().isBlank() ? "customer " + c.id() : c.name() + " (customer "
                + c.id() + ")";
        return escape(name + (c.email() == null ? "" : ", " + c.email()));
    }

    private static String details(PlatformEvent event) {
        StringBuilder out = new StringBuilder();
        String plan = PlanNames.of(event);
        if (plan != null) {
            out.append(", plan ").append(escape(plan));
        }
        Payment p = event.payment();
        BigDecimal amount = EventAmounts.amount(event);
        String currency = EventAmounts.currency(event);
        if (amount != null) {
            out.append(", ").append(currency == null ? "" : escape(currency) + " ").append(amount.toPlainString());
        }
        if (p != null && p.referenceCode() != null) {
            out.append(", payment ").append(escape(p.referenceCode()));
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
