package io.mediainvites.model.jpa;

import jakarta.persistence.EntityManager;
import org.hibernate.LockMode;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jboss.logging.Logger;

/**
 * The one place that asks which database Keycloak runs on, for the few statements that have a better form on some
 * databases: the row lock that skips a locked row, and PostgreSQL's {@code INSERT ... ON CONFLICT} (one statement
 * instead of an UPDATE, an INSERT in a transaction of its own and a read). Every other database takes the portable
 * path. Read once per JVM (Keycloak has one database).
 */
public final class DatabaseDialect {

    private static final Logger LOG = Logger.getLogger(DatabaseDialect.class);

    private static volatile DatabaseDialect known;

    private final String skipLockedClause;
    private final boolean postgres;

    private DatabaseDialect(String skipLockedClause, boolean postgres) {
        this.skipLockedClause = skipLockedClause;
        this.postgres = postgres;
    }

    public static DatabaseDialect of(EntityManager em) {
        DatabaseDialect d = known;
        if (d == null) {
            Dialect dialect = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                    .getJdbcServices().getDialect();
            String clause = dialect.supportsSkipLocked()
                    ? " " + dialect.getForUpdateString(LockMode.PESSIMISTIC_WRITE, -2).trim() : "";
            d = new DatabaseDialect(clause, dialect instanceof PostgreSQLDialect);
            known = d;
            LOG.infof("Redemptions lock invite rows with '%s'; PostgreSQL upserts %s (%s)", clause.trim(),
                    d.postgres ? "on" : "off", dialect.getClass().getSimpleName());
        }
        return d;
    }

    /**
     * The dialect's "for update skip locked" (PostgreSQL, H2, MySQL, MariaDB, Oracle), with a leading space; empty for
     * a database without one (a plain row lock is then taken with the UPDATE: correct, but a loser waits).
     */
    public String skipLockedClause() {
        return skipLockedClause;
    }

    /** Whether {@code INSERT ... ON CONFLICT ... DO UPDATE ... RETURNING} is available (PostgreSQL). */
    public boolean upserts() {
        return postgres;
    }
}
