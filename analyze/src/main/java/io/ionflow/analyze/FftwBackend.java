package io.ionflow.analyze;

import static org.bytedeco.fftw.global.fftw3.FFTW_ESTIMATE;
import static org.bytedeco.fftw.global.fftw3.FFTW_PRESERVE_INPUT;
import static org.bytedeco.fftw.global.fftw3.fftw_execute_dft_c2r;
import static org.bytedeco.fftw.global.fftw3.fftw_execute_dft_r2c;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_c2r_1d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_r2c_1d;
import static org.bytedeco.fftw.global.fftw3.fftw_version;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.fftw.global.fftw3;
import org.bytedeco.fftw.global.fftw3.fftw_plan;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;

/**
 * Optional FFT backend: FFTW 3 (GPL-2.0+) through Bytedeco's JavaCPP presets. IonFlow does not ship
 * it; this class is loaded (reflectively, by {@link FftBackends}) only when the user put
 * {@code org.bytedeco:fftw}, {@code org.bytedeco:javacpp} and their platform jars on the class
 * path, and only used if the native library loads and passes a smoke test.
 *
 * <p>Plans: one r2c and one c2r plan per length per JVM, made with {@code FFTW_ESTIMATE} under a
 * global lock (FFTW's planner is not thread-safe) and shared by all threads, which execute them
 * with the new-array functions ({@code fftw_execute_dft_r2c}, thread-safe) on buffers of their
 * own, 64-byte aligned like the planning buffers. {@code FFTW_MEASURE} costs 0.6–2.4 s per plan here
 * and was not consistently faster than {@code FFTW_ESTIMATE} at the length chosen below
 * (docs/benchmarks.md); {@code FFTW_ESTIMATE} also gives the same plan, hence the same bits, on
 * every run for a given length.
 *
 * <p>Lengths: see {@link #lengthFor}: fixed, so results do not depend on the JVM that ran them.
 */
final class FftwBackend implements FftBackend {
    /** FFTW's planner (plan creation and destruction) is not thread-safe; plan execution is. */
    private static final Object PLANNER = new Object();
    /** Byte alignment of every buffer given to FFTW (plans are used on other arrays than they were made on). */
    private static final int ALIGN = 64;
    /** Largest odd factor of a chosen FFT length (see {@link #lengthFor}). */
    static final int MAX_ODD_PART = 27;

    private final String name;
    private final ConcurrentHashMap<Integer, Plans> plans = new ConcurrentHashMap<>();

    private FftwBackend(String name) {
        this.name = name;
    }

