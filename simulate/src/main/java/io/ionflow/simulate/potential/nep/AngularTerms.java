package io.ionflow.simulate.potential.nep;

/**
 * NEP's angular descriptor algebra for l ≤ 4. For each radial function n an atom accumulates
 * s_{n,k} = Σ_j g_n(r_ij) Y_k(r̂_ij) over the 24 real solid-harmonic polynomials Y_k of the unit vector
 * (l = 1: z, x, y; l = 2: 3z²−1, xz, yz, x²−y², 2xy; l = 3: (5z²−3)z, (5z²−1)x, (5z²−1)y, (x²−y²)z,
 * 2xyz, (x²−3y²)x, (3x²−y²)y; l = 4: 35z⁴−30z²+3, (7z²−3)xz, (7z²−3)yz, (7z²−1)(x²−y²), (7z²−1)2xy,
 * (x²−3y²)xz, (3x²−y²)yz, (x²−y²)²−4x²y², 4xy(x²−y²)): the real and imaginary parts of the spherical
 * harmonics Y_lm, m ≥ 0, up to their normalisation.
 *
 * <p>Invariants (NEP3 paper): the three-body q_{nl} = Σ_m |A_lm|² with A_lm = Σ_j g_n Y_lm, i.e.
 * q_{nl} = Σ_k w_k s_k² with w_k the squared normalisation N_lm² for m = 0 and 2 N_lm² for m &gt; 0
 * (the ±m pair); the four-body q = Σ (2 2 2; m1 m2 m3) A_2m1 A_2m2 A_2m3 written in the real l = 2
 * sums, and the five-body q = (7/15)·(Σ_m |A_1m|²)², as in GPUMD's NEP.
 */
final class AngularTerms {
    private AngularTerms() {}

    static final int MAX_L = 4;
    private static final double PI = Math.PI;
    /** N_lm² of the polynomials above, in their order. */
    private static final double[] NORM2 = {
        3 / (4 * PI), 3 / (8 * PI), 3 / (8 * PI),
        5 / (16 * PI), 15 / (8 * PI), 15 / (8 * PI), 15 / (32 * PI), 15 / (32 * PI),
        7 / (16 * PI), 21 / (64 * PI), 21 / (64 * PI), 105 / (32 * PI), 105 / (32 * PI), 35 / (64 * PI), 35 / (64 * PI),
        9 / (256 * PI), 45 / (64 * PI), 45 / (64 * PI), 45 / (128 * PI), 45 / (128 * PI), 315 / (64 * PI),
        315 / (64 * PI), 315 / (512 * PI), 315 / (512 * PI)};
    /** w_k: N² for m = 0, 2N² for m &gt; 0. */
    static final double[] WEIGHT = new double[24];
    /** Four-body coefficients: K0 a³ + K1 a(b²+c²) + K2 a(d²+e²) + K3 d(c²−b²) + K4 bce over (a..e) = l = 2 sums. */
    static final double[] K4;
    /** Five-body coefficient: C (s0² + s1² + s2²)². */
    static final double C5 = (3 / (4 * PI)) * (3 / (4 * PI)) * 7.0 / 15.0;

    static {
        for (int l = 1; l <= MAX_L; l++) {
            for (int k = first(l); k < first(l + 1); k++) WEIGHT[k] = (k == first(l) ? 1 : 2) * NORM2[k];
        }
        double k0 = -Math.sqrt(2.0 / 35.0) * Math.pow(5 / (16 * PI), 1.5);
        K4 = new double[] {k0, 18 * k0, -9 * k0, -54 * k0, 108 * k0};
    }

    /** Index of the first polynomial of order l (l² − 1). */
    static int first(int l) { return l * l - 1; }

    /** Number of polynomials up to order l (l(l + 2)). */
    static int count(int lMax) { return first(lMax + 1); }

