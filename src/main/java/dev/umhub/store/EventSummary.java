package dev.umhub.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** What every view of an event shows first: a stored event and a listed one both have it. */
public interface EventSummary {

    String id();

    String type();

    String source();

    String origin();

    String subject();

    String customerId();

    boolean test();

    Instant receivedAt();

    String rulesVersion();

    JsonNode rulesFired();

    /** Why the rules could not decide; null when decided. */
    String decisionError();
}
