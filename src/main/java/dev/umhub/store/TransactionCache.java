package dev.umhub.store;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a store already read or wrote in the current transaction, forgotten when it ends. One webhook's ingest reads
 * the same few entities again and again (its event, then each derived event, looks up the payment, membership,
 * customer and plan); inside its transaction those rows cannot change under it except through the same store, which
 * writes through this cache. Outside a transaction nothing is kept. A rollback to a savepoint forgets everything: what
 * was written after it is undone, and the cache cannot tell which rows those were.
 */
final class TransactionCache<K, V> {

    private final Object resource = new Object();

    /** The cached value, or the loaded one (then kept for the rest of the transaction). */
    V get(K key, Function<K, V> load) {
        Map<K, V> rows = rows();
        if (rows == null) {
            return load.apply(key);
        }
        V known = rows.get(key);
        if (known == null) {
            known = load.apply(key);
            rows.put(key, known);
        }
        return known;
    }

    /** The cached value, or null when this transaction has none (nothing is loaded). */
    V peek(K key) {
        Map<K, V> rows = rows();
        return rows == null ? null : rows.get(key);
    }

    /** What the store just wrote, so later reads in this transaction see it without a query. */
    void put(K key, V value) {
        Map<K, V> rows = rows();
        if (rows != null) {
            rows.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> rows() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Map<K, V> rows = (Map<K, V>) TransactionSynchronizationManager.getResource(resource);
        if (rows == null) {
            Map<K, V> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(resource, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void savepointRollback(Object savepoint) {
                    fresh.clear();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(resource);
                }
            });
            rows = fresh;
        }
        return rows;
    }
}