    /** Y_k of the unit vector (x, y, z), k &lt; count(lMax). */
    static void values(double x, double y, double z, int lMax, double[] out) {
        out[0] = z;
        out[1] = x;
        out[2] = y;
        if (lMax < 2) return;
        double x2 = x * x, y2 = y * y, z2 = z * z, xy = x * y, x2my2 = x2 - y2;
        out[3] = 3 * z2 - 1;
        out[4] = x * z;
        out[5] = y * z;
        out[6] = x2my2;
        out[7] = 2 * xy;
        if (lMax < 3) return;
        out[8] = (5 * z2 - 3) * z;
        out[9] = (5 * z2 - 1) * x;
        out[10] = (5 * z2 - 1) * y;
        out[11] = x2my2 * z;
        out[12] = 2 * xy * z;
        out[13] = (x2 - 3 * y2) * x;
        out[14] = (3 * x2 - y2) * y;
        if (lMax < 4) return;
        out[15] = (35 * z2 - 30) * z2 + 3;
        out[16] = (7 * z2 - 3) * x * z;
        out[17] = (7 * z2 - 3) * y * z;
        out[18] = (7 * z2 - 1) * x2my2;
        out[19] = (7 * z2 - 1) * 2 * xy;
        out[20] = (x2 - 3 * y2) * x * z;
        out[21] = (3 * x2 - y2) * y * z;
        out[22] = x2my2 * x2my2 - 4 * x2 * y2;
        out[23] = 4 * xy * x2my2;
    }

    /** ∂Y_k/∂(x, y, z) treating the three components as independent: grad[3k + c]. */
    static void gradients(double x, double y, double z, int lMax, double[] g) {
        set(g, 0, 0, 0, 1);
        set(g, 1, 1, 0, 0);
        set(g, 2, 0, 1, 0);
        if (lMax < 2) return;
        double x2 = x * x, y2 = y * y, z2 = z * z, xy = x * y, xz = x * z, yz = y * z, x2my2 = x2 - y2;
        set(g, 3, 0, 0, 6 * z);
        set(g, 4, z, 0, x);
        set(g, 5, 0, z, y);
        set(g, 6, 2 * x, -2 * y, 0);
        set(g, 7, 2 * y, 2 * x, 0);
        if (lMax < 3) return;
        set(g, 8, 0, 0, 15 * z2 - 3);
        set(g, 9, 5 * z2 - 1, 0, 10 * xz);
        set(g, 10, 0, 5 * z2 - 1, 10 * yz);
        set(g, 11, 2 * xz, -2 * yz, x2my2);
        set(g, 12, 2 * yz, 2 * xz, 2 * xy);
        set(g, 13, 3 * x2my2, -6 * xy, 0);
        set(g, 14, 6 * xy, 3 * x2my2, 0);
        if (lMax < 4) return;
        double a = 7 * z2 - 1;
        set(g, 15, 0, 0, (140 * z2 - 60) * z);
        set(g, 16, (7 * z2 - 3) * z, 0, (21 * z2 - 3) * x);
        set(g, 17, 0, (7 * z2 - 3) * z, (21 * z2 - 3) * y);
        set(g, 18, 2 * x * a, -2 * y * a, 14 * z * x2my2);
        set(g, 19, 2 * y * a, 2 * x * a, 28 * xy * z);
        set(g, 20, 3 * x2my2 * z, -6 * xy * z, (x2 - 3 * y2) * x);
        set(g, 21, 6 * xy * z, 3 * x2my2 * z, (3 * x2 - y2) * y);
        set(g, 22, 4 * x * (x2 - 3 * y2), 4 * y * (y2 - 3 * x2), 0);
        set(g, 23, 4 * y * (3 * x2 - y2), 4 * x * (x2 - 3 * y2), 0);
    }

    /**
     * Σ_k h_k ∂Y_k/∂(x, y, z) (the {@link #gradients} contracted with h, written out term by term so no
     * gradient table is stored) into out[0..2].
     */
    static void gradientDot(double x, double y, double z, int lMax, double[] h, double[] out) {
        double tx = h[1], ty = h[2], tz = h[0];
        if (lMax >= 2) {
            tx += z * h[4] + 2 * x * h[6] + 2 * y * h[7];
            ty += z * h[5] - 2 * y * h[6] + 2 * x * h[7];
            tz += 6 * z * h[3] + x * h[4] + y * h[5];
        }
        if (lMax >= 3) {
            double x2 = x * x, y2 = y * y, z2 = z * z, xy = x * y, xz = x * z, yz = y * z, x2my2 = x2 - y2;
            double b = 5 * z2 - 1;
            tx += b * h[9] + 2 * xz * h[11] + 2 * yz * h[12] + 3 * x2my2 * h[13] + 6 * xy * h[14];
            ty += b * h[10] - 2 * yz * h[11] + 2 * xz * h[12] - 6 * xy * h[13] + 3 * x2my2 * h[14];
            tz += (15 * z2 - 3) * h[8] + 10 * xz * h[9] + 10 * yz * h[10] + x2my2 * h[11] + 2 * xy * h[12];
            if (lMax >= 4) {
                double a = 7 * z2 - 1, c = (7 * z2 - 3) * z, e = 21 * z2 - 3, p = x2 - 3 * y2, q = 3 * x2 - y2;
                double xyz = xy * z;
                tx += c * h[16] + 2 * x * a * h[18] + 2 * y * a * h[19] + 3 * x2my2 * z * h[20] + 6 * xyz * h[21]
                        + 4 * x * p * h[22] + 4 * y * q * h[23];
                ty += c * h[17] - 2 * y * a * h[18] + 2 * x * a * h[19] - 6 * xyz * h[20] + 3 * x2my2 * z * h[21]
                        - 4 * y * q * h[22] + 4 * x * p * h[23];
                tz += (140 * z2 - 60) * z * h[15] + e * x * h[16] + e * y * h[17] + 14 * z * x2my2 * h[18]
                        + 28 * xyz * h[19] + p * x * h[20] + q * y * h[21];
            }
        }
        out[0] = tx;
        out[1] = ty;
        out[2] = tz;
    }

