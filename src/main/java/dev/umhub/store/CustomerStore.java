package dev.umhub.store;

import dev.umhub.connector.CustomerRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What umhub remembers of each platform customer: last email and name, and its ids at destinations (the GA4 client
 * id umhub made for it, a CRM's contact id). An insert that may race must not abort the caller's transaction (on
 * PostgreSQL a failed statement would, and with it the event being taken): see {@link Store#insertUnlessTaken}.
 */
@Repository
public class CustomerStore {

    private static final String INSERT_EXTERNAL_ID = "INSERT INTO umhub_customer_external_id (customer_id,"
            + " destination, external_id, updated_at) VALUES (?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final Store store;
    /** The last sighting of each customer in this transaction, kept up to date with the ids put since. */
    private final TransactionCache<String, Sighting> sightings = new TransactionCache<>();
    /** The key of the current transaction's deferred inserts of ids at destinations. */
    private final Object deferredKey = new Object();

    /**
     * A sighting's email and name, what umhub knew of the customer after it, and whether this transaction inserted
     * the customer.
     */
    private record Sighting(String email, String name, CustomerRecord known, boolean insertedHere) {
    }

    /** What recording a sighting found: the customer, and whether it was inserted just now. */
    private record Recorded(CustomerRecord known, boolean inserted) {
    }

    public CustomerStore(Store store) {
        this.jdbc = store.jdbc();
        this.store = store;
    }

    /**
     * For the rest of the current transaction (a batch of the intake processor), the ids made for customers this
     * transaction inserted ({@link #externalIdOrPut}: GA4's client id of a new customer) are inserted together before
     * it commits, or before this store reads them again. Such a customer has no ids yet, and no other transaction can
     * add one (its row is not committed): nothing can be taken.
     */
    public void deferWrites() {
        DeferredBatch.begin(deferredKey, () -> new DeferredBatch<Object[]>(deferredKey,
                rows -> store.template().batchUpdate(INSERT_EXTERNAL_ID, rows)));
    }

    private void writeDeferred() {
        DeferredBatch.writeCurrent(deferredKey);
    }

    /**
     * Records a sighting of a customer and returns what is known, refreshing email and name when the event carries
     * them.
     */
    public CustomerRecord seen(String customerId, String rawEmail, String rawName, Instant now) {
        // the columns are bounded; an absurd email is no email, an absurd name is kept cut
        String email = rawEmail != null && rawEmail.length() <= 320 ? rawEmail : null;
        String name = rawName != null && rawName.length() > 512 ? rawName.substring(0, 512) : rawName;
        // one webhook's events (its own and the derived ones) name the same customer: record the sighting once
        Sighting last = sightings.peek(customerId);
        if (last != null && Objects.equals(last.email(), email) && Objects.equals(last.name(), name)) {
            return last.known();
        }
        Recorded recorded = record(customerId, email, name, now);
        sightings.put(customerId, new Sighting(email, name, recorded.known(),
                recorded.inserted() || last != null && last.insertedHere()));
        return recorded.known();
    }

    private Recorded record(String customerId, String email, String name, Instant now) {
        if (store.isPostgres()) {
            return upsert(customerId, email, name, now);
        }
        int updated = jdbc.sql("UPDATE umhub_customer SET email = COALESCE(?, email), name = COALESCE(?, name),"
                        + " updated_at = ? WHERE customer_id = ?")
                .params(email, name, Timestamps.param(now), customerId).update();
        if (updated == 0) {
            if (!store.insertUnlessTaken("INSERT INTO umhub_customer (customer_id, email, name, first_seen_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)", customerId, email, name, Timestamps.param(now),
                    Timestamps.param(now))) {
                // another event of the same new customer inserted it at the same moment
                return record(customerId, email, name, now);
            }
            // inserted just now: it holds what was given and has no ids at destinations yet (nothing to read back)
            return new Recorded(new CustomerRecord(customerId, email, name, java.util.Map.of()), true);
        }
        return new Recorded(find(customerId).orElseThrow(), false);
    }

    /**
     * On PostgreSQL, the insert or the update in one statement (one round trip where two or three were); {@code xmax}
     * is 0 only on a row version this statement inserted, so it tells a new customer, who has no ids at destinations
     * yet, from a known one, whose ids are read.
     */
    private Recorded upsert(String customerId, String email, String name, Instant now) {
        return jdbc.sql("INSERT INTO umhub_customer (customer_id, email, name, first_seen_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET"
                        + " email = COALESCE(EXCLUDED.email, umhub_customer.email),"
                        + " name = COALESCE(EXCLUDED.name, umhub_customer.name), updated_at = EXCLUDED.updated_at"
                        + " RETURNING email, name, xmax = 0 AS inserted")
                .params(customerId, email, name, Timestamps.param(now), Timestamps.param(now))
                .query((rs, n) -> {
                    boolean inserted = rs.getBoolean("inserted");
                    return new Recorded(new CustomerRecord(customerId, rs.getString("email"), rs.getString("name"),
                            inserted ? Map.of() : externalIds(customerId)), inserted);
                })
                .single();
    }

    public Optional<CustomerRecord> find(String customerId) {
        return jdbc.sql("SELECT customer_id, email, name FROM umhub_customer WHERE customer_id = ?")
                .param(customerId)
                .query((rs, n) -> new CustomerRecord(rs.getString("customer_id"), rs.getString("email"),
                        rs.getString("name"), externalIds(customerId)))
                .optional();
    }

    /**
     * The customer's id at a destination, made now and kept when there is none yet: the first of two events racing
     * for the same new customer wins, and both get its id.
     */
    public String externalIdOrPut(String customerId, String destination, String newId, Instant now) {
        Sighting last = sightings.peek(customerId);
        DeferredBatch<Object[]> deferred = DeferredBatch.current(deferredKey);
        if (deferred != null && last != null && last.insertedHere()) {
            deferred.add(new Object[] {customerId, destination, newId, Timestamps.param(now)});
            learnt(customerId, destination, newId);
            return newId;
        }
        // called when the customer's record, read in this transaction, has none: insert first, read only on a race
        writeDeferred();
        if (store.insertUnlessTaken(INSERT_EXTERNAL_ID, customerId, destination, newId, Timestamps.param(now))) {
            learnt(customerId, destination, newId);
            return newId;
        }
        return externalId(customerId, destination).orElse(newId);
    }

    private Optional<String> externalId(String customerId, String destination) {
        writeDeferred();
        return jdbc.sql("SELECT external_id FROM umhub_customer_external_id WHERE customer_id = ? AND destination = ?")
                .params(customerId, destination).query(String.class).optional();
    }

    /** The ids these customers have at a destination, by customer; customers without one are left out. */
    public Map<String, String> externalIdsAt(String destination, java.util.Collection<String> customerIds) {
        Map<String, String> ids = new java.util.HashMap<>();
        if (customerIds.isEmpty()) {
            return ids;
        }
        writeDeferred();
        List<Object> params = new java.util.ArrayList<>(List.of(destination));
        params.addAll(customerIds);
        jdbc.sql("SELECT customer_id, external_id FROM umhub_customer_external_id WHERE destination = ?"
                        + " AND customer_id IN (" + DeliveryStore.placeholders(customerIds.size()) + ")")
                .params(params).query(rs -> {
                    ids.put(rs.getString("customer_id"), rs.getString("external_id"));
                });
        return ids;
    }

    /**
     * Keeps a customer's id at a destination.
     *
     * @param known the id kept until now, as the caller read it ({@link #externalIdsAt}), or null
     * @return true when the id is new for this customer and destination, or differs from the one kept
     */
    public boolean putExternalId(String customerId, String destination, String externalId, String known, Instant now) {
        if (externalId.equals(known)) {
            return false;
        }
        writeDeferred();
        int updated = known == null ? 0 : jdbc.sql("UPDATE umhub_customer_external_id SET external_id = ?,"
                        + " updated_at = ? WHERE customer_id = ? AND destination = ?")
                .params(externalId, Timestamps.param(now), customerId, destination).update();
        if (updated == 0 && !store.insertUnlessTaken(INSERT_EXTERNAL_ID, customerId, destination, externalId,
                Timestamps.param(now))) {
            // raced: another put the first id meanwhile
            return putExternalId(customerId, destination, externalId, externalId(customerId, destination).orElse(null),
                    now);
        }
        learnt(customerId, destination, externalId);
        return true;
    }

    /** A sighting of this transaction gets the id just kept, so the next one needs no read. */
    private void learnt(String customerId, String destination, String externalId) {
        Sighting last = sightings.peek(customerId);
        if (last != null) {
            sightings.put(customerId, new Sighting(last.email(), last.name(),
                    last.known().withExternalId(destination, externalId), last.insertedHere()));
        }
    }

    private Map<String, String> externalIds(String customerId) {
        writeDeferred();
        Map<String, String> ids = new LinkedHashMap<>();
        jdbc.sql("SELECT destination, external_id FROM umhub_customer_external_id WHERE customer_id = ? ORDER BY destination")
                .param(customerId)
                .query(rs -> {
                    ids.put(rs.getString("destination"), rs.getString("external_id"));
                });
        return ids;
    }

}
