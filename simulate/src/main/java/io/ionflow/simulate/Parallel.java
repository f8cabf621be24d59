package io.ionflow.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of worker threads for per-atom loops. Work is split into contiguous atom ranges;
 * every kernel that uses it writes only to the entries of its own atoms, so results do not depend on
 * the thread count (bit for bit), only the wall time does.
 */
public final class Parallel implements AutoCloseable {

    /** Body of a parallel loop over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    private final int threads;
    private final ExecutorService pool;

    public Parallel(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            int id = POOL_IDS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads - 1, r -> { // the calling thread is the other worker
                Thread t = new Thread(r, "ionflow-md-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** A single-threaded instance (no pool), for tests and small jobs. */
    public static Parallel serial() { return new Parallel(1); }

    public int threads() { return threads; }

    /**
     * Runs body over [0, n) split into contiguous chunks (about 16 per thread, at least 16 items each); returns when
     * all are done. Each thread works through its own contiguous share of the chunks and then helps with the others'
     * (see {@link #submitAll}), so a thread slowed by other load takes fewer.
     */
    public void forRange(int n, RangeBody body) {
        if (pool == null || n < 64) {
            body.run(0, n);
            return;
        }
        submitAll(n, Math.max(1, Math.min(n / 16, threads * 16)), body);
    }

    /**
     * Runs chunks [0, chunks) of [0, n). Worker w (the calling thread is worker 0, so a loop costs one hand-off
     * fewer) first takes the chunks of its own contiguous span in increasing order, then takes chunks from the
     * other spans: a thread slowed by other load does fewer, and while all run, neighbouring chunks (which
     * write neighbouring memory, e.g. the per-pair force slots of a pair loop) stay on one thread.
     */
    private void submitAll(int n, int chunks, RangeBody body) {
        int workers = Math.min(threads, chunks);
        AtomicInteger[] next = new AtomicInteger[workers];
        int[] spanEnd = new int[workers];
        for (int w = 0; w < workers; w++) {
            next[w] = new AtomicInteger((int) ((long) chunks * w / workers));
            spanEnd[w] = (int) ((long) chunks * (w + 1) / workers);
        }
        List<Future<?>> futures = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            int first = w;
            futures.add(pool.submit(() -> runSpans(first, next, spanEnd, n, chunks, body)));
        }
        Throwable failure = null;
        try {
            runSpans(0, next, spanEnd, n, chunks, body);
        } catch (RuntimeException | Error e) {
            for (int w = 0; w < workers; w++) next[w].set(spanEnd[w]); // the others stop after their current chunk
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause();
            }
        }
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new IllegalStateException(failure);
    }

    /** One worker's loop: its own span first, then the spans of the workers after it, cyclically. */
    private static void runSpans(int first, AtomicInteger[] next, int[] spanEnd, int n, int chunks, RangeBody body) {
        int workers = next.length;
        for (int k = 0; k < workers; k++) {
            int w = (first + k) % workers;
            for (int c; (c = next[w].getAndIncrement()) < spanEnd[w]; ) {
                body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            }
        }
    }

    /**
     * Runs body over [0, n) one item at a time, however small n is (for loops over a few expensive items, e.g.
     * chunks of atoms), the threads taking items in turn; returns when all are done.
     */
    public void forTasks(int n, RangeBody body) {
        if (pool == null || n < 2) {
            body.run(0, n);
            return;
        }
        submitAll(n, n, body);
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
