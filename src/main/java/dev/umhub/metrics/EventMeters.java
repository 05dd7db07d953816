package dev.umhub.metrics;

import dev.umhub.event.PlatformEvent;
import dev.umhub.pipeline.EventOutcomes;
import dev.umhub.rules.Decision;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Intake and decisions as counters: events accepted by source and type, duplicates by source, and each rule's
 * firings and failures. Tags are a format's, an event type's or a rule's name, never anything about a customer.
 */
final class EventMeters implements EventOutcomes {

    static final String ACCEPTED = "umhub.events.accepted";
    static final String DUPLICATES = "umhub.events.duplicates";
    static final String DECISIONS = "umhub.decisions";
    static final String FIRED = "fired";
    static final String FAILED = "failed";

    /** Sources are formats (a few), or an envelope sender's name for itself: few, but not umhub's to bound. */
    private static final int MAX_SOURCES = 20;
    /** Event types are umhub's own (EventType): the bound is never reached. */
    private static final int MAX_TYPES = 100;
    /** Rules come from the rules folder; a decision table can hold hundreds. */
    private static final int MAX_RULES = 1_000;

    private final TaggedCounters accepted;
    private final TaggedCounters duplicates;
    private final TaggedCounters decisions;

    EventMeters(MeterRegistry registry) {
        this.accepted = new TaggedCounters(registry, ACCEPTED, "Events recorded, each with its decision",
                "source", MAX_SOURCES, "type", MAX_TYPES);
        this.duplicates = new TaggedCounters(registry, DUPLICATES,
                "Events umhub already had: the same message again, or another observation of a recorded change",
                "source", MAX_SOURCES);
        this.decisions = new TaggedCounters(registry, DECISIONS,
                "Rules that fired for a recorded event, and rules that threw (outcome failed)", "rule", MAX_RULES,
                "outcome", 2);
    }

    @Override
    public void accepted(PlatformEvent event, Decision decision) {
        accepted.increment(event.source(), event.type());
        List<String> fired = decision.rulesFired();
        for (int i = 0; i < fired.size(); i++) { // no iterator: this runs for every event
            decisions.increment(fired.get(i), FIRED);
        }
        if (decision.isFailed()) {
            decisions.increment(decision.failure().rule(), FAILED);
        }
    }

    @Override
    public void duplicate(PlatformEvent event) {
        duplicates.increment(event.source());
    }
}
