package io.ionflow.analyze;

import static org.bytedeco.fftw.global.fftw3.FFTW_ESTIMATE;
import static org.bytedeco.fftw.global.fftw3.FFTW_PRESERVE_INPUT;
import static org.bytedeco.fftw.global.fftw3.fftw_destroy_plan;
import static org.bytedeco.fftw.global.fftw3.fftw_execute_dft_c2r;
import static org.bytedeco.fftw.global.fftw3.fftw_execute_dft_r2c;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_c2r_1d;
import static org.bytedeco.fftw.global.fftw3.fftw_plan_dft_r2c_1d;
import static org.bytedeco.fftw.global.fftw3.fftw_version;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Lengths: FFTW is fast on any 2^a·3^b·5^c, but which one is fastest near a given minimum
 * depends on the factors and the cache (e.g. n = 20 480 = 2¹²·5 ran ≈ 2× faster than
 * 20 000 = 2⁵·5⁴ or 32 768 = 2¹⁵ here). So {@link #size} times the 5-smooth even lengths in
 * [min, 1.3·min] (and the next power of two) once per JVM and minimum and keeps the fastest.
 */
final class FftwBackend implements FftBackend {
    /** FFTW's planner (plan creation and destruction) is not thread-safe; plan execution is. */
    private static final Object PLANNER = new Object();
    /** Byte alignment of every buffer given to FFTW (plans are used on other arrays than they were made on). */
    private static final int ALIGN = 64;
    /** Below this minimum the smallest 5-smooth length is taken without timing. */
    private static final int TIME_FROM = 2048;
    private static final double SPAN = 1.3;
    private static final int MAX_CANDIDATES = 24;

    private final String name;
    private final ConcurrentHashMap<Integer, Integer> sizes = new ConcurrentHashMap<>();
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
        return sizes.computeIfAbsent(min, FftwBackend::fastestLength);
    }

    @Override
    public RealFft create(int n) {
        if (n < 2 || (n & 1) != 0) {
            throw new IllegalArgumentException("FFTW backend needs an even length ≥ 2, got " + n);
        }
        return new Transform(n, plans.computeIfAbsent(n, Plans::new));
    }

    /** 5-smooth even lengths in [max(2, min), SPAN·min], plus the next power of two, ascending. */
    static List<Integer> candidates(int min) {
        int lo = Math.max(2, min);
        long hi = Math.max(lo, (long) Math.ceil(SPAN * lo));
        int pow2 = FftPlans.size(lo);
        List<Integer> c = new ArrayList<>();
        for (long n = lo + (lo & 1); n <= hi && c.size() < MAX_CANDIDATES; n += 2) {
            if (smooth5(n)) {
                c.add((int) n);
            }
        }
        if (!c.contains(pow2)) {
            c.add(pow2);
            c.sort(null);
        }
        return c;
    }

    private static boolean smooth5(long n) {
        for (int p : new int[] {2, 3, 5}) {
            while (n % p == 0) {
                n /= p;
            }
        }
        return n == 1;
    }

    /** Times one r2c transform of each candidate length (best of 3 interleaved rounds) and returns the fastest. */
    private static int fastestLength(int min) {
        List<Integer> cand = candidates(min);
        if (cand.size() == 1 || min < TIME_FROM) {
            return cand.get(0);
        }
        int nMax = cand.get(cand.size() - 1);
        DoubleBuffer in = aligned(nMax);
        DoubleBuffer out = aligned(nMax + 2);
        for (int i = 0; i < nMax; i++) {
            in.put(i, Math.sin(0.1 * i) + 1e-3 * i);
        }
        DoublePointer pin = new DoublePointer(in);
        DoublePointer pout = new DoublePointer(out);
        fftw_plan[] p = new fftw_plan[cand.size()];
        double[] best = new double[cand.size()];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        try {
            synchronized (PLANNER) {
                for (int i = 0; i < p.length; i++) {
                    p[i] = fftw_plan_dft_r2c_1d(cand.get(i), pin, pout, FFTW_ESTIMATE | FFTW_PRESERVE_INPUT);
                }
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < p.length; i++) {
                    int reps = Math.max(1, (1 << 19) / cand.get(i));
                    fftw_execute_dft_r2c(p[i], pin, pout); // warm the caches
                    long t0 = System.nanoTime();
                    for (int k = 0; k < reps; k++) {
                        fftw_execute_dft_r2c(p[i], pin, pout);
                    }
                    best[i] = Math.min(best[i], (double) (System.nanoTime() - t0) / reps);
                }
            }
        } finally {
            synchronized (PLANNER) {
                for (fftw_plan q : p) {
                    if (q != null) {
                        fftw_destroy_plan(q);
                    }
                }
            }
        }
        int k = 0;
        for (int i = 1; i < best.length; i++) {
            if (best[i] < best[k]) {
                k = i;
            }
        }
        return cand.get(k);
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
