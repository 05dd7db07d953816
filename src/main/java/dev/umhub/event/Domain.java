package dev.umhub.event;

import java.time.Instant;

/** A mapped domain. The platform sends the booleans as the strings "true"/"false"; here they are booleans. */
public record Domain(String id, String domain, String siteId, String stage, Boolean active, Boolean primary,
                     Boolean secure, Instant createdAt, String manageUrl) {
}
