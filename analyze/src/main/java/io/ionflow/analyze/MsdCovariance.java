package io.ionflow.analyze;

/**
 * Covariance of the time- and atom-averaged MSD ρ(n) = (1/N)Σ_i (1/(T−n)) Σ_k |r_i(k+n) − r_i(k)|²
 * between lags n and m, for the generalised-least-squares diffusion fit.
 *
 * <p><b>RANDOM_WALK</b> (default): the exact covariance for N independent particles whose
 * increments are Gaussian and stationary, with overlapping origins. Writing g(k) for the 3-D MSD at
 * lag k, the displacements over [k, k+n) and [k+d, k+d+m) have covariance per dimension
 * C(d)/D with C(d) = ½[g(|n−d|) + g(|d+m|) − g(|n−d−m|) − g(|d|)] (D dimensions), and for
 * Gaussian variables cov(A², B²) = 2 cov(A, B)², so
 * <pre>  cov(ρ(n), ρ(m)) = (2/D) Σ_d c_nm(d) C(d)² / [N (T−n)(T−m)] </pre>
 * where c_nm(d) counts the origin pairs at offset d. For a pure random walk g(k) = 2D·σ²k this
 * reduces to the classical result of Qian, Sheetz and Elson (Biophys. J. 60, 910 (1991)). g is
 * the MSD itself: the measured MSD below the fit window (ballistic/caged part) and the fitted
 * line above it, so the same formula covers vibrational noise and a non-zero intercept.
 * Inputs: number of independent particles N, number of frames T (hence overlapping origins T−n),
 * and the MSD.
 *
 * <p><b>KINISI</b>: the approximation used by kinisi (McCluskey et al., JCTC 2024):
 * var ρ(n) = (2/D)·g(n)² / N̂(n) with N̂(n) = N·(T−1)/n "independent" observations, and
 * cov(ρ(n), ρ(m)) = var ρ(n)·N̂(n)/N̂(m) for n ≤ m; here g(n) is the diffusive line through the
 * origin (slope·n), since with an intercept the approximation can lose positive definiteness.
 * Kept for comparison: on the synthetic random walks of DiffusionCalibrationTest its error bar
 * is ≈ 15 % too large (78 % of the repetitions within 1σ instead of 68 %) and χ²/dof ≈ 0.1,
 * because the N̂ count of "independent" observations ignores how overlapping origins average.
 */
public final class MsdCovariance {
    private MsdCovariance() {}

    /** Covariance model for the MSD points. */
    public enum Model {
        /** Exact Gaussian, independent-increment covariance with overlapping origins (default). */
        RANDOM_WALK,
        /** kinisi's approximation var·N̂(n)/N̂(m). */
        KINISI
    }

    /**
     * A model of the 3-D MSD as a function of integer lag: measured values below {@code knot},
     * the line {@code intercept + slope·k} (clamped at 0) from {@code knot} on; g(0) = 0.
     */
    static final class Shape {
        final double[] measured;
        final int knot;
        final double intercept;
        final double slopePerLag;

        Shape(double[] measured, int knot, double intercept, double slopePerLag) {
            this.measured = measured;
            this.knot = knot;
            this.intercept = intercept;
            this.slopePerLag = slopePerLag;
        }

        double at(int k) {
            if (k < 0) {
                k = -k;
            }
            if (k == 0) {
                return 0.0;
            }
            if (k < knot) {
                return measured[k];
            }
            return Math.max(0.0, intercept + slopePerLag * k);
        }
    }

    /**
     * Exact random-walk covariance (see class comment).
     *
     * @param g          MSD model, Å² per integer lag
     * @param nFrames    frames T of the trajectory
     * @param lags       lags of the fitted points, frames, ascending, each ≤ T − 1
     * @param nParticles independent particles N averaged
     * @param dims       dimensions D (3)
     * @return covariance matrix, Å⁴
     */
    static double[][] randomWalk(Shape g, int nFrames, int[] lags, int nParticles, int dims) {
        if (!(g.slopePerLag > 0)) {
            return randomWalkDirect(g, nFrames, lags, nParticles, dims);
        }
        // beyond R every argument of g is on the (unclamped) line a + b·k, where the intercepts cancel in C(d)
        long clampEnd = g.intercept >= 0 ? 1 : (long) Math.ceil(-g.intercept / g.slopePerLag) + 1;
        int reachLinear = (int) Math.min(Integer.MAX_VALUE / 4, Math.max(Math.max(g.knot, 1), clampEnd));
        double b2 = g.slopePerLag * g.slopePerLag;
        return covariance(g, nFrames, lags, nParticles, dims, (ga, n, m, dlo, dhi) -> {
            // explicit sums near the four kinks of C(d), where an argument of g is below R; closed-form sums of
            // cnt(d)·C(d)² (a cubic in d) on the stretches between them. With n ≤ m the kinks come in the order
            // −m ≤ n−m ≤ 0 ≤ n, so the windows around them are in order of their starts.
            double sum = 0;
            int d = dlo;
            for (int k = 0; k <= 4 && d <= dhi; k++) {
                int kink = k == 0 ? -m : k == 1 ? n - m : k == 2 ? 0 : n;
                int winLo = k < 4 ? Math.max(kink - reachLinear + 1, d) : dhi + 1;
                if (winLo > d) { // [d, winLo − 1] is on the line
                    sum += b2 * linearStretch(d, Math.min(dhi, winLo - 1), n, m, nFrames);
                    d = winLo;
                }
                if (k < 4) {
                    for (int winHi = Math.min(kink + reachLinear - 1, dhi); d <= winHi; d++) {
                        sum += term(ga, d, n, m, nFrames);
                    }
                }
            }
            return sum;
        });
    }

