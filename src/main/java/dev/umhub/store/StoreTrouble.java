package dev.umhub.store;

import java.sql.SQLException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Whether a failure is the store's: down, unreachable, its pool exhausted, a commit that failed. Those are answered
 * 503 with Retry-After (the sender should try again), never 500; the exception types differ by where the failure hit
 * (a query, opening a transaction, committing one, the driver itself).
 */
public final class StoreTrouble {

    public static final String RETRY_AFTER_SECONDS = "10";

    private StoreTrouble() {
    }

    public static boolean isStoreTrouble(Throwable e) {
        return anyCause(e, t -> t instanceof DataAccessException || t instanceof TransactionException
                || t instanceof SQLException);
    }

    /**
     * Whether a failure is the store's passing trouble, worth the same work again later: unreachable, a lock that
     * timed out, a deadlock, a commit that failed, or the JVM out of memory.
     */
    public static boolean isTransient(Throwable e) {
        return anyCause(e, t -> t instanceof org.springframework.dao.TransientDataAccessException
                || t instanceof org.springframework.dao.RecoverableDataAccessException
                || t instanceof org.springframework.dao.DataAccessResourceFailureException
                || t instanceof TransactionException || t instanceof OutOfMemoryError);
    }

    private static boolean anyCause(Throwable e, java.util.function.Predicate<Throwable> test) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** The failure in one line, without stack trace: the type and message of its root cause. */
    public static String describe(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
