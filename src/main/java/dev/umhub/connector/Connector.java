package dev.umhub.connector;

import dev.umhub.event.PlatformEvent;
import java.util.List;

/**
 * A destination umhub delivers to. A connector owns the provider's mapping and the reading of its answers; the
 * transport (URL, auth, HTTP client options) lives in the destination's Camel route
 * ({@code routes/destinations/<name>.yaml}), so an operator can point it elsewhere without recompiling.
 *
 * <p>Every connector of umhub's own has the same shape: {@code XxxConnector} (a {@link ProviderConnector}),
 * {@code XxxProperties} ({@code umhub.destinations.<name>.*}), its route ({@code routes/destinations/<name>.yaml}),
 * a fake in the tests that answers as the provider does, and {@code docs/connectors/<name>.md}.
 */
public interface Connector {

    /** Every destination is the route consuming this endpoint followed by its name, whoever wrote the route. */
    String ENDPOINT_PREFIX = "direct:deliver-";

    /** The destination's name, as rules use it in {@code Dispatch("<name>", ...)}. */
    String name();

    /** The Camel endpoint of the destination route; it receives the prepared body and answers the provider's reply. */
    default String endpointUri() {
        return ENDPOINT_PREFIX + name();
    }

    /** The destination's settings; {@link DestinationProperties#isConfigured()} false means dry run. */
    DestinationProperties properties();

    /**
     * Maps an event and the actions rules chose for this destination into the request the provider gets. Pure: the
     * same inputs give the same request, so retries and replays send the same content with the same dedup keys.
     *
     * @param idempotencyKey stable per (event, destination), the same on every retry and replay: put it in the
     *                       provider's dedup field where it has one ({@code $insert_id}, {@code messageId},
     *                       {@code Idempotency-Key}, ...)
     * @throws UnmappableEventException when the event lacks what the provider needs (e.g. an email for a CRM upsert)
     */
    PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer, String idempotencyKey);

    /**
     * For providers that identify a person by an id of umhub's making (GA4's {@code client_id}): a new one. umhub
     * keeps it as the customer's external id for this destination the first time the customer goes there, and hands
     * it to {@link #prepare} from then on ({@link CustomerRecord#externalId}). Empty for providers that give their own
     * id back (a CRM's contact id, from {@link DeliveryResult.Delivered#externalId}) or need none.
     */
    default java.util.Optional<String> newCustomerId(java.time.Instant now) {
        return java.util.Optional.empty();
    }

    /**
     * A digest of what a prepared request changes at the destination, equal for two requests of which the second
     * would change nothing (a CRM upsert with the same properties): when a delivery comes due and the customer's last
     * delivered one to this destination had the same key, umhub keeps it as skipped instead of sending it. Null, the
     * default, for destinations where every request counts (an analytics event is an event even when it repeats one).
     */
    default String contentKey(PreparedRequest request) {
        return null;
    }

    /** Whether this destination's deliveries carry a {@link #contentKey} worth comparing before each send. */
    default boolean skipsUnchanged() {
        return false;
    }

    /**
     * What this destination's deliveries are ordered by, when not the customer: rows with the same key go one at a
     * time, in event order. Empty, the default, orders them per customer. A provider without upsert that finds records
     * by another key (Pipedrive's persons by email) orders by that key, so two deliveries never race to create one
     * record twice.
     */
    default java.util.Optional<String> orderKey(PlatformEvent event) {
        return java.util.Optional.empty();
    }

    /**
     * Reads the destination's answer. This is the one place where retryable and permanent are told apart for this
     * provider.
     */
    DeliveryResult interpret(DeliveryAnswer answer);
}