    /**
     * Loads the native FFTW library and checks one small transform.
     *
     * @return the backend
     * @throws Throwable (typically {@link UnsatisfiedLinkError} or {@link NoClassDefFoundError}) if
     *                   FFTW cannot be used; the caller falls back to JTransforms
     */
    static FftwBackend load() throws Throwable {
        Loader.load(fftw3.class);
        FftwBackend b = new FftwBackend(fftw_version().getString());
        // smoke test: autocorrelation of (1, 2, 3) is (14, 8, 3)
        RealFft t = b.create(8);
        double[] p = new double[5];
        t.addPower(new double[] {1, 2, 3, 0, 0, 0, 0, 0}, 3, p, 1.0);
        double[] r = new double[3];
        t.inversePower(p, r);
        if (Math.abs(r[0] - 14) > 1e-12 || Math.abs(r[1] - 8) > 1e-12 || Math.abs(r[2] - 3) > 1e-12) {
            throw new IllegalStateException("FFTW smoke test failed: autocorrelation of (1,2,3) gave "
                    + java.util.Arrays.toString(r));
        }
        return b;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size(int min) {
        if (min < 1) {
            throw new IllegalArgumentException("FFT length must be positive, got " + min);
        }
        return lengthFor(min);
    }

    @Override
    public RealFft create(int n) {
        if (n < 2 || (n & 1) != 0) {
            throw new IllegalArgumentException("FFTW backend needs an even length ≥ 2, got " + n);
        }
        return new Transform(n, plans.computeIfAbsent(n, Plans::new));
    }

    /**
     * The FFT length used for a minimum length: the smallest even n ≥ min of the form 2^a·m with m
     * odd, 5-smooth and at most {@value #MAX_ODD_PART} (20 480 = 2¹²·5 for min 19 999, 204 800 = 2¹³·25
     * for min 199 999). A fixed rule, not a timing, so every JVM and executor picks the same length and
     * re-runs give the same bits. Long power-of-two runs with one small odd factor were the fastest
     * lengths FFTW's {@code FFTW_ESTIMATE} plans gave in timings here (docs/benchmarks.md); a large
     * odd part (20 000 = 2⁵·5⁴) ran ≈ 2× slower.
     */
    static int lengthFor(int min) {
        long lo = Math.max(2, min);
        long best = Long.MAX_VALUE;
        for (int m = 1; m <= MAX_ODD_PART; m += 2) {
            if (!smooth5(m)) {
                continue;
            }
            long n = 2L * m;
            while (n < lo) {
                n <<= 1;
            }
            best = Math.min(best, n);
        }
        if (best > Integer.MAX_VALUE - 2) {
            throw new IllegalArgumentException("FFT length for " + min + " points exceeds the largest Java array");
        }
        return (int) best;
    }

    private static boolean smooth5(long n) {
        for (int p : new int[] {2, 3, 5}) {
            while (n % p == 0) {
                n /= p;
            }
        }
        return n == 1;
    }

    /** A native-order direct buffer of {@code len} doubles starting at a 64-byte boundary. */
    private static DoubleBuffer aligned(int len) {
        int bytes = (8 * len + ALIGN - 1) / ALIGN * ALIGN; // alignedSlice also rounds the end down
        return ByteBuffer.allocateDirect(bytes + ALIGN).alignedSlice(ALIGN).order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
    }

    /** The shared r2c and c2r plans of one length (never destroyed: one pair per length per JVM). */
    private static final class Plans {
        final fftw_plan r2c;
        final fftw_plan c2r;

        Plans(int n) {
            DoublePointer real = new DoublePointer(aligned(n));
            DoublePointer complex = new DoublePointer(aligned(n + 2));
            synchronized (PLANNER) {
                // FFTW_ESTIMATE does not touch the arrays; executions pass their own (equally aligned) ones
                r2c = fftw_plan_dft_r2c_1d(n, real, complex, FFTW_ESTIMATE | FFTW_PRESERVE_INPUT);
                c2r = fftw_plan_dft_c2r_1d(n, complex, real, FFTW_ESTIMATE);
            }
            if (r2c == null || r2c.isNull() || c2r == null || c2r.isNull()) {
                throw new IllegalStateException("FFTW could not plan a real transform of length " + n);
            }
        }
    }

    /** One accumulator's transform: its own native input/output buffers, the shared plans. */
    private static final class Transform implements RealFft {
        private final int n;
        private final Plans plans;
        private final DoubleBuffer in;
        private final DoubleBuffer out;
        private final DoublePointer inP;
        private final DoublePointer outP;
        /** Interleaved re/im copy of the r2c output, n + 2 doubles. */
        private final double[] spec;
        /** Entries of {@link #in} at and beyond this index are zero. */
        private int dirty;

        Transform(int n, Plans plans) {
            this.n = n;
            this.plans = plans;
            this.in = aligned(n);
            this.out = aligned(n + 2);
            this.inP = new DoublePointer(in);
            this.outP = new DoublePointer(out);
            this.spec = new double[n + 2];
        }

        @Override
        public int length() {
            return n;
        }

        @Override
        public void addPower(double[] work, int len, double[] power, double weight) {
            in.put(0, work, 0, len);
            for (int i = len; i < dirty; i++) {
                in.put(i, 0.0);
            }
            dirty = len;
            fftw_execute_dft_r2c(plans.r2c, inP, outP);
            double[] s = spec;
            out.get(0, s, 0, n + 2);
            for (int k = 0, h = n / 2; k <= h; k++) {
                double re = s[2 * k];
                double im = s[2 * k + 1];
                power[k] += weight * (re * re + im * im);
            }
        }

        @Override
        public void inversePower(double[] power, double[] r) {
            // c2r from the output buffer into the input buffer (which then needs re-zeroing)
            for (int k = 0, h = n / 2; k <= h; k++) {
                out.put(2 * k, power[k]);
                out.put(2 * k + 1, 0.0);
            }
            fftw_execute_dft_c2r(plans.c2r, outP, inP);
            dirty = n;
            double scale = 1.0 / n;
            for (int m = 0; m < r.length; m++) {
                r[m] = in.get(m) * scale;
            }
        }
    }
}
