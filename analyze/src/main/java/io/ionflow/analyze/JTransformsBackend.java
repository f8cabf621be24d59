package io.ionflow.analyze;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The default FFT backend: JTransforms' {@code realForward} / {@code realInverse} (BSD licence,
 * pure Java), plans cached per thread. Lengths: the shortest of the next power of two, the next
 * 5·2^k and, from 204 800 points on, the next 25·2^k ({@link #size}); a 5^e·2^k forward transform runs
 * as e radix-5 steps over power-of-two JTransforms transforms ({@link Radix5RealFft}), since
 * JTransforms' own mixed-radix path is no faster than its power-of-two path at the (≈ 1.6× longer)
 * next power of two.
 */
final class JTransformsBackend implements FftBackend {
    static final JTransformsBackend INSTANCE = new JTransformsBackend();

    private JTransformsBackend() {}

    @Override
    public String name() {
        return "jtransforms";
    }

    /** Below this length the power of two is kept (the radix-5 step does not pay off for tiny transforms). */
    static final int MIN_RADIX5 = 2560;

    /**
     * From this length on, 25·2^k (two nested radix-5 steps) is used where it is the shortest: at 204 800 (T = 1e5,
     * all lags) it beat 262 144 in 11 of 14 alternating kernel runs (median ≈ +10 %: the 2 MB power-of-two transform
     * no longer fits the L2 cache, the five 40 960-point sub-transforms do); at 102 400 against 131 072 it did not.
     */
    static final int MIN_NESTED_RADIX5 = 204_800;

    /** {@code -Dionflow.fft.radix5=false} keeps JTransforms at powers of two (for A/B benchmarks). */
    private static final boolean RADIX5 = Boolean.parseBoolean(System.getProperty("ionflow.fft.radix5", "true"));

    @Override
    public int size(int min) {
        return size(min, RADIX5);
    }

    /**
     * The transform length for at least {@code min} points: the shortest of the next power of two, the
     * next 5·2^k (only if ≥ {@link #MIN_RADIX5}) and the next 25·2^k (only if ≥ {@link #MIN_NESTED_RADIX5});
     * the power of two alone unless {@code radix5}.
     */
    static int size(int min, boolean radix5) {
        int p = FftPlans.size(min);
        if (!radix5) {
            return p;
        }
        int f = 5 * FftPlans.size((min + 4) / 5);
        int best = f < p && f >= MIN_RADIX5 ? f : p;
        int f25 = 25 * FftPlans.size((min + 24) / 25);
        return f25 < best && f25 >= MIN_NESTED_RADIX5 ? f25 : best;
    }

    @Override
    public RealFft create(int n) {
        return new Transform(n, Integer.bitCount(n) == 1 ? null : new Radix5RealFft(n));
    }

    private static final class Transform implements RealFft {
        private final int n;
        /** Forward transform for n = 5·2^k, null for a power of two. */
        private final Radix5RealFft radix5;
        /** JTransforms plan for a power of two, null for 5·2^k. */
        private final DoubleFFT_1D fft;
        private double[] inverse;

        /** The inverse transform's work array, zeroed (reused: an MSD block inverts once per group and component). */
        private double[] inverseWork() {
            if (inverse == null) {
                inverse = new double[n];
            } else {
                Arrays.fill(inverse, 0.0);
            }
            return inverse;
        }

        Transform(int n, Radix5RealFft radix5) {
            this.n = n;
            this.radix5 = radix5;
            this.fft = radix5 == null ? FftPlans.plan(n) : null;
        }

        @Override
        public int length() {
            return n;
        }

        @Override
        public void addPower(double[] a, int len, double[] power, double weight) {
            if (radix5 != null) {
                radix5.addPower(a, len, power, weight);
                return;
            }
            Arrays.fill(a, len, n, 0.0);
            fft.realForward(a); // in place, packed: a[0] = X_0, a[1] = X_{n/2}, then re/im pairs
            power[0] += weight * a[0] * a[0];
            power[n / 2] += weight * a[1] * a[1];
            for (int k = 1, h = n / 2; k < h; k++) {
                double re = a[2 * k];
                double im = a[2 * k + 1];
                power[k] += weight * (re * re + im * im);
            }
        }

        @Override
        public void inversePower(double[] power, double[] r) {
            double[] a = inverseWork();
            a[0] = power[0];
            a[1] = power[n / 2];
            for (int k = 1, h = n / 2; k < h; k++) {
                a[2 * k] = power[k];
            }
            // once per result: JTransforms' own (mixed-radix) path also for 5·2^k
            (fft != null ? fft : FftPlans.plan(n)).realInverse(a, true);
            System.arraycopy(a, 0, r, 0, r.length);
        }
    }
}
