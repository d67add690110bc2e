package io.mediainvites.it.bench;

import io.mediainvites.it.support.Database;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmark's PostgreSQL does, read without restarting it (issue 14 item 4):
 * <ul>
 *   <li><b>CPU</b>: utime+stime ({@code /proc/<pid>/stat}, clock ticks) of the backends of the bench database
 *       (from {@code pg_stat_activity}, this probe's own backend left out) and of the server's background
 *       processes (checkpointer, WAL writer, background writer, autovacuum), summed over a slice. Backends of
 *       other databases (other users of the machine's PostgreSQL) are not counted.</li>
 *   <li><b>Statements</b>: the bench database is created with {@code log_statement='all'} (a per-database
 *       setting, so only its sessions log); a slice's statements are the server log's {@code statement:} /
 *       {@code execute} lines of that database written meanwhile. BEGIN/COMMIT/ROLLBACK are counted apart.</li>
 *   <li><b>Rows and scans</b>: {@code pg_stat_user_tables} and {@code pg_stat_database} deltas (the backends
 *       flush their counters when idle, within 10 s: {@link #tableStats(boolean)} waits for that).</li>
 * </ul>
 */
final class PgProbe implements AutoCloseable {

    /** The machine's PostgreSQL 15 log (Debian's pg_ctlcluster sends the server's stderr there). */
    static final String DEFAULT_LOG = "/var/log/postgresql/postgresql-15-main.log";
    private static final long CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux
    private static final Pattern STATEMENT = Pattern.compile(" LOG:  (?:statement|execute [^:]*): (.*)$");

    private final Database database;
    private final Connection connection;
    private final Path log;
    private final int ownPid;
    private final String logMarker;

    private PgProbe(Database database, Connection connection, Path log, int ownPid) {
        this.database = database;
        this.connection = connection;
        this.log = log;
        this.ownPid = ownPid;
        this.logMarker = "@" + database.name() + " ";
    }

    /** Run before Keycloak connects: every session of the bench database logs its statements. */
    static void enableStatementLog(Database database) {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database.name() + " SET log_statement = 'all'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set log_statement on " + database.name(), e);
        }
    }

    static PgProbe open(Database database) throws SQLException {
        Connection c = database.connect();
        try (Statement s = c.createStatement()) {
            // the probe's own queries are not the benchmark's
            s.execute("SET log_statement = 'none'");
            ResultSet rs = s.executeQuery("SELECT pg_backend_pid()");
            rs.next();
            int pid = rs.getInt(1);
            return new PgProbe(database, c, Path.of(System.getProperty("bench.pgLog", DEFAULT_LOG)), pid);
        }
    }

    String databaseName() {
        return database.name();
    }

    boolean statementLogReadable() {
        return Files.isReadable(log);
    }

    /** Our tables ({@code mi_*}): autovacuum (and so auto-analyze) off, so that they stay without statistics. */
    List<String> disableAutovacuumOnOurTables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    + "AND tablename LIKE 'mi\\_%' ORDER BY tablename");
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            for (String t : tables) {
                s.execute("ALTER TABLE " + t + " SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
            }
        }
        return tables;
    }

    /** Our tables that were ever analyzed (by hand or by autovacuum). */
    List<String> analyzedOurTables() throws SQLException {
        List<String> analyzed = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT relname FROM pg_stat_user_tables WHERE relname LIKE 'mi\\_%' "
                    + "AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) ORDER BY relname");
            while (rs.next()) {
                analyzed.add(rs.getString(1));
            }
        }
        return analyzed;
    }

    void analyze() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    // ---- CPU ----

    /** CPU so far (ms) per process of the bench database's backends and the server's background processes. */
    Map<Integer, Long> cpuSnapshot() {
        Map<Integer, Long> cpu = new HashMap<>();
        try (Statement s = connection.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND "
                    + "(datname = current_database() OR (datname IS NULL AND backend_type <> 'client backend'))");
            while (rs.next()) {
                int pid = rs.getInt(1);
                long ms = processCpuMillis(pid);
                if (ms >= 0) {
                    cpu.put(pid, ms);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return cpu;
    }

    /** CPU (ms) used between two snapshots (a backend that started in between counts from zero). */
    static long cpuMillisBetween(Map<Integer, Long> before, Map<Integer, Long> after) {
        long sum = 0;
        for (Map.Entry<Integer, Long> e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    private static long processCpuMillis(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is f[0]; utime is field 14 of the whole line, stime 15
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // ---- statements ----

    /** The log's length now: statements written after it belong to what follows. */
    long logPosition() {
        try {
            return Files.isReadable(log) ? Files.size(log) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The bench database's statements logged since {@code from}, by normalized text (-1 if no log). */
    Statements statementsSince(long from) {
        if (from < 0) {
            return Statements.NONE;
        }
        Map<String, Integer> byText = new HashMap<>();
        int total = 0;
        int control = 0;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long end = f.length();
            if (end < from) {
                return Statements.NONE; // rotated
            }
            f.seek(from);
            byte[] bytes = new byte[(int) (end - from)];
            f.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!line.contains(logMarker)) {
                    continue;
                }
                Matcher m = STATEMENT.matcher(line);
                if (!m.find()) {
                    continue;
                }
                String sql = m.group(1).trim();
                String word = sql.isEmpty() ? "" : sql.split("\\s+")[0].toUpperCase(Locale.ROOT);
                if (word.equals("BEGIN") || word.equals("COMMIT") || word.equals("ROLLBACK")
                        || word.equals("SET") || word.equals("SHOW") || word.equals("SAVEPOINT")
                        || word.equals("RELEASE")) {
                    control++;
                    continue;
                }
                total++;
                byText.merge(normalize(sql), 1, Integer::sum);
            }
        } catch (IOException e) {
            return Statements.NONE;
        }
        return new Statements(total, control, byText);
    }

    private static String normalize(String sql) {
        String s = sql.replaceAll("\\s+", " ");
        // the column list says little: keep the table and the condition (Hibernate's aliases are stable, values are
        // bound parameters, $1)
        s = s.replaceFirst("(?i)^select (?!count)(.{40,}?) from ", "select … from ");
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** Statements of a slice: data statements, transaction control, and each data statement's count. */
    record Statements(int total, int control, Map<String, Integer> byText) {
        static final Statements NONE = new Statements(-1, -1, Map.of());

        boolean known() {
            return total >= 0;
        }

        Statements plus(Statements o) {
            if (!known() || !o.known()) {
                return known() ? this : o;
            }
            Map<String, Integer> m = new HashMap<>(byText);
            o.byText.forEach((k, v) -> m.merge(k, v, Integer::sum));
            return new Statements(total + o.total, control + o.control, m);
        }

        /** The most frequent statements with their count per operation. */
        List<String> top(int ops, int limit) {
            return byText.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(limit)
                    .map(e -> String.format("%6.2f  %s", e.getValue() / (double) ops, e.getKey()))
                    .toList();
        }
    }

    // ---- rows and scans ----

    /** Per-table and database counters now; {@code awaitFlush} first waits for idle backends to flush theirs. */
    TableStats tableStats(boolean awaitFlush) throws SQLException {
        if (awaitFlush) {
            try {
                Thread.sleep(11_500); // PGSTAT_IDLE_INTERVAL (10 s) in PostgreSQL 15
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, long[]> tables = new TreeMap<>();
        long[] db = new long[6];
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            ResultSet rs = s.executeQuery("SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), "
                    + "coalesce(idx_tup_fetch, 0), n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables");
            while (rs.next()) {
                long[] v = new long[7];
                for (int i = 0; i < 7; i++) {
                    v[i] = rs.getLong(i + 2);
                }
                tables.put(rs.getString(1).toLowerCase(Locale.ROOT), v);
            }
            rs = s.executeQuery("SELECT xact_commit, tup_returned, tup_fetched, tup_inserted, tup_updated, "
                    + "tup_deleted FROM pg_stat_database WHERE datname = current_database()");
            rs.next();
            for (int i = 0; i < 6; i++) {
                db[i] = rs.getLong(i + 1);
            }
        }
        return new TableStats(tables, db);
    }

    /**
     * Counters of {@code pg_stat_user_tables} per table: seq_scan, seq_tup_read, idx_scan, idx_tup_fetch,
     * n_tup_ins, n_tup_upd, n_tup_del; and of {@code pg_stat_database}: xact_commit, tup_returned, tup_fetched,
     * tup_inserted, tup_updated, tup_deleted.
     */
    record TableStats(Map<String, long[]> tables, long[] database) {

        TableStats minus(TableStats before) {
            Map<String, long[]> t = new TreeMap<>();
            tables.forEach((name, v) -> {
                long[] b = before.tables.getOrDefault(name, new long[7]);
                long[] d = new long[7];
                for (int i = 0; i < 7; i++) {
                    d[i] = v[i] - b[i];
                }
                t.put(name, d);
            });
            long[] db = new long[6];
            for (int i = 0; i < 6; i++) {
                db[i] = database[i] - before.database[i];
            }
            return new TableStats(t, db);
        }

        long sum(int column, boolean oursOnly) {
            return tables.entrySet().stream().filter(e -> !oursOnly || e.getKey().startsWith("mi_"))
                    .mapToLong(e -> e.getValue()[column]).sum();
        }

        /** Rows read: tuples returned by sequential scans plus tuples fetched through indexes. */
        long rowsRead(boolean oursOnly) {
            return sum(1, oursOnly) + sum(3, oursOnly);
        }

        long rowsWritten(boolean oursOnly) {
            return sum(4, oursOnly) + sum(5, oursOnly) + sum(6, oursOnly);
        }

        /** Our tables with sequential scans in this delta: name -> scans (rows they read). */
        Map<String, String> ourSequentialScans() {
            Map<String, String> scans = new LinkedHashMap<>();
            tables.forEach((name, v) -> {
                if (name.startsWith("mi_") && v[0] > 0) {
                    scans.put(name, v[0] + " (" + v[1] + " rows)");
                }
            });
            return scans;
        }

        /** Tables touched in this delta, one line each with per-operation figures. */
        List<String> perTable(int ops) {
            List<String> lines = new ArrayList<>();
            tables.forEach((name, v) -> {
                if (v[0] + v[2] + v[4] + v[5] + v[6] == 0) {
                    return;
                }
                lines.add(String.format("    %-34s seq %5.2f (rows %6.1f)  idx %5.2f (rows %5.1f)  ins %4.2f upd %4.2f del %4.2f",
                        name, v[0] / (double) ops, v[1] / (double) ops, v[2] / (double) ops, v[3] / (double) ops,
                        v[4] / (double) ops, v[5] / (double) ops, v[6] / (double) ops));
            });
            return lines;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
