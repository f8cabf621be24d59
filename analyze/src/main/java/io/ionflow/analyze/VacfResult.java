package io.ionflow.analyze;

/**
 * A velocity autocorrelation function C(t) = ⟨v(0)·v(t)⟩ (Å²/ps²) with Green–Kubo integrals.
 * Index m of the arrays is the lag m·dt. Arrays are returned live.
 */
public final class VacfResult {
    private final double dtPs;
    private final int nAtoms;
    private final double weightSum;
    private final double[] c;
    private final double[][] blocks;

    /**
     * @param dtPs      frame spacing, ps
     * @param nAtoms    atoms averaged
     * @param weightSum Σ of the atoms' weights (nAtoms for unit weights; amu for mass weights)
     * @param c         weighted-mean VACF per lag, Å²/ps²
     * @param blocks    the same per atom block, [block][lag], Å²/ps²
     */
    public VacfResult(double dtPs, int nAtoms, double weightSum, double[] c, double[][] blocks) {
        this.dtPs = dtPs;
        this.nAtoms = nAtoms;
        this.weightSum = weightSum;
        this.c = c;
        this.blocks = blocks;
    }

    /** @return frame spacing, ps */
    public double dtPs() {
        return dtPs;
    }

    /** @return atoms averaged */
    public int atoms() {
        return nAtoms;
    }

    /** @return sum of weights (atoms for unit weights, amu for mass weights) */
    public double weightSum() {
        return weightSum;
    }

    /** @return raw VACF ⟨v(0)·v(t)⟩ per lag, Å²/ps² (weighted mean over atoms) */
    public double[] raw() {
        return c;
    }

    /** @return per-block VACFs [block][lag], Å²/ps² */
    public double[][] blocks() {
        return blocks;
    }

    /** @return lag times, ps */
    public double[] timesPs() {
        double[] t = new double[c.length];
        for (int m = 0; m < t.length; m++) {
            t[m] = m * dtPs;
        }
        return t;
    }

    /** @return C(t)/C(0), dimensionless */
    public double[] normalized() {
        double[] n = new double[c.length];
        for (int m = 0; m < n.length; m++) {
            n[m] = c[m] / c[0];
        }
        return n;
    }

    /**
     * Green–Kubo running integral D(t) = (1/3) ∫₀ᵗ C(t') dt' by the trapezoid rule.
     *
     * @return D(t) per lag, Å²/ps (D(0) = 0)
     */
    public double[] runningIntegral() {
        return runningIntegral(c, dtPs);
    }

    static double[] runningIntegral(double[] c, double dtPs) {
        double[] d = new double[c.length];
        for (int m = 1; m < c.length; m++) {
            d[m] = d[m - 1] + dtPs * 0.5 * (c[m - 1] + c[m]) / 3.0;
        }
        return d;
    }

    /**
     * Green–Kubo plateau: the mean of the running integral D(t) over [startPs, endPs]. Error: the
     * same plateau is computed for each atom block (atoms dealt round-robin, see
     * {@link VacfAccumulator}); stdErr = standard deviation of the block plateaus / √nBlocks
     * (block averaging over independent atoms). {@code spread} is the standard deviation of D(t)
     * inside the window (non-convergence indicator; not included in stdErr).
     *
     * @param startPs window start, ps
     * @param endPs   window end, ps (≤ max lag time)
     * @return the plateau estimate, Å²/ps
     */
    public Plateau plateau(double startPs, double endPs) {
        int m0 = (int) Math.ceil(startPs / dtPs - 1e-9);
        int m1 = (int) Math.floor(endPs / dtPs + 1e-9);
        if (m0 < 0 || m1 > c.length - 1 || m1 < m0) {
            throw new IllegalArgumentException(String.format(
                    "plateau window [%g, %g] ps is empty or outside [0, %g] ps", startPs, endPs, (c.length - 1) * dtPs));
        }
        double[] d = runningIntegral();
        double mean = mean(d, m0, m1);
        double ss = 0;
        for (int m = m0; m <= m1; m++) {
            ss += (d[m] - mean) * (d[m] - mean);
        }
        double spread = m1 > m0 ? Math.sqrt(ss / (m1 - m0)) : 0.0;
        double err = Double.NaN;
        if (blocks.length >= 2) {
            double[] bp = new double[blocks.length];
            double bm = 0;
            for (int b = 0; b < blocks.length; b++) {
                bp[b] = mean(runningIntegral(blocks[b], dtPs), m0, m1);
                bm += bp[b];
            }
            bm /= bp.length;
            double v = 0;
            for (double x : bp) {
                v += (x - bm) * (x - bm);
            }
            err = Math.sqrt(v / (bp.length - 1) / bp.length);
        }
        double peak = 0;
        for (double x : d) {
            peak = Math.max(peak, x);
        }
        return new Plateau(mean, err, spread, m0 * dtPs, m1 * dtPs, blocks.length, peak);
    }

