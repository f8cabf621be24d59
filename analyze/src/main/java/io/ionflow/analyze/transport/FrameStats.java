package io.ionflow.analyze.transport;

import java.util.Arrays;

/**
 * Per-frame statistics of one run, gathered by a task as it reads every row ({@link RunFrames}) and checked by
 * {@link FrameChecks}. All sums are integers, so they do not depend on the order of the rows. The framework's
 * coordinate sums are exact: each float v is split as v = h/2⁸ + l/2⁴⁰ (h, l integers) and h, l are
 * summed as 64-bit integers.
 */
final class FrameStats {
    static final double HI_SCALE = 256.0;
    static final double LO_SCALE = 1099511627776.0; // 2^40

    long[] rows;
    long[] bad;
    /** Smallest atom id of an invalid row per frame (Integer.MIN_VALUE: a null atom; MAX_VALUE: none). */
    int[] badAtom;
    double[] tmin;
    double[] tmax;
    /** Rows whose three velocity components are all null. */
    long[] vnull;
    /** Reference atoms per frame (the species of the drift reference). */
    long[] nfw;
    /**
     * hi/lo sums of the three components over each reference species' atoms:
     * [6·species + (x hi, x lo, y hi, y lo, z hi, z lo)][frame] (zeros for species outside the reference).
     */
    long[][] sums;
    /** Rows with a null frame or a frame outside 0..T−1, and one example. */
    long outOfRange;
    Integer exampleFrame;

    /**
     * @param n frames
     * @param nSpecies species of the run
     */
    FrameStats(int n, int nSpecies) {
        rows = new long[n];
        bad = new long[n];
        badAtom = new int[n];
        Arrays.fill(badAtom, Integer.MAX_VALUE);
        tmin = new double[n];
        tmax = new double[n];
        Arrays.fill(tmin, Double.POSITIVE_INFINITY);
        Arrays.fill(tmax, Double.NEGATIVE_INFINITY);
        vnull = new long[n];
        nfw = new long[n];
        sums = new long[6 * nSpecies][n];
    }

    static long hi(double v) {
        return (long) Math.floor(v * HI_SCALE);
    }

    static long lo(double v, long hi) {
        return (long) Math.floor((v - hi / HI_SCALE) * LO_SCALE);
    }

    /**
     * Adds v's exact integer parts to the sums of frame f: hi = floor(v·2⁸) to {@code his[f]} and
     * lo = floor(v·2⁴⁰) − hi·2³² to {@code los[f]}, from q = floor(v·2⁴⁰) (exact for a float: no rounding) as
     * q &gt;&gt; 32 and q &amp; (2³² − 1) when |v| &lt; 2²³ Å ({@link #fixedPoint}), else with {@link #hi} and
     * {@link #lo} (exact there too).
     * Summed over atoms these give the framework's coordinate sum to 2⁻⁴⁰ Å whatever the order of the rows.
     */
    static void addExact(long[] his, long[] los, int f, float v) {
        long q = fixedPoint(v);
        if (q != Long.MIN_VALUE) {
            his[f] += q >> 32;
            los[f] += q & 0xFFFFFFFFL;
        } else {
            long h = hi(v);
            his[f] += h;
            los[f] += lo(v, h);
        }
    }

    /** As {@link #addExact(long[], long[], int, float)}, into {@code sums[k]} (hi) and {@code sums[k + 1]} (lo). */
    static void addExact(long[] sums, int k, float v) {
        long q = fixedPoint(v);
        if (q != Long.MIN_VALUE) {
            sums[k] += q >> 32;
            sums[k + 1] += q & 0xFFFFFFFFL;
        } else {
            long h = hi(v);
            sums[k] += h;
            sums[k + 1] += lo(v, h);
        }
    }

    /**
     * As {@link #addExact(long[], int, float)} for rows [from, to) of the three components {@code xyz}, into
     * {@code sums[k..k + 5]} (x hi, x lo, y hi, y lo, z hi, z lo), summed in locals first.
     */
    static void addExactRange(long[] sums, int k, float[][] xyz, int from, int to) {
        for (int c = 0; c < 3; c++) {
            float[] x = xyz[c];
            long his = 0;
            long los = 0;
            for (int r = from; r < to; r++) {
                long q = fixedPoint(x[r]);
                if (q == Long.MIN_VALUE) {
                    addExact(sums, k + 2 * c, x[r]);
                } else {
                    his += q >> 32;
                    los += q & 0xFFFFFFFFL;
                }
            }
            sums[k + 2 * c] += his;
            sums[k + 2 * c + 1] += los;
        }
    }

    /**
     * floor(v·2⁴⁰) for a float with |v| &lt; 2²³ from its bits alone, integer arithmetic only (3× faster than through
     * a double): v = ±m·2^(e − 150) with m the 24-bit significand (e ≥ 1; a subnormal counts as e = 1), so
     * floor(v·2⁴⁰) = (±m·2³⁹) &gt;&gt; (149 − e), an arithmetic shift being the floor; shifts past 63 give 0 or −1 as the
     * floor does. {@link Long#MIN_VALUE} (never a result here) for |v| ≥ 2²³, NaN and infinities.
     */
    static long fixedPoint(float v) {
        int bits = Float.floatToRawIntBits(v);
        int e = (bits >>> 23) & 0xFF;
        if (e > 149) {
            return Long.MIN_VALUE;
        }
        long m = (bits & 0x7FFFFF) | (e == 0 ? 0 : 0x800000);
        long sign = bits >> 31;
        return (((m ^ sign) - sign) << 39) >> Math.min(149 - Math.max(e, 1), 63);
    }
}
