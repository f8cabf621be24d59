package io.ionflow.analyze;

/**
 * A real-input FFT library as the correlation kernels ({@link Correlator}: MSD, VACF) need it:
 * the power spectrum of a zero-padded real series, summed over series, and the inverse transform
 * of such a summed power spectrum. Implementations: {@link JTransformsBackend} (default, always
 * present) and {@code FftwBackend} (optional, GPL FFTW through JavaCPP, loaded only if present);
 * {@link FftBackends} selects one.
 */
interface FftBackend {

    /** @return short name for logs and benchmarks, e.g. {@code "jtransforms"} or {@code "fftw 3.3.10"} */
    String name();

    /**
     * The transform length this backend uses for series that need at least {@code min} points
     * (for the correlation: nFrames + maxLag). Even, ≥ max(2, min); the same for the same
     * {@code min} within one JVM.
     *
     * @param min minimal length (≥ 1)
     * @return the transform length
     */
    int size(int min);

    /**
     * New transform state for length {@code n} (a value returned by {@link #size}). Plans may be
     * shared; the returned object's buffers are its own, so it is as thread-safe as its owner
     * (one accumulator, one thread at a time).
     *
     * @param n transform length
     * @return the transform
     */
    RealFft create(int n);

    /** Transforms of one length n; not thread-safe. Compact power spectra have n/2 + 1 entries. */
    interface RealFft {
        /** @return the transform length n */
        int length();

        /**
         * Adds {@code weight·|X_k|²}, k = 0..n/2, to {@code power}, where X is the DFT of
         * {@code work[0..len)} followed by zeros up to n.
         *
         * @param work   the series in {@code [0, len)}; an array of length ≥ n, whose contents
         *               are unspecified afterwards (the transform may work in place)
         * @param len    points of the series (≤ n)
         * @param power  compact power spectrum to add to, length n/2 + 1
         * @param weight factor applied to |X_k|²
         */
        void addPower(double[] work, int len, double[] power, double weight);

        /**
         * Inverse transform of a compact power spectrum:
         * {@code r[m] = (1/n) Σ_{k=0}^{n-1} P_k e^{2πikm/n}} (P extended evenly), m = 0..r.length−1.
         *
         * @param power compact power spectrum, length n/2 + 1 (not modified)
         * @param r     output, length ≤ n
         */
        void inversePower(double[] power, double[] r);
    }
}
