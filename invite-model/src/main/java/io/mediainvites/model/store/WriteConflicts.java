package io.mediainvites.model.store;

import jakarta.persistence.EntityExistsException;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;

/**
 * Recognises a write that lost to a concurrent write of the same rows (S13): a stale version (optimistic
 * lock), a lock wait that failed, a unique key another transaction took first, a serialization failure or a
 * deadlock. These are the caller's "try again" (409 {@code conflict}), never a server error.
 */
public final class WriteConflicts {

    private WriteConflicts() {
    }

    public static boolean isConflict(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException || t instanceof EntityExistsException) {
                return true;
            }
            // Hibernate's StaleStateException and friends, without depending on Hibernate's types
            String name = t.getClass().getName();
            if (name.endsWith(".StaleStateException") || name.endsWith(".StaleObjectStateException")
                    || name.endsWith(".OptimisticEntityLockException")) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 23xxx integrity constraint (a unique key taken by a parallel insert), 40xxx rollback
                // (serialization failure, deadlock), H2's lock timeout HYT00
                if (state.startsWith("23") || state.startsWith("40") || state.equals("HYT00")) {
                    return true;
                }
            }
        }
        return false;
    }
}
