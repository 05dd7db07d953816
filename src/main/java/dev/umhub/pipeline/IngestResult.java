package dev.umhub.pipeline;

/** What the sender learns once its message is durably stored: the event id, its type, and whether it was seen before. */
public record IngestResult(String id, String type, boolean duplicate) {
}
