package dev.umhub.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes of one kind that a transaction keeps and sends together, in one JDBC batch: before it commits, and whenever
 * the store that keeps them is about to read what they change ({@link #write}). On PostgreSQL that is one round trip
 * for a batch of webhooks instead of one per row. Bound to the transaction that {@link #begin began} it.
 *
 * <p>Every row added stays listed until the transaction ends, those from {@code written} on not sent yet. A rollback
 * to a savepoint forgets the rows added after it, and makes those sent after it unsent again: the rollback undid them
 * in the store too.
 */
class DeferredBatch<T> implements TransactionSynchronization {

    private final Object key;
    private final Consumer<List<T>> writer;
    private final List<T> rows = new ArrayList<>();
    private int written;
    /** Per savepoint: the rows added and sent when it was taken. */
    private final Map<Object, int[]> atSavepoint = new IdentityHashMap<>();

    DeferredBatch(Object key, Consumer<List<T>> writer) {
        this.key = key;
        this.writer = writer;
    }

    /** Binds a new batch to the current transaction under its key, unless one is bound or there is no transaction. */
    static <B extends DeferredBatch<?>> void begin(Object key, Supplier<B> batch) {
        if (TransactionSynchronizationManager.isSynchronizationActive() && current(key) == null) {
            B fresh = batch.get();
            TransactionSynchronizationManager.bindResource(key, fresh);
            TransactionSynchronizationManager.registerSynchronization(fresh);
        }
    }

    /** The batch the current transaction keeps under this key, or null. */
    @SuppressWarnings("unchecked")
    static <B extends DeferredBatch<?>> B current(Object key) {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (B) TransactionSynchronizationManager.getResource(key) : null;
    }

    /** Sends what the current transaction keeps under this key, if anything. */
    static void writeCurrent(Object key) {
        DeferredBatch<?> batch = current(key);
        if (batch != null) {
            batch.write();
        }
    }

    void add(T row) {
        rows.add(row);
    }

    /** Every row added in this transaction (sent or not), in order. */
    List<T> all() {
        return Collections.unmodifiableList(rows);
    }

    /** Sends the rows not sent yet. */
    void write() {
        if (written < rows.size()) {
            writer.accept(List.copyOf(rows.subList(written, rows.size())));
            written = rows.size();
        }
    }

    /** Called after a rollback to a savepoint forgot rows, with those kept. */
    protected void forgotten() {
    }

    @Override
    public void savepoint(Object savepoint) {
        atSavepoint.put(savepoint, new int[] {rows.size(), written});
    }

    @Override
    public void savepointRollback(Object savepoint) {
        int[] mark = atSavepoint.getOrDefault(savepoint, new int[2]);
        rows.subList(Math.min(mark[0], rows.size()), rows.size()).clear();
        written = Math.min(written, mark[1]);
        forgotten();
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        write();
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }
}
