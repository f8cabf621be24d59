package io.ionflow.analyze;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Real forward DFT of length n = 5^e·2^k (e ≥ 0) built from JTransforms' power-of-two
 * {@code realForward}: one decimation-in-time radix-5 step per factor 5 on top of five real
 * transforms of length n/5. JTransforms' own mixed-radix path for such lengths is no faster per
 * transform than its power-of-two path at the next power of two (≈ 1.6× longer for n ≈ 2·10⁴),
 * so this lets the correlation kernels use n ≈ 2T instead of the next power of two while keeping
 * the fast split-radix code for the bulk of the work (docs/benchmarks.md, "MSD kernel").
 *
 * <p>Output in JTransforms' packed real format: {@code a[0] = X_0}, {@code a[1] = X_{n/2}},
 * {@code a[2k], a[2k+1] = Re, Im X_k} for 0 &lt; k &lt; n/2. Not thread-safe (own buffers).
 */
final class Radix5RealFft {
    private static final double C1 = Math.cos(2 * Math.PI / 5);
    private static final double C2 = Math.cos(4 * Math.PI / 5);
    private static final double S1 = Math.sin(2 * Math.PI / 5);
    private static final double S2 = Math.sin(4 * Math.PI / 5);

    private final int n;
    /** Power-of-two leaf (when n is a power of two), else null. */
    private final DoubleFFT_1D leaf;
    /** Transform of length n/5 (when n is not a power of two), else null. */
    private final Radix5RealFft child;
    /** Packed spectra of the five decimated sub-series, length n/5 each. */
    private final double[][] sub;
    /** cos/sin of 2πq/n and 2π·2q/n, q = 0..n/5−1 (interleaved cos, sin). */
    private final double[] tw1;
    private final double[] tw2;

    /**
     * @param n transform length, 5^e·2^k with 2^k ≥ 2
     */
    Radix5RealFft(int n) {
        this.n = n;
        if (Integer.bitCount(n) == 1) {
            if (n < 2) {
                throw new IllegalArgumentException("real FFT length must be ≥ 2, got " + n);
            }
            leaf = FftPlans.plan(n);
            child = null;
            sub = null;
            tw1 = null;
            tw2 = null;
            return;
        }
        if (n % 5 != 0 || n % 2 != 0) {
            throw new IllegalArgumentException("FFT length must be 5^e·2^k with k ≥ 1, got " + n);
        }
        int l = n / 5;
        leaf = null;
        child = new Radix5RealFft(l);
        sub = new double[5][l];
        double[][] tw = TWIDDLES.computeIfAbsent(n, k -> new double[][] {twiddles(k, k / 5, 1), twiddles(k, k / 5, 2)});
        tw1 = tw[0];
        tw2 = tw[1];
    }

    /** Twiddle tables per length, shared (read-only) by all threads. */
    private static final java.util.Map<Integer, double[][]> TWIDDLES = new java.util.concurrent.ConcurrentHashMap<>();

    private static double[] twiddles(int n, int l, int r) {
        double[] w = new double[2 * l];
        for (int q = 0; q < l; q++) {
            double phi = 2 * Math.PI * ((long) r * q % n) / n;
            w[2 * q] = Math.cos(phi);
            w[2 * q + 1] = Math.sin(phi);
        }
        return w;
    }

    /** Smooth lengths this class handles: n = 5^e·2^k, k ≥ 1. */
    static boolean handles(int n) {
        if (n < 2) {
            return false;
        }
        int m = n;
        while (m % 5 == 0) {
            m /= 5;
        }
        return Integer.bitCount(m) == 1 && m >= 2;
    }

    int length() {
        return n;
    }

    /**
     * Forward transform of {@code in[off + stride·j]}, j = 0..n−1, into {@code out} (packed, length n).
     * For stride 1 and off 0, {@code in} may be {@code out} (then it is transformed in place).
     */
    void forward(double[] in, int off, int stride, double[] out) {
        if (leaf != null) {
            if (in != out || off != 0 || stride != 1) {
                for (int j = 0, i = off; j < n; j++, i += stride) {
                    out[j] = in[i];
                }
            }
            leaf.realForward(out);
            return;
        }
        for (int r = 0; r < 5; r++) {
            child.forward(in, off + r * stride, 5 * stride, sub[r]);
        }
        combine(out);
    }

