package dev.umhub.rules;

import dev.umhub.event.PlatformEvent;

/**
 * Turns a scenario's payload into the event the rules see, as the source's door would (the Ultimate Multisite webhook
 * normaliser): scenarios test the rules on what umhub really makes of a body. Nothing is stored.
 */
@FunctionalInterface
public interface ScenarioEvents {

    /**
     * @param source the source format ({@code ultimate-multisite})
     * @param origin the source's event name (the webhook slug)
     * @throws RuntimeException with a message the scenario's author can act on when the body is refused
     */
    PlatformEvent event(String source, String origin, byte[] body);
}
