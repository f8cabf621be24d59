package io.ionflow.analyze.transport;

/**
 * The three value arrays of a task's block ({@link RunFrames}: 12 bytes per atom-frame, hundreds of MB for a long
 * run), kept between the tasks of one JVM ({@link SoftPool}): a task takes the arrays a finished one gave back
 * instead of allocating new ones, which the JVM would zero and the operating system fault in again each time, at a
 * cost that depends on what the heap did before (measured in {@code docs/benchmarks.md}). A set may be longer than a
 * task needs; the task writes every cell it reads (its block is used only when every atom has a row in every frame).
 */
final class BlockArrays {
    private BlockArrays() {}

    private static final SoftPool<float[][]> FREE = new SoftPool<>();

    /** Three arrays of at least {@code cells} floats, reused when a kept set is long enough. */
    static float[][] take(int cells) {
        float[][] kept = FREE.take(a -> a[0].length >= cells);
        return kept != null ? kept : new float[][] {new float[cells], new float[cells], new float[cells]};
    }

    /** Gives a set back for later tasks (the caller no longer uses it). */
    static void give(float[][] arrays) {
        FREE.give(arrays);
    }
}
