package io.mediainvites.model.store;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class WriteConflictsTest {

    @Test
    void lostConcurrentWritesAreConflicts() {
        assertThat(WriteConflicts.isConflict(new OptimisticLockException("stale"))).isTrue();
        assertThat(WriteConflicts.isConflict(new PersistenceException(new SQLException("dup", "23505")))).isTrue();
        assertThat(WriteConflicts.isConflict(new RuntimeException(new SQLException("deadlock", "40P01")))).isTrue();
        assertThat(WriteConflicts.isConflict(new PersistenceException(new SQLException("serialize", "40001")))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(WriteConflicts.isConflict(new PersistenceException(new SQLException("down", "08006")))).isFalse();
        assertThat(WriteConflicts.isConflict(new IllegalStateException("bug"))).isFalse();
        assertThat(WriteConflicts.isConflict(null)).isFalse();
    }
}
