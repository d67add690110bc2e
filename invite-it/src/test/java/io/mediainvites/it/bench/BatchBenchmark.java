package io.mediainvites.it.bench;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.DistributionServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * O9: 100 invites in one batch call against 100 single calls (one after the other, as one media app client
 * issues them) on the same server, in alternating rounds after a warm-up. Prints wall time and server CPU of
 * each and their ratio; the goal is a batch taking at most a third of the time of the single calls.
 */
final class BatchBenchmark {

    static final int SIZE = 100;
    private static final AtomicInteger SEQ = new AtomicInteger();

    private BatchBenchmark() {
    }

    static void run(DistributionServer server, Api api, String token, String mediaId, int rounds) {
        int warmup = Integer.getInteger("bench.batchWarmupRounds", 6);
        for (int i = 0; i < warmup; i++) { // warm-up of both paths (JIT), printed to see it settle
            long t0 = System.nanoTime();
            singles(api, token, mediaId);
            long t1 = System.nanoTime();
            batch(api, token, mediaId);
            long t2 = System.nanoTime();
            System.out.printf("  warm-up %d: %d single calls %d ms, one batch %d ms%n", i + 1, SIZE,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        }
        long singleNanos = 0;
        long batchNanos = 0;
        Duration singleCpu = Duration.ZERO;
        Duration batchCpu = Duration.ZERO;
        for (int r = 0; r < rounds; r++) {
            Duration cpu0 = cpu(server);
            long t0 = System.nanoTime();
            singles(api, token, mediaId);
            long t1 = System.nanoTime();
            Duration cpu1 = cpu(server);
            batch(api, token, mediaId);
            long t2 = System.nanoTime();
            Duration cpu2 = cpu(server);
            singleNanos += t1 - t0;
            batchNanos += t2 - t1;
            singleCpu = singleCpu.plus(cpu1.minus(cpu0));
            batchCpu = batchCpu.plus(cpu2.minus(cpu1));
        }
        double single = singleNanos / 1e6 / rounds;
        double batch = batchNanos / 1e6 / rounds;
        double singleCpuMs = singleCpu.toNanos() / 1e6 / rounds;
        double batchCpuMs = batchCpu.toNanos() / 1e6 / rounds;
        double ratio = batch / single;
        System.out.println();
        System.out.printf("Batch benchmark: %d invites, %d rounds, %s%n", SIZE, rounds, server.description());
        System.out.printf("  %d single calls: %.0f ms (server CPU %.0f ms)   one batch call: %.0f ms (server CPU %.0f ms; CPU without JIT compiler)%n",
                SIZE, single, singleCpuMs, batch, batchCpuMs);
        System.out.printf("  time ratio batch/single calls: %.2f   server CPU ratio: %.2f%n", ratio, batchCpuMs / singleCpuMs);
        System.out.printf("Goal: one batch of %d takes at most 1/3 of %d single calls -> %s%n", SIZE, SIZE,
                ratio <= 1.0 / 3 ? "met" : "NOT met");
    }

    /** The server's CPU time without its JIT compiler threads (a start-up cost, see the README). */
    private static Duration cpu(DistributionServer server) {
        return server.serverCpuTime().minus(server.serverCompilerCpuTime());
    }

    private static void singles(Api api, String token, String mediaId) {
        for (int i = 0; i < SIZE; i++) {
            Api.Reply r = api.post("/media/" + mediaId + "/invites", token, Benchmarks.inviteBody(email()));
            if (r.status() != 201) {
                throw new IllegalStateException("issue failed: " + r);
            }
        }
    }

    private static void batch(Api api, String token, String mediaId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            rows.add(Benchmarks.inviteBody(email()));
        }
        Api.Reply r = api.post("/media/" + mediaId + "/invites/batch", token, Map.of("invites", rows));
        if (r.status() != 200 || r.body().get("created").asInt() != SIZE) {
            throw new IllegalStateException("batch failed: " + r);
        }
    }

    private static String email() {
        return "batch-" + SEQ.incrementAndGet() + "-" + System.nanoTime() + "@bench.example";
    }
}
