package io.ionflow.simulate;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

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
     * (see {@link Loop}), so a thread slowed by other load takes fewer.
     */
    public void forRange(int n, RangeBody body) {
        if (pool == null || n < 64) {
            body.run(0, n);
            return;
        }
        submitAll(n, Math.max(1, Math.min(n / 16, threads * 16)), body);
    }

    /**
     * Runs chunks [0, chunks) of [0, n) on the calling thread and the pool (see {@link Loop}); returns when every
     * chunk is done, rethrowing the first failure of any chunk.
     */
    private void submitAll(int n, int chunks, RangeBody body) {
        Loop loop = new Loop(n, chunks, Math.min(threads, chunks), body);
        for (int w = 1; w < loop.workers(); w++) {
            int first = w;
            pool.execute(() -> loop.work(first));
        }
        loop.work(0);
        loop.awaitDone();
    }

    /**
     * One parallel loop. Worker w (the calling thread is worker 0, so a loop costs one hand-off fewer) first takes
     * the chunks of its own contiguous span in increasing order, then chunks from the other spans: a thread slowed
     * by other load does fewer, and while all run, neighbouring chunks (which write neighbouring memory, e.g. the
     * per-pair force slots of a pair loop) stay on one thread. The caller waits for the chunks, not for the pool
     * threads: a pool thread that starts only after all chunks are taken (descheduled, or still busy) finds nothing
     * left and returns, and nobody waits for it.
     */
    private static final class Loop {
        private static final int SPINS = 500; // ≈ 10–20 µs of PAUSE before parking
        private final int n;
        private final int chunks;
        private final RangeBody body;
        private final AtomicInteger[] next;
        private final int[] spanEnd;
        private final AtomicInteger done = new AtomicInteger();
        private final Thread caller = Thread.currentThread();
        private volatile Throwable failure;

        Loop(int n, int chunks, int workers, RangeBody body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
            next = new AtomicInteger[workers];
            spanEnd = new int[workers];
            for (int w = 0; w < workers; w++) {
                next[w] = new AtomicInteger((int) ((long) chunks * w / workers));
                spanEnd[w] = (int) ((long) chunks * (w + 1) / workers);
            }
        }

        int workers() { return next.length; }

        /** Worker {@code first}'s loop: its own span, then the spans after it, cyclically. */
        void work(int first) {
            int workers = next.length;
            for (int k = 0; k < workers; k++) {
                int w = (first + k) % workers;
                for (int c; (c = next[w].getAndIncrement()) < spanEnd[w]; ) {
                    try {
                        if (failure == null) body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                    } catch (Throwable t) {
                        synchronized (this) {
                            if (failure == null) failure = t; // later chunks are skipped, but still counted
                        }
                    } finally {
                        if (done.incrementAndGet() == chunks) LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** Spins briefly, then parks until every chunk is done; rethrows the first failure. */
        void awaitDone() {
            for (int spins = 0; done.get() < chunks; spins++) {
                if (spins < SPINS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            Throwable t = failure;
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error err) throw err;
            if (t != null) throw new IllegalStateException(t);
            if (Thread.currentThread().isInterrupted()) throw new IllegalStateException("interrupted");
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
