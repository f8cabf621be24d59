package io.ionflow.analyze;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * JTransforms splits a single large transform over several threads by default (a JVM-wide
 * setting). A caller that already runs one kernel per core — a Spark executor, the benchmark —
 * should pin it to one thread once at start-up to avoid oversubscription.
 */
public final class FftThreads {
    private FftThreads() {}

    /** @param threads threads JTransforms may use for one transform (≥ 1), JVM-wide */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        ConcurrencyUtils.setNumberOfThreads(threads);
    }

    /** @return threads JTransforms currently uses for one transform */
    public static int get() {
        return ConcurrencyUtils.getNumberOfThreads();
    }
}