    /**
     * Adds {@code weight·|X_k|²}, k = 0..n/2, to {@code power}, where X is the DFT of {@code work[0..len)}
     * followed by zeros up to n (n not a power of two). The series is read, not modified; the spectrum
     * goes straight from the radix-5 butterflies into {@code power}, without a packed copy.
     */
    void addPower(double[] work, int len, double[] power, double weight) {
        int l = n / 5;
        for (int r = 0; r < 5; r++) {
            double[] y = sub[r];
            int j = 0;
            for (int i = r; i < len; i += 5, j++) {
                y[j] = work[i];
            }
            java.util.Arrays.fill(y, j, l, 0.0);
            child.forward(y, 0, 1, y);
        }
        this.power = power;
        this.weight = weight;
        combine(null);
        this.power = null;
    }

    /** Sink of {@link #combine} when adding power instead of storing the spectrum. */
    private double[] power;
    private double weight;

    /** X_k = Σ_r w^{rk} Y_r[k mod l], k = 0..n/2, by one radix-5 butterfly per q = k mod l. */
    private void combine(double[] out) {
        int l = n / 5;
        double[] y0 = sub[0];
        double[] y1 = sub[1];
        double[] y2 = sub[2];
        double[] y3 = sub[3];
        double[] y4 = sub[4];
        point(0, y0[0], 0, y1[0], 0, y2[0], 0, y3[0], 0, y4[0], 0, out);
        pointPairs(l, out);
        point(l / 2, y0[1], 0, y1[1], 0, y2[1], 0, y3[1], 0, y4[1], 0, out);
    }

    /**
     * 0 &lt; q &lt; l/2: the full 5-point butterfly at q gives X_{q+pl} = B_p and, since the series is
     * real, X_{l−q+pl} = conj(B_{4−p}); so one butterfly serves k = q, q+l, q+2l, l−q, 2l−q. The loop holds the
     * butterfly itself: as a method of its own it was too large for the JIT to inline, and a call per q passing twelve
     * doubles cost ≈ 10 % of a 204 800-point transform.
     */
    private void pointPairs(int l, double[] out) {
        double[] y0 = sub[0];
        double[] y1 = sub[1];
        double[] y2 = sub[2];
        double[] y3 = sub[3];
        double[] y4 = sub[4];
        for (int q = 1, h = l / 2; q < h; q++) {
            int i = 2 * q;
            double r0 = y0[i];
            double i0 = y0[i + 1];
            double r1 = y1[i];
            double i1 = y1[i + 1];
            double r2 = y2[i];
            double i2 = y2[i + 1];
            double r3 = y3[i];
            double i3 = y3[i + 1];
            double r4 = y4[i];
            double i4 = y4[i + 1];
            double c1 = tw1[2 * q];
            double s1 = -tw1[2 * q + 1];
            double c2 = tw2[2 * q];
            double s2 = -tw2[2 * q + 1];
            double c3 = c1 * c2 - s1 * s2;
            double s3 = c1 * s2 + s1 * c2;
            double c4 = c2 * c2 - s2 * s2;
            double s4 = 2 * c2 * s2;
            double t1r = r1 * c1 - i1 * s1;
            double t1i = r1 * s1 + i1 * c1;
            double t2r = r2 * c2 - i2 * s2;
            double t2i = r2 * s2 + i2 * c2;
            double t3r = r3 * c3 - i3 * s3;
            double t3i = r3 * s3 + i3 * c3;
            double t4r = r4 * c4 - i4 * s4;
            double t4i = r4 * s4 + i4 * c4;
            double ar = t1r + t4r;
            double ai = t1i + t4i;
            double br = t1r - t4r;
            double bi = t1i - t4i;
            double cr = t2r + t3r;
            double ci = t2i + t3i;
            double dr = t2r - t3r;
            double di = t2i - t3i;
            emit(q, r0 + ar + cr, i0 + ai + ci, out);
            // B1 = P1 − iU, B4 = P1 + iU; B2 = P2 − iV, B3 = P2 + iV
            double p1r = r0 + C1 * ar + C2 * cr;
            double p1i = i0 + C1 * ai + C2 * ci;
            double ur = S1 * br + S2 * dr;
            double ui = S1 * bi + S2 * di;
            emit(q + l, p1r + ui, p1i - ur, out);
            emit(l - q, p1r - ui, -(p1i + ur), out);
            double p2r = r0 + C2 * ar + C1 * cr;
            double p2i = i0 + C2 * ai + C1 * ci;
            double vr = S2 * br - S1 * dr;
            double vi = S2 * bi - S1 * di;
            emit(q + 2 * l, p2r + vi, p2i - vr, out);
            emit(2 * l - q, p2r - vi, -(p2i + vr), out);
        }
    }

