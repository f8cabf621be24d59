package io.ionflow.analyze.transport;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The three value arrays of a task's block ({@link RunFrames}: 12 bytes per atom-frame, hundreds of MB for a long
 * run), kept between the tasks of one JVM: a task takes the arrays a finished one gave back instead of allocating
 * new ones, which the JVM would zero and the operating system fault in again each time, at a cost that depends on
 * what the heap did before (measured in {@code docs/benchmarks.md}). At most one set per processor is kept, softly
 * referenced, so the garbage collector frees them when memory runs short. A set may be longer than a task needs;
 * the task writes every cell it reads (its block is used only when every atom has a row in every frame).
 */
final class BlockArrays {
    private BlockArrays() {}

    private static final int KEEP = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ArrayDeque<SoftReference<float[][]>> FREE = new ArrayDeque<>();

    /** Three arrays of at least {@code cells} floats, reused when a kept set is long enough. */
    static float[][] take(int cells) {
        synchronized (FREE) {
            for (Iterator<SoftReference<float[][]>> it = FREE.iterator(); it.hasNext(); ) {
                float[][] kept = it.next().get();
                if (kept == null) { // freed by the collector
                    it.remove();
                } else if (kept[0].length >= cells) {
                    it.remove();
                    return kept;
                }
            }
            FREE.clear(); // none fits: let the shorter sets go before allocating a longer one
        }
        return new float[][] {new float[cells], new float[cells], new float[cells]};
    }

    /** Gives a set back for later tasks (the caller no longer uses it). */
    static void give(float[][] arrays) {
        synchronized (FREE) {
            FREE.addFirst(new SoftReference<>(arrays));
            while (FREE.size() > KEEP) {
                FREE.removeLast();
            }
        }
    }
}
