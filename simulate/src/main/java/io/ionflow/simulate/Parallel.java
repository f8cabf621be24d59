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
            this.pool = Executors.newFixedThreadPool(threads, r -> {
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
     * all are done. The threads take chunks in turn as they finish, so a thread slowed by other load takes fewer.
     */
    public void forRange(int n, RangeBody body) {
        if (pool == null || n < 64) {
            body.run(0, n);
            return;
        }
        submitAll(n, Math.max(1, Math.min(n / 16, threads * 16)), body);
    }

    private void submitAll(int n, int chunks, RangeBody body) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            }
        };
        int workers = Math.min(threads, chunks);
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) futures.add(pool.submit(worker));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
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
