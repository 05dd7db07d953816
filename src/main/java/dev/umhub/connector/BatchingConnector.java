package dev.umhub.connector;

import java.util.List;

/**
 * A connector whose provider takes many deliveries in one request (HubSpot's batch upsert takes 100 contacts, Segment
 * 2,500 events, ...). Each delivery is still prepared, stored, retried and replayed on its own, with its own request:
 * the lane joins the prepared bodies of due deliveries only when it sends them, and splits the answer back into one
 * result per delivery. A provider's rate limit counts requests, so a batch of 100 costs what one delivery did.
 */
public interface BatchingConnector extends Connector {

    /** The most deliveries one request carries; 1 sends each on its own. */
    int batchSize();

    /**
     * True when one request may only carry one customer's deliveries (GA4's requests name one {@code client_id}):
     * the lane then takes a customer's deliveries that are due together, in event order, and offers each customer's
     * to {@link #combine} on their own. False (HubSpot) mixes customers in a request, one delivery per customer.
     */
    default boolean batchesPerCustomer() {
        return false;
    }

    /**
     * One request carrying as many of these bodies (each as {@link #prepare} made it for one delivery) as the
     * provider accepts together. Bodies that may not go together (the same contact twice) are left out: the lane
     * sends them in a later request.
     */
    Batch combine(List<String> bodies);

    /**
     * @param body    the combined request body
     * @param members indexes, into the list given to {@link #combine}, of the bodies it carries, in order
     */
    record Batch(String body, List<Integer> members) {
    }

    /**
     * Reads the provider's answer to a combined request: one result per member body, in the order given. Where the
     * provider names failed inputs (a 207 Multi-Status), each gets its own result; a request that failed as a whole
     * (an error status, or no answer at all) gives every member the same result, which is all the default does.
     */
    default List<DeliveryResult> interpretBatch(DeliveryAnswer answer, List<String> memberBodies) {
        return answeredAsAWhole(answer, memberBodies);
    }

    /** The provider answered for the request as a whole (it names no member): every member gets that answer. */
    default List<DeliveryResult> answeredAsAWhole(DeliveryAnswer answer, List<String> memberBodies) {
        DeliveryResult all = interpret(answer);
        return memberBodies.stream().map(b -> all).toList();
    }
}
