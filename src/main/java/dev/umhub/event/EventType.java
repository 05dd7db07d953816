package dev.umhub.event;

/** The canonical event types of the architecture; {@link #value()} is the CloudEvents {@code type}. */
public enum EventType {
    CUSTOMER_CREATED("customer.created"),
    CUSTOMER_UPDATED("customer.updated"),
    CUSTOMER_EMAIL_VERIFICATION_REQUESTED("customer.email_verification_requested"),
    CHECKOUT_COMPLETED("checkout.completed"),
    MEMBERSHIP_CREATED("membership.created"),
    MEMBERSHIP_UPDATED("membership.updated"),
    MEMBERSHIP_STATUS_CHANGED("membership.status_changed"),
    MEMBERSHIP_CANCELLED("membership.cancelled"),
    MEMBERSHIP_EXPIRED("membership.expired"),
    MEMBERSHIP_ON_HOLD("membership.on_hold"),
    MEMBERSHIP_PLAN_CHANGED("membership.plan_changed"),
    PAYMENT_CREATED("payment.created"),
    PAYMENT_UPDATED("payment.updated"),
    PAYMENT_RECEIVED("payment.received"),
    PAYMENT_FAILED("payment.failed"),
    PAYMENT_REFUNDED("payment.refunded"),
    RENEWAL_PAYMENT_CREATED("renewal_payment.created"),
    SITE_PUBLISHED("site.published"),
    DOMAIN_CREATED("domain.created");

    private final String value;

    EventType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