    /** Σ_d cnt(d)·C(d)² over the offsets [dlo, dhi] of one pair of lags n ≤ m, g tabulated at |k| in ga. */
    private interface PairSum {
        double of(double[] ga, int n, int m, int dlo, int dhi);
    }

    /** The covariance matrix from the sums of every pair of lags (see class comment). */
    private static double[][] covariance(Shape g, int nFrames, int[] lags, int nParticles, int dims, PairSum pairs) {
        int p = lags.length;
        for (int i = 0; i < p; i++) {
            if (lags[i] < 0 || (i > 0 && lags[i] < lags[i - 1])) {
                throw new IllegalArgumentException("lags of the fitted points must be ≥ 0 and ascending: "
                        + java.util.Arrays.toString(lags));
            }
        }
        double[][] cov = new double[p][p];
        int reach = g.knot + 1;
        int maxLag = lags[p - 1];
        double[] ga = new double[2 * maxLag + reach + 2]; // g tabulated at |k|
        for (int k = 0; k < ga.length; k++) {
            ga[k] = g.at(k);
        }
        for (int i = 0; i < p; i++) {
            int n = lags[i];
            for (int j = i; j < p; j++) {
                int m = lags[j];
                int dlo = Math.max(-(nFrames - n - 1), -(m + reach));
                int dhi = Math.min(nFrames - m - 1, n + reach);
                double sum = pairs.of(ga, n, m, dlo, dhi);
                double v = (2.0 / dims) * sum / ((double) nParticles * (nFrames - n) * (nFrames - m));
                cov[i][j] = v;
                cov[j][i] = v;
            }
        }
        return cov;
    }

    /** cnt(d)·C(d)² for one offset, C from the tabulated g. */
    private static double term(double[] ga, int d, int n, int m, int nFrames) {
        int cnt = Math.min(nFrames - n - 1, nFrames - m - 1 - d) - Math.max(0, -d) + 1;
        if (cnt <= 0) {
            return 0;
        }
        double c = 0.5 * (ga[Math.abs(n - d)] + ga[Math.abs(d + m)] - ga[Math.abs(n - d - m)] - ga[Math.abs(d)]);
        return cnt * c * c;
    }

    /**
     * Σ_{d = lo}^{hi} cnt(d)·h(d)² for a stretch containing none of the kinks −m, n−m, 0, n (n ≤ m), where on the line
     * g(k) = a + b·|k| C(d) = b·h(d) with h the overlap of the two displacement intervals: m + d on [−m, n−m], n on
     * [n−m, 0], n − d on [0, n], 0 outside; cnt(d) = min(T−n−1, T−m−1−d) − max(0, −d) + 1 is linear there too.
     * Returns the sum without the factor b². Exact power sums of the shifted offset keep the cancellation small.
     */
    static double linearStretch(int lo, int hi, int n, int m, int nFrames) {
        if (hi < lo) {
            return 0;
        }
        double mid = 0.5 * ((double) lo + hi);
        double h0;
        double h1;
        if (mid < -m || mid > n) {
            return 0;
        } else if (mid < n - m) {
            h0 = m;
            h1 = 1;
        } else if (mid < 0) {
            h0 = n;
            h1 = 0;
        } else {
            h0 = n;
            h1 = -1;
        }
        double c0 = mid >= n - m ? nFrames - m : nFrames - n;
        double c1 = (mid >= n - m ? -1 : 0) + (mid < 0 ? 1 : 0);
        // with d = lo + j, j = 0..K: cnt = a0 + a1·j, h = e0 + e1·j
        double a0 = c0 + c1 * lo;
        double a1 = c1;
        double e0 = h0 + h1 * lo;
        double e1 = h1;
        double k = (double) hi - lo;
        double s0 = k + 1;
        double s1 = k * (k + 1) / 2;
        double s2 = k * (k + 1) * (2 * k + 1) / 6;
        double s3 = s1 * s1;
        return a0 * e0 * e0 * s0 + (2 * a0 * e0 * e1 + a1 * e0 * e0) * s1 + (a0 * e1 * e1 + 2 * a1 * e0 * e1) * s2
                + a1 * e1 * e1 * s3;
    }

    /** {@link #randomWalk} by the plain sum over every offset, O(points² × window); the reference in tests. */
    static double[][] randomWalkDirect(Shape g, int nFrames, int[] lags, int nParticles, int dims) {
        return covariance(g, nFrames, lags, nParticles, dims, (ga, n, m, dlo, dhi) -> {
            double sum = 0;
            for (int d = dlo; d <= dhi; d++) {
                sum += term(ga, d, n, m, nFrames);
            }
            return sum;
        });
    }

    /**
     * kinisi's approximate covariance (see class comment).
     *
     * @param g          MSD model, Å² per integer lag
     * @param nFrames    frames T
     * @param lags       lags of the fitted points, frames, ascending
     * @param nParticles independent particles N
     * @param dims       dimensions D
     * @return covariance matrix, Å⁴
     */
    static double[][] kinisi(Shape g, int nFrames, int[] lags, int nParticles, int dims) {
        int p = lags.length;
        double[][] cov = new double[p][p];
        for (int i = 0; i < p; i++) {
            // the diffusive part only: with an intercept c > slope·lag the approximation is not
            // positive definite (det ∝ (n2 − n1)(b² n1 n2 − c²) for two points)
            double gi = g.slopePerLag * lags[i];
            for (int j = i; j < p; j++) {
                double v = (2.0 / dims) * gi * gi * lags[j] / ((double) nParticles * (nFrames - 1));
                cov[i][j] = v;
                cov[j][i] = v;
            }
        }
        return cov;
    }
}
