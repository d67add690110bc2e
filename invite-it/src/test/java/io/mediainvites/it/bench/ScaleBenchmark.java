package io.mediainvites.it.bench;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.DistributionServer;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakExtension;
import io.mediainvites.it.support.TestSettings;
import io.mediainvites.it.support.WebSession;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Issue 14 item 5 (O4): does the extension stay flat as invites pile up? Production mode ({@code start --optimized})
 * on a fresh PostgreSQL database. Bulk-loads invites with SQL over JDBC ({@code INSERT ... SELECT} over
 * {@code generate_series}): first 10,000, then grown to 1,000,000; ANALYZE after each load. Most rows have ended
 * (expired, used up, revoked, a few locked), spread over several realms, clients and about ten thousand media
 * entries; one entry (the one the benchmark's requests use, registered through the API) holds a tenth of all rows:
 * 1,000 at 10k, 100,000 at 1M. All rows are younger than 28 days, so the hourly cleanup (retention 30 days) leaves
 * them alone; at 1M there are a hundred times more invites per day than at 10k (the hard case for creation-order
 * lists).
 *
 * <p>At each size, one client thread, the same number of requests (≥ 200) of each, in alternating rounds: issuance
 * ({@code POST /media/{id}/invites} into the big entry: its duplicate-pending check runs over that entry), landing
 * GET of a fresh link, full redemption (landing, POST, code, token) of a fresh link, and the first page of the big
 * entry's invites for each status filter and none. Invites used by the measured requests are issued through the
 * API. Prints median and p95 per operation at both sizes and their ratio; goal: each ratio ≤ 1.2.
 *
 * <p>Run: {@code ./mvnw -B -Pbench -DskipTests verify -Dbench.mode=scale} (optional {@code -Dbench.scaleN=200},
 * {@code -Dbench.scaleSize=1000000}, {@code -Dbench.scaleWarmup=300}).
 */
final class ScaleBenchmark {

    private static final String APP_URL = "http://localhost:3000/media";
    /** Rows are at most this old (ms): younger than the cleanup's default retention of 30 days. */
    private static final long MAX_AGE_MILLIS = 28L * 86_400_000L;
    private static final List<String> STATUSES = List.of("", "pending", "active", "used_up", "expired", "revoked", "locked");
    private static final int ROUNDS = 4;

    private final DistributionServer server;
    private final Api api;
    private final String mediaId;
    private final Supplier<String> token;
    private final HttpClient shared = WebSession.newClient();
    private final AtomicInteger seq = new AtomicInteger();
    private String realmId;
    private String clientId;
    private String inviterId;

    private ScaleBenchmark(DistributionServer server, Api api, String mediaId, Supplier<String> token) {
        this.server = server;
        this.api = api;
        this.mediaId = mediaId;
        this.token = token;
    }

    static void run() throws Exception {
        if (!TestSettings.DB_POSTGRES.equals(System.getProperty("mi.db"))) {
            System.out.println("scale benchmark: runs on PostgreSQL (mi.db=" + System.getProperty("mi.db")
                    + " ignored)");
            System.setProperty("mi.db", TestSettings.DB_POSTGRES);
        }
        int n = Integer.getInteger("bench.scaleN", 200);
        int size = Integer.getInteger("bench.scaleSize", 1_000_000);
        int small = Integer.getInteger("bench.scaleSmall", 10_000);
        int warmup = Integer.getInteger("bench.scaleWarmup", 300);
        TestSettings settings = TestSettings.fromSystemProperties();
        try (DistributionServer server = DistributionServer.start(settings)) {
            KeycloakExtension.withoutInitiateLoginUri(server);
            Api api = new Api(server);
            Fixtures fixtures = new Fixtures(server);
            String owner = fixtures.user("scale-owner");
            String mediaId = Fixtures.unique("scale");
            Benchmarks.registerVideo(api, mediaId, "Scale benchmark", owner);
            ScaleBenchmark bench = new ScaleBenchmark(server, api, mediaId, cachedToken(api, owner));
            bench.go(settings, n, small, size, warmup);
        }
    }

    /** The owner's access token, renewed every minute (the realm's tokens live 5 minutes). */
    private static Supplier<String> cachedToken(Api api, String owner) {
        return new Supplier<>() {
            private String value;
            private long at;

            @Override
            public synchronized String get() {
                if (value == null || System.nanoTime() - at > 60_000_000_000L) {
                    value = api.passwordToken(owner, owner);
                    at = System.nanoTime();
                }
                return value;
            }
        };
    }

    private void go(TestSettings settings, int n, int small, int size, int warmup) throws Exception {
        // one invite through the API tells the internal ids of the realm, the app client and the owner
        issue();
        try (Connection c = server.database().connect();
                PreparedStatement s = c.prepareStatement(
                        "select REALM_ID, CLIENT_ID, INVITER_ID from MI_INVITE where MEDIA_ID = ?")) {
            s.setString(1, mediaId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                realmId = rs.getString(1);
                clientId = rs.getString(2);
                inviterId = rs.getString(3);
            }
        }
        System.out.println();
        System.out.printf("Scale benchmark (issue 14 item 5): Keycloak %s, %s, production mode (start --optimized), "
                + "one client thread, %d requests of each operation per size in %d alternating rounds%n",
                settings.keycloakVersion(), server.description(), n, ROUNDS);

        Map<String, Stats> atSmall;
        Map<String, Stats> atLarge;
        try (Connection c = server.database().connect()) {
            c.setAutoCommit(true);
            load(c, 1, small);
            System.out.println("warm-up (JIT): " + warmup + " of each operation, unmeasured");
            measure(warmup, false);
            atSmall = measure(n, true);
            print(c, small, atSmall);
            load(c, small + 1, size);
            atLarge = measure(n, true);
            print(c, size, atLarge);
            explainLists(c);
        }
        System.out.println();
        System.out.printf("Ratios %,d / %,d stored invites (goal: each at most 1.2, median and p95):%n", size, small);
        boolean all = true;
        for (String op : atSmall.keySet()) {
            double m = atLarge.get(op).median() / atSmall.get(op).median();
            double p = atLarge.get(op).p95() / atSmall.get(op).p95();
            boolean met = m <= 1.2 && p <= 1.2;
            all &= met;
            System.out.printf(Locale.ROOT, "  %-34s median %5.2f   p95 %5.2f   -> %s%n", op, m, p, met ? "met" : "NOT met");
        }
        System.out.println("Goal: every operation at 1M within 1.2x of 10k -> " + (all ? "met" : "NOT met"));
    }

    // ---------------------------------------------------------------------------------------------- bulk load

    /**
     * Inserts bulk rows {@code from..to} (one SQL statement per 100,000), then ANALYZE. Row {@code g}: every tenth
     * goes into the big entry; of the others 60% are in the demo realm (a third of them with the app client, the
     * rest with other client ids), 40% in four other realm ids; media ids spread over 9,973 entries. Creation time
     * spread over the last 28 days; lifetime 1 day (80%) or 7 days. Status dice: of the still valid rows 60% pending,
     * 15% active (3 uses, 1 spent), 13% used up, 7% revoked, 3% locked, 2% pending unlimited; of the rows past their
     * lifetime 55% expired unused, 30% used up, 10% revoked, 1% locked, 4% expired after one of three uses. Used-up and
     * active rows of the last day get a live invite-session row each.
     */
    private void load(Connection c, int from, int to) throws Exception {
        long now = System.currentTimeMillis();
        long t0 = System.nanoTime();
        int chunk = 100_000;
        for (int lo = from; lo <= to; lo += chunk) {
            int hi = Math.min(to, lo + chunk - 1);
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                int i = 1; // in the order of the statement's placeholders
                s.setString(i++, realmId);          // realm of the big entry
                s.setString(i++, realmId);          // other entries in the demo realm
                s.setString(i++, clientId);
                s.setString(i++, clientId);
                s.setString(i++, mediaId);
                s.setString(i++, inviterId);
                s.setLong(i++, now);                // valid: created + ttl > now
                s.setLong(i++, now);                // created = now - age
                s.setLong(i++, MAX_AGE_MILLIS);
                s.setInt(i++, lo);
                s.setInt(i++, hi);
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement(SESSIONS)) {
            s.setLong(1, now + 4 * 3_600_000L);
            s.setLong(2, now - 86_400_000L);
            s.executeUpdate();
        }
        long t1 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE MI_INVITE");
            s.execute("ANALYZE MI_INVITE_SESSION");
        }
        long t2 = System.nanoTime();
        System.out.println();
        System.out.printf(Locale.ROOT, "bulk load of rows %,d..%,d: %.1f s (SQL INSERT ... SELECT over generate_series), "
                + "then ANALYZE MI_INVITE, MI_INVITE_SESSION: %.1f s%n", from, to, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), count(*) filter (where MEDIA_ID = '" + mediaId + "'),"
                        + " (select count(*) from MI_INVITE_SESSION), count(distinct REALM_ID), count(distinct CLIENT_ID),"
                        + " count(distinct MEDIA_ID) from MI_INVITE")) {
            rs.next();
            System.out.printf(Locale.ROOT, "  MI_INVITE: %,d rows (big entry %,d), MI_INVITE_SESSION: %,d rows; "
                    + "%d realm ids, %d client ids, %,d media ids%n", rs.getLong(1), rs.getLong(2), rs.getLong(3),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6));
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select case when REVOKED_AT is not null then 'revoked'"
                        + " when LOCKED_AT is not null then 'locked'"
                        + " when USE_LIMIT > 0 and USE_COUNT >= USE_LIMIT then 'used_up'"
                        + " when EXPIRES_AT <= " + System.currentTimeMillis() + " then 'expired'"
                        + " when USE_COUNT = 0 then 'pending' else 'active' end st, count(*) from MI_INVITE"
                        + " group by 1 order by 2 desc")) {
            StringBuilder b = new StringBuilder("  by status:");
            while (rs.next()) {
                b.append(String.format(Locale.ROOT, " %s %,d", rs.getString(1), rs.getLong(2)));
            }
            System.out.println(b);
        }
    }

    // hashes of the row number stand in for random numbers (the same row always gets the same values)
    private static final String INSERT = """
            insert into MI_INVITE (ID, REALM_ID, CLIENT_ID, MEDIA_ID, EMAIL, FIRST_NAME, LAST_NAME, ROLE, USER_ID,
                INVITER_ID, REDIRECT_URI, CREATED_AT, EXPIRES_AT, USE_LIMIT, USE_COUNT, DEVICE_HASH, DEVICE_BOUND_AT,
                REVOKED_AT, LOCKED_AT, REVOKED_BY, REVOKE_REASON, EMAIL_STATUS, LINK_GENERATION, EVENT_BOUND,
                LAST_USED_AT, VERSION)
            select md5('mi-bulk-' || g)::uuid::text,
                case when big then ? when spread < 60 then ? else 'bulk-realm-' || (spread % 4) end,
                case when big then ? when spread < 60 and g % 3 = 0 then ? else 'bulk-client-' || (g % 7) end,
                case when big then ? else 'bulk-media-' || (g % 9973) end,
                'bulk-' || g || '@bulk.example', 'Bulk', 'Bulk-' || g,
                case when g % 5 = 0 then 'editor' else 'viewer' end,
                md5('mi-bulk-user-' || g)::uuid::text,
                case when big then ? else md5('mi-bulk-inviter-' || (g % 500))::uuid::text end,
                'http://localhost:3000/media', created, created + ttl,
                case when st = 'active' or st = 'expired1' then 3 when st = 'unlimited' then -1 else 1 end,
                case when st in ('active', 'used_up', 'expired1') then 1 else 0 end,
                case when st in ('active', 'used_up', 'expired1') then md5('dev-' || g) end,
                case when st in ('active', 'used_up', 'expired1') then created + 60000 end,
                case when st = 'revoked' then created + 120000 end,
                case when st = 'locked' then created + 90000 end,
                case when st = 'revoked' then md5('mi-bulk-inviter-' || (g % 500))::uuid::text end,
                case when st = 'revoked' then 'revoked' end,
                'sent', 1, false,
                case when st in ('active', 'used_up', 'expired1') then created + 60000 end,
                case when st in ('active', 'used_up', 'expired1', 'revoked', 'locked') then 1 else 0 end
            from (
                select g, big, spread, created, ttl,
                    case when valid then
                        case when dice < 600 then 'pending' when dice < 750 then 'active'
                             when dice < 880 then 'used_up' when dice < 950 then 'revoked'
                             when dice < 980 then 'locked' else 'unlimited' end
                    else
                        case when dice < 550 then 'expired' when dice < 850 then 'used_up'
                             when dice < 950 then 'revoked' when dice < 960 then 'locked' else 'expired1' end
                    end as st
                from (
                    select g, big, spread, dice, created, ttl, created + ttl > ? as valid
                    from (
                        select g, g % 10 = 0 as big,
                            (hashint8(g::bigint * 3 + 1)::bigint & 2147483647) % 100 as spread,
                            (hashint8(g::bigint)::bigint & 2147483647) % 1000 as dice,
                            ?::bigint - (hashint8(-g::bigint)::bigint & 2147483647) % ?::bigint as created,
                            case when (hashint8(g::bigint * 7)::bigint & 2147483647) % 100 < 80
                                 then 86400000::bigint else 604800000::bigint end as ttl
                        from generate_series(?::int, ?::int) g
                    ) a
                ) b
            ) s
            """;

    private static final String SESSIONS = """
            insert into MI_INVITE_SESSION (USER_SESSION_ID, REALM_ID, CLIENT_ID, MEDIA_ID, INVITE_ID, EXPIRES_AT)
            select md5('mi-bulk-session-' || i.ID)::uuid::text, i.REALM_ID, i.CLIENT_ID, i.MEDIA_ID, i.ID, ?
            from MI_INVITE i
            where i.FIRST_NAME = 'Bulk' and i.USE_COUNT > 0 and i.LAST_USED_AT > ?
              and not exists (select 1 from MI_INVITE_SESSION x where x.INVITE_ID = i.ID)
            """;

    // ---------------------------------------------------------------------------------------------- measuring

    private Map<String, Stats> measure(int n, boolean record) {
        Map<String, Stats> stats = new LinkedHashMap<>();
        stats.put("issuance (POST invite, big entry)", new Stats());
        stats.put("landing GET (fresh link)", new Stats());
        stats.put("full redemption", new Stats());
        for (String status : STATUSES) {
            stats.put("list first page, " + (status.isEmpty() ? "no filter" : status), new Stats());
        }
        for (int round = 0; round < ROUNDS; round++) {
            int k = n / ROUNDS + (round < n % ROUNDS ? 1 : 0);
            List<String> forLanding = new ArrayList<>();
            List<String> forRedemption = new ArrayList<>();
            for (int i = 0; i < 2 * k; i++) {
                long t0 = System.nanoTime();
                String link = issue();
                long took = System.nanoTime() - t0;
                if (i < k) {
                    stats.get("issuance (POST invite, big entry)").add(took);
                }
                (i % 2 == 0 ? forLanding : forRedemption).add(link);
            }
            for (String link : forLanding) {
                long t0 = System.nanoTime();
                landing(new WebSession(shared), link);
                stats.get("landing GET (fresh link)").add(System.nanoTime() - t0);
            }
            for (String link : forRedemption) {
                long t0 = System.nanoTime();
                redeem(link);
                stats.get("full redemption").add(System.nanoTime() - t0);
            }
            for (String status : STATUSES) {
                Stats s = stats.get("list first page, " + (status.isEmpty() ? "no filter" : status));
                for (int i = 0; i < k; i++) {
                    long t0 = System.nanoTime();
                    list(status);
                    s.add(System.nanoTime() - t0);
                }
            }
        }
        return record ? stats : Map.of();
    }

    private void print(Connection c, int stored, Map<String, Stats> stats) throws Exception {
        long inEntry;
        try (PreparedStatement s = c.prepareStatement("select count(*) from MI_INVITE where MEDIA_ID = ?")) {
            s.setString(1, mediaId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                inEntry = rs.getLong(1);
            }
        }
        System.out.printf(Locale.ROOT, "at %,d bulk-loaded invites (big entry now %,d rows, with those issued through "
                + "the API), ms per request:%n", stored, inEntry);
        for (Map.Entry<String, Stats> e : stats.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-34s median %7.2f   p95 %7.2f   (n=%d)%s%n", e.getKey(), e.getValue().median(),
                    e.getValue().p95(), e.getValue().count(), e.getKey().startsWith("list") ? "   page: "
                    + listSize(e.getKey()) + " rows" : "");
        }
    }

    private int listSize(String key) {
        String status = key.endsWith("no filter") ? "" : key.substring(key.lastIndexOf(' ') + 1);
        return list(status).body().size();
    }

    /** The plans PostgreSQL runs for the first page of each list of the big entry (what the index does). */
    private void explainLists(Connection c) throws Exception {
        long now = System.currentTimeMillis();
        String entry = "REALM_ID = '" + realmId + "' and CLIENT_ID = '" + clientId + "' and MEDIA_ID = '" + mediaId + "'";
        String live = " and REVOKED_AT is null and LOCKED_AT is null and (USE_LIMIT < 0 or USE_COUNT < USE_LIMIT)";
        Map<String, String> where = new LinkedHashMap<>();
        where.put("no filter", "");
        where.put("pending", live + " and EXPIRES_AT > " + now + " and USE_COUNT = 0");
        where.put("active", live + " and EXPIRES_AT > " + now + " and USE_COUNT > 0");
        where.put("used_up", " and REVOKED_AT is null and LOCKED_AT is null and USE_LIMIT > 0 and USE_COUNT >= USE_LIMIT");
        where.put("expired", live + " and EXPIRES_AT <= " + now);
        where.put("revoked", " and REVOKED_AT is not null");
        where.put("locked", " and REVOKED_AT is null and LOCKED_AT is not null");
        System.out.println("plans of the first page (EXPLAIN ANALYZE, the big entry):");
        for (Map.Entry<String, String> w : where.entrySet()) {
            List<String> lines = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("explain (analyze, buffers) select * from MI_INVITE where " + entry
                            + w.getValue() + " order by CREATED_AT desc, ID offset 0 rows fetch first 20 rows only")) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            String scan = lines.stream().filter(l -> l.contains("Scan")).map(String::trim).findFirst().orElse("?");
            String filtered = lines.stream().filter(l -> l.contains("Rows Removed by Filter")).map(String::trim)
                    .findFirst().orElse("");
            String time = lines.stream().filter(l -> l.startsWith("Execution Time")).findFirst().orElse("");
            System.out.printf("  %-10s %s %s; %s%n", w.getKey(), scan.replaceAll("\\s*\\(cost=[^)]*\\)", ""),
                    filtered, time);
        }
    }

    private String issue() {
        Api.Reply r = api.post("/media/" + mediaId + "/invites", token.get(),
                Benchmarks.inviteBody("scale-" + seq.incrementAndGet() + "-" + mediaId + "@bench.example"));
        if (r.status() != 201) {
            throw new IllegalStateException("issue failed: " + r);
        }
        return r.text("link");
    }

    private Api.Reply list(String status) {
        Api.Reply r = api.get("/media/" + mediaId + "/invites" + (status.isEmpty() ? "" : "?status=" + status), token.get());
        if (r.status() != 200 || !r.body().isArray()) {
            throw new IllegalStateException("list failed: " + r);
        }
        return r;
    }

    private static WebSession.Page landing(WebSession browser, String link) {
        WebSession.Page landing = browser.get(link);
        if (landing.status() != 200 || !landing.body().contains("id=\"media-invite-form\"")) {
            throw new IllegalStateException("landing failed: " + landing);
        }
        return landing;
    }

    /** Landing GET, POST, code, token: the steps of {@link RedemptionBenchmark}'s redemption. */
    private void redeem(String link) {
        WebSession browser = new WebSession(shared);
        WebSession.Page landing = landing(browser, link);
        String action = landing.find("id=\"media-invite-form\" action=\"([^\"]+)\"");
        String nonce = landing.find("name=\"nonce\" value=\"([^\"]+)\"");
        WebSession.Page end = browser.follow(browser.postForm(action, Map.of("nonce", nonce)), APP_URL);
        Api.Reply reply = api.exchangeCode(URLDecoder.decode(RedemptionBenchmark.code(end), StandardCharsets.UTF_8), APP_URL);
        if (reply.status() != 200) {
            throw new IllegalStateException("token exchange failed: " + reply);
        }
    }

    /** Latencies of one operation. */
    private static final class Stats {
        private final List<Long> nanos = new ArrayList<>();

        void add(long n) {
            nanos.add(n);
        }

        int count() {
            return nanos.size();
        }

        double median() {
            return percentile(50);
        }

        double p95() {
            return percentile(95);
        }

        /** Nearest-rank percentile, in milliseconds. */
        private double percentile(int p) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }
}
