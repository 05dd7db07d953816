package dev.umhub.ultimatemultisite;

import dev.umhub.event.EventType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The platform's webhook event slugs, each with the canonical type it maps to when its status says nothing more,
 * and the entity the event is about.
 */
enum WebhookSlug {
    PAYMENT_RECEIVED("payment_received", EventType.PAYMENT_RECEIVED, "payment"),
    SITE_PUBLISHED("site_published", EventType.SITE_PUBLISHED, "site"),
    CONFIRM_EMAIL_ADDRESS("confirm_email_address", EventType.CUSTOMER_EMAIL_VERIFICATION_REQUESTED, "customer"),
    DOMAIN_CREATED("domain_created", EventType.DOMAIN_CREATED, "domain"),
    RENEWAL_PAYMENT_CREATED("renewal_payment_created", EventType.RENEWAL_PAYMENT_CREATED, "payment"),
    CUSTOMER_CREATED("customer_created", EventType.CUSTOMER_CREATED, "customer"),
    CUSTOMER_UPDATED("customer_updated", EventType.CUSTOMER_UPDATED, "customer"),
    MEMBERSHIP_CREATED("membership_created", EventType.MEMBERSHIP_CREATED, "membership"),
    MEMBERSHIP_UPDATED("membership_updated", EventType.MEMBERSHIP_UPDATED, "membership"),
    PAYMENT_CREATED("payment_created", EventType.PAYMENT_CREATED, "payment"),
    PAYMENT_UPDATED("payment_updated", EventType.PAYMENT_UPDATED, "payment");

    private final String slug;
    private final EventType baseType;
    private final String subjectEntity;

    WebhookSlug(String slug, EventType baseType, String subjectEntity) {
        this.slug = slug;
        this.baseType = baseType;
        this.subjectEntity = subjectEntity;
    }

    static Optional<WebhookSlug> of(String slug) {
        return Arrays.stream(values()).filter(s -> s.slug.equals(slug)).findFirst();
    }

    String slug() {
        return slug;
    }

    EventType baseType() {
        return baseType;
    }

    String subjectEntity() {
        return subjectEntity;
    }
}