    /**
     * Plateau over an automatic window: t_s is the first lag from which |C(t)/C(0)| stays below
     * {@code threshold} up to 2·t_s (or the end); the window is [t_s, min(3·t_s, t_max)]. When no
     * such lag exists the window is the second half of the computed lags. A heuristic for
     * liquids/superionics whose VACF decays within t_max/3; pass an explicit window otherwise.
     *
     * @param threshold decay threshold on the normalised VACF, e.g. 0.01
     * @return the plateau estimate, Å²/ps
     */
    public Plateau plateau(double threshold) {
        double[] n = normalized();
        int last = n.length - 1;
        int start = -1;
        // next[k]: first index ≥ k where |C/C0| ≥ threshold (last + 1 if none) — O(L) scan
        int[] next = new int[last + 2];
        next[last + 1] = last + 1;
        for (int k = last; k >= 0; k--) {
            next[k] = Math.abs(n[k]) >= threshold ? k : next[k + 1];
        }
        for (int m = 1; 3 * m <= last && start < 0; m++) {
            if (next[m] > 2 * m) {
                start = m;
            }
        }
        if (start < 0) {
            return plateau(0.5 * last * dtPs, last * dtPs);
        }
        return plateau(start * dtPs, Math.min(3 * start, last) * dtPs);
    }

    /**
     * Plateau over the automatic window with threshold 0.01.
     * @return the estimate, Å²/ps
     */
    public Plateau plateau() {
        return plateau(0.01);
    }

    private static double mean(double[] a, int m0, int m1) {
        double s = 0;
        for (int m = m0; m <= m1; m++) {
            s += a[m];
        }
        return s / (m1 - m0 + 1);
    }

    /**
     * A Green–Kubo diffusion estimate.
     *
     * @param d       plateau value, Å²/ps
     * @param stdErr  block-averaging standard error, Å²/ps (NaN with fewer than 2 blocks)
     * @param spread  standard deviation of D(t) within the window, Å²/ps
     * @param startPs window start, ps
     * @param endPs   window end, ps
     * @param nBlocks atom blocks used for the error
     */
    public record Plateau(double d, double stdErr, double spread, double startPs, double endPs, int nBlocks,
                          double peak) {
        /** @return D in cm²/s */
        public double dCm2PerS() {
            return d * io.ionflow.simulate.Units.A2_PER_PS_TO_CM2_PER_S;
        }

        /** @return standard error of D in cm²/s */
        public double stdErrCm2PerS() {
            return stdErr * io.ionflow.simulate.Units.A2_PER_PS_TO_CM2_PER_S;
        }

        /** The plateau must keep at least this fraction of the running integral's maximum. */
        public static final double MIN_PEAK_FRACTION = 0.05;

        /**
         * The Green–Kubo counterpart of {@link DiffusionFit.Result#diffusive()}: D must be at least
         * {@value DiffusionFit#MIN_SIGNIFICANCE} block standard errors above zero, and the plateau must keep at least
         * {@value #MIN_PEAK_FRACTION} of the running integral's maximum. A caged atom's integral rises with its
         * vibration (≈ (kT/m)/ω, of order 2e-5 cm²/s for Te at 500 K) and falls back to almost zero (1.1e-7 cm²/s in a
         * run of the Ag2Te demo, yet 8.7σ above zero by the block error); a diffusing one keeps a large part of it (a
         * Lennard-Jones liquid ≈ 70 % (its overshoot is 45 %), a Langevin particle 100 %).
         *
         * @return why this plateau is not a diffusion coefficient, or null when it is
         */
        public String notDiffusive() {
            if (!(stdErr > 0)) {
                return "no block error for the plateau (fewer than 2 atom blocks)";
            }
            if (!(d >= DiffusionFit.MIN_SIGNIFICANCE * stdErr)) {
                return String.format(java.util.Locale.ROOT, "D is not significantly above zero (D/sigma = %.2g < %.0f)",
                        d / stdErr, DiffusionFit.MIN_SIGNIFICANCE);
            }
            if (!(d >= MIN_PEAK_FRACTION * peak)) {
                return String.format(java.util.Locale.ROOT, "caged: the Green-Kubo integral falls back to %.2g %% of its"
                        + " maximum (%.3g A2/ps): vibration, not diffusion", 100 * d / peak, peak);
            }
            return null;
        }
    }
}
