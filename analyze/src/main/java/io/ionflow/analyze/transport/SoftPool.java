package io.ionflow.analyze.transport;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * Objects kept between the tasks of one JVM for reuse (large arrays a task would otherwise allocate anew, which the
 * JVM zeroes, the operating system faults in again, and the garbage collector copies while the task still holds
 * them): at most one per processor, softly referenced, so that the collector frees them when memory runs short.
 * Thread-safe.
 *
 * @param <T> what is kept
 */
final class SoftPool<T> {
    private static final int KEEP = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ArrayDeque<SoftReference<T>> free = new ArrayDeque<>();

    /**
     * A kept object that {@code fits}, removed from the pool; or null, after letting the kept ones that do not fit
     * go (the caller makes a new one).
     */
    T take(Predicate<T> fits) {
        synchronized (free) {
            for (Iterator<SoftReference<T>> it = free.iterator(); it.hasNext(); ) {
                T kept = it.next().get();
                if (kept == null) { // freed by the collector
                    it.remove();
                } else if (fits.test(kept)) {
                    it.remove();
                    return kept;
                }
            }
            free.clear();
            return null;
        }
    }

    /** Gives an object back for later tasks (the caller no longer uses it). */
    void give(T kept) {
        synchronized (free) {
            free.addFirst(new SoftReference<>(kept));
            while (free.size() > KEEP) {
                free.removeLast();
            }
        }
    }
}
