package dev.umhub.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the sender learns once its message is durably stored: the event id, its type, and whether it was seen before.
 *
 * @param completed for another observation of a change umhub already recorded (the webhook after the REST poll): the
 *                  facts it brings that the recorded event lacked ({@code customer.email}, {@code payment.reference});
 *                  they are merged in and decided again after the answer. Left out of the answer when empty.
 */
public record IngestResult(String id, String type, boolean duplicate,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> completed) {

    public IngestResult(String id, String type, boolean duplicate) {
        this(id, type, duplicate, List.of());
    }
}
