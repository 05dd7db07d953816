package dev.umhub.pipeline;

/**
 * Whether events a source marked as tests ({@code PlatformEvent.test}, e.g. the platform's "Send Test Event") are
 * delivered, or only decided and recorded. The source that knows what a test event is owns the setting.
 */
public record TestEventPolicy(boolean deliver) {
}