    /** X_k (0 &lt; k &lt; n/2) to the sink: weight·|X_k|² added to {@link #power}, or stored packed in out. */
    private void emit(int k, double re, double im, double[] out) {
        if (power != null) {
            power[k] += weight * (re * re + im * im);
        } else {
            out[2 * k] = re;
            out[2 * k + 1] = im;
        }
    }

    /** Twiddles Y_r[q] by w^{rq} and stores the butterfly's outputs k = q + p·l ≤ n/2. */
    private void point(int q, double r0, double i0, double r1, double i1, double r2, double i2, double r3,
                       double i3, double r4, double i4, double[] out) {
        double c1 = tw1[2 * q];
        double s1 = -tw1[2 * q + 1];
        double c2 = tw2[2 * q];
        double s2 = -tw2[2 * q + 1];
        double c3 = c1 * c2 - s1 * s2;
        double s3 = c1 * s2 + s1 * c2;
        double c4 = c2 * c2 - s2 * s2;
        double s4 = 2 * c2 * s2;
        double t1r = r1 * c1 - i1 * s1;
        double t1i = r1 * s1 + i1 * c1;
        double t2r = r2 * c2 - i2 * s2;
        double t2i = r2 * s2 + i2 * c2;
        double t3r = r3 * c3 - i3 * s3;
        double t3i = r3 * s3 + i3 * c3;
        double t4r = r4 * c4 - i4 * s4;
        double t4i = r4 * s4 + i4 * c4;
        if (power != null) {
            butterflyPower(q, n / 5, n / 2, r0, i0, t1r + t4r, t1i + t4i, t1r - t4r, t1i - t4i, t2r + t3r, t2i + t3i,
                    t2r - t3r, t2i - t3i, power, weight);
            return;
        }
        butterfly(q, n / 5, n / 2, r0, i0, t1r + t4r, t1i + t4i, t1r - t4r, t1i - t4i, t2r + t3r, t2i + t3i,
                t2r - t3r, t2i - t3i, out);
    }

    /**
     * The 5-point DFT X_p = Σ_r t_r e^{−2πirp/5} from t_0 and a = t1 + t4, b = t1 − t4, c = t2 + t3,
     * d = t2 − t3, at outputs k = q + p·l ≤ n/2 (p = 0, 1, 2), stored packed.
     */
    private static void butterfly(int q, int l, int half, double t0r, double t0i, double ar, double ai, double br,
                                  double bi, double cr, double ci, double dr, double di, double[] out) {
        store(out, q, half, t0r + ar + cr, t0i + ai + ci);
        // X1 = t0 + C1·a + C2·c − i(S1·b + S2·d)
        double ur = S1 * br + S2 * dr;
        double ui = S1 * bi + S2 * di;
        store(out, q + l, half, t0r + C1 * ar + C2 * cr + ui, t0i + C1 * ai + C2 * ci - ur);
        if (q + 2 * l <= half) {
            // X2 = t0 + C2·a + C1·c − i(S2·b − S1·d)
            double vr = S2 * br - S1 * dr;
            double vi = S2 * bi - S1 * di;
            store(out, q + 2 * l, half, t0r + C2 * ar + C1 * cr + vi, t0i + C2 * ai + C1 * ci - vr);
        }
    }

    /** As {@link #butterfly}, adding weight·|X_k|² to {@code power[k]} instead of storing X_k. */
    private static void butterflyPower(int q, int l, int half, double t0r, double t0i, double ar, double ai,
                                       double br, double bi, double cr, double ci, double dr, double di,
                                       double[] power, double weight) {
        double x0r = t0r + ar + cr;
        double x0i = t0i + ai + ci;
        power[q] += weight * (x0r * x0r + x0i * x0i);
        double ur = S1 * br + S2 * dr;
        double ui = S1 * bi + S2 * di;
        double x1r = t0r + C1 * ar + C2 * cr + ui;
        double x1i = t0i + C1 * ai + C2 * ci - ur;
        power[q + l] += weight * (x1r * x1r + x1i * x1i);
        if (q + 2 * l <= half) {
            double vr = S2 * br - S1 * dr;
            double vi = S2 * bi - S1 * di;
            double x2r = t0r + C2 * ar + C1 * cr + vi;
            double x2i = t0i + C2 * ai + C1 * ci - vr;
            power[q + 2 * l] += weight * (x2r * x2r + x2i * x2i);
        }
    }

    private static void store(double[] out, int k, int half, double re, double im) {
        if (k == 0) {
            out[0] = re;
        } else if (k == half) {
            out[1] = re;
        } else if (k < half) {
            out[2 * k] = re;
            out[2 * k + 1] = im;
        }
    }
}
