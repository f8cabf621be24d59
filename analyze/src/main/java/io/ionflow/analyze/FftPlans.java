package io.ionflow.analyze;

import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Per-thread cache of JTransforms plans, so that a length's twiddle tables are built once per
 * thread and reused for every atom. JTransforms itself may split one large transform over
 * several threads (see {@link FftThreads}); the kernels leave that JVM-wide setting alone — a
 * caller that already runs one task per core (Spark) should set it to 1 once at start-up.
 */
final class FftPlans {
    private FftPlans() {}

    private static final ThreadLocal<Map<Integer, DoubleFFT_1D>> PLANS =
            ThreadLocal.withInitial(HashMap::new);

    /** The (cached) plan for a real transform of length {@code n}. */
    static DoubleFFT_1D plan(int n) {
        return PLANS.get().computeIfAbsent(n, k -> new DoubleFFT_1D(k));
    }

    /**
     * Smallest transform length ≥ {@code min} that is a power of two. Powers of two take
     * JTransforms' split-radix path at ≈ 6–7 ns per point; its mixed-radix (2·3·5) path measured
     * ≈ 9–11 ns per point here (n ≈ 2·10⁴–2·10⁵, see docs/benchmarks.md), so the power of two is as
     * fast or faster unless a smooth length is ≲ 0.6× as long — a gain of a few per cent at best.
     *
     * @param min minimal length (≥ 1)
     * @return the transform length (≥ 2)
     */
    static int size(int min) {
        if (min < 1) {
            throw new IllegalArgumentException("FFT length must be positive, got " + min);
        }
        int n = Integer.highestOneBit(Math.max(2, min));
        return n < min ? n << 1 : n;
    }
}