    private static void set(double[] g, int k, double gx, double gy, double gz) {
        g[3 * k] = gx;
        g[3 * k + 1] = gy;
        g[3 * k + 2] = gz;
    }

    /** Number of angular blocks per radial function. */
    static int blocks(int lMax, boolean four, boolean five) {
        return lMax + (four ? 1 : 0) + (five ? 1 : 0);
    }

    /**
     * The invariants of one radial function's sums s (offset {@code so}, count(lMax) entries), written to
     * q[qo + b·stride] for block b = 0..blocks−1 (l = 1..lMax, then four-body, then five-body).
     */
    static void invariants(double[] s, int so, int lMax, boolean four, boolean five, double[] q, int qo, int stride) {
        int b = 0;
        for (int l = 1; l <= lMax; l++) {
            double v = 0;
            for (int k = first(l); k < first(l + 1); k++) v += WEIGHT[k] * s[so + k] * s[so + k];
            q[qo + stride * b++] = v;
        }
        if (four) {
            double a = s[so + 3], bb = s[so + 4], c = s[so + 5], d = s[so + 6], e = s[so + 7];
            q[qo + stride * b++] = K4[0] * a * a * a + K4[1] * a * (bb * bb + c * c) + K4[2] * a * (d * d + e * e)
                    + K4[3] * d * (c * c - bb * bb) + K4[4] * bb * c * e;
        }
        if (five) {
            double t = s[so] * s[so] + s[so + 1] * s[so + 1] + s[so + 2] * s[so + 2];
            q[qo + stride * b] = C5 * t * t;
        }
    }

    /**
     * dE/ds for one radial function: given dE/dq of its blocks (fp[fo + b·stride]), writes
     * g[go + k] = Σ_b dE/dq_b · ∂q_b/∂s_k.
     */
    static void chain(double[] s, int so, int lMax, boolean four, boolean five, double[] fp, int fo, int stride,
                      double[] g, int go) {
        int b = 0;
        for (int l = 1; l <= lMax; l++) {
            double f = fp[fo + stride * b++];
            for (int k = first(l); k < first(l + 1); k++) g[go + k] = 2 * f * WEIGHT[k] * s[so + k];
        }
        if (four) {
            double f = fp[fo + stride * b++];
            double a = s[so + 3], bb = s[so + 4], c = s[so + 5], d = s[so + 6], e = s[so + 7];
            g[go + 3] += f * (3 * K4[0] * a * a + K4[1] * (bb * bb + c * c) + K4[2] * (d * d + e * e));
            g[go + 4] += f * (2 * K4[1] * a * bb - 2 * K4[3] * d * bb + K4[4] * c * e);
            g[go + 5] += f * (2 * K4[1] * a * c + 2 * K4[3] * d * c + K4[4] * bb * e);
            g[go + 6] += f * (2 * K4[2] * a * d + K4[3] * (c * c - bb * bb));
            g[go + 7] += f * (2 * K4[2] * a * e + K4[4] * bb * c);
        }
        if (five) {
            double f = fp[fo + stride * b];
            double t = s[so] * s[so] + s[so + 1] * s[so + 1] + s[so + 2] * s[so + 2];
            for (int k = 0; k < 3; k++) g[go + k] += f * 4 * C5 * t * s[so + k];
        }
    }
}
