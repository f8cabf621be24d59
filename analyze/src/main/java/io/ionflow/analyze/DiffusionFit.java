package io.ionflow.analyze;

import io.ionflow.simulate.Units;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Self-diffusion coefficient from an MSD with an honest uncertainty: MSD(t) = 2·D_dim·D·t + c fitted
 * by generalised least squares (GLS) over a diffusive window.
 *
 * <p>Procedure: (1) window — automatic ({@link DiffusionOnset}: the earliest start from which D is
 * stable against every later start, to half the trajectory) unless {@code fitStartPs/fitEndPs} are
 * given; (2) at most {@code maxPoints} geometrically spaced lags of the window are used (neighbouring
 * MSD points are almost perfectly correlated, so thinning loses little information and keeps the
 * covariance well conditioned); (3) ordinary least squares gives a first line; (4) the covariance Σ of
 * the MSD points is built from that line ({@link MsdCovariance}), scaled to a correlation matrix and
 * Cholesky-factorised with EJML (a diagonal jitter of 1e-12…1e-6 is added only if it is numerically
 * not positive definite), and GLS gives β = (XᵀΣ⁻¹X)⁻¹XᵀΣ⁻¹y with Cov β = (XᵀΣ⁻¹X)⁻¹; (5) step 4 is
 * repeated once with the GLS line. D = slope/(2·dims).
 *
 * <p>The error is the larger of two estimates. (1) The GLS standard error times the Birge factor
 * √max(1, χ²/dof): the covariance model is exact for Gaussian, independent particles, and where the
 * line does not fit the points χ²/dof exceeds 1 and the error grows with it (the scale factor of the
 * Particle Data Group's averages). (2) A delete-one-group jackknife over {@value AtomGroups#COUNT}
 * groups of atoms ({@link AtomGroups}), with the same GLS weights: it sees what the Gaussian model
 * cannot — hops are non-Gaussian at short lags (a jump of 1.5 Å every 2 ps makes the GLS error 1.6×
 * too small), and atoms differ (some hop, some only vibrate). Calibrated at 68 % ± 10 % coverage on
 * random walks, Langevin particles, caged hoppers and a caged/hopping mixture, with the window chosen
 * automatically in every repetition ({@code DiffusionCalibrationTest}). Neither sees motion that is
 * correlated between atoms (collective modes): cross-check with {@link BlockAverage}.
 *
 * <p>Diffusive or not ({@link Result#diffusive()}): a species diffuses in this run when (a) the window
 * is a diffusive regime (found by the onset rule, or given), (b) D is at least 3 standard errors above
 * zero, and (c) over the window the MSD rises by at least its value at the window start (the
 * particles move farther than their cage; a vibrating framework with a spurious slope fails this).
 * Otherwise the D is still given, with the reason in {@link Result#reason()}, and every consumer
 * (fits, extrapolations, the report) withholds it.
 */
public final class DiffusionFit {
    private DiffusionFit() {}

    /** Significance of the stability test of the automatic window. */
    public static final double ONSET_Z = 3.0;
    /** Points per candidate fit of the automatic window (the final fit uses {@code maxPoints}). */
    static final int CANDIDATE_POINTS = 20;
    /** D must be this many standard errors above zero to count as diffusion. */
    public static final double MIN_SIGNIFICANCE = 3.0;

    /**
     * Fit options. NaN for {@code fitStartPs}/{@code fitEndPs} means automatic.
     *
     * @param fitStartPs  window start, ps (NaN = auto)
     * @param fitEndPs    window end, ps (NaN = auto)
     * @param maxFraction longest lag for the automatic window, fraction of the trajectory
     * @param maxPoints   at most this many MSD points enter the fit
     * @param model       covariance model of the MSD points
     * @param dimensions  dimensionality (3)
     */
    public record Options(double fitStartPs, double fitEndPs, double maxFraction, int maxPoints,
                          MsdCovariance.Model model, int dimensions) {
        /** @return automatic window, half the trajectory, 50 points, random-walk covariance, 3-D */
        public static Options defaults() {
            return new Options(Double.NaN, Double.NaN, 0.5, 50, MsdCovariance.Model.RANDOM_WALK, 3);
        }

        /**
         * @param startPs window start, ps
         * @param endPs window end, ps
         * @return options with a fixed window
         */
        public Options withWindow(double startPs, double endPs) {
            return new Options(startPs, endPs, maxFraction, maxPoints, model, dimensions);
        }

        /**
         * @param m covariance model
         * @return options using it
         */
        public Options withModel(MsdCovariance.Model m) {
            return new Options(fitStartPs, fitEndPs, maxFraction, maxPoints, m, dimensions);
        }
    }

    /**
     * A diffusion fit.
     *
     * @param d               diffusion coefficient, Å²/ps
     * @param stdErr          its standard error (Birge-scaled), Å²/ps (NaN if the covariance could not be built)
     * @param intercept       intercept c of the MSD line, Å²
     * @param interceptStdErr its standard error, Å²
     * @param fitStartPs      window start, ps
     * @param fitEndPs        window end, ps
     * @param nPoints         MSD points used
     * @param autoWindow      true if the window came from the onset rule and the rule found one
     * @param chi2PerDof      generalised χ²/(points − 2), ≈ 1 when the covariance model fits
     * @param model           covariance model used
     * @param glsStdErr       the GLS standard error times the Birge factor, Å²/ps
     * @param jackknifeStdErr the jackknife standard error over atom groups, Å²/ps (NaN without groups)
     * @param diffusive       true if the species diffuses (see the class comment); false: D is not a result
     * @param reason          why it is not diffusive (null when it is)
     * @param note            how the window was chosen, or what went wrong
     */
    public record Result(double d, double stdErr, double intercept, double interceptStdErr, double fitStartPs,
                         double fitEndPs, int nPoints, boolean autoWindow, double chi2PerDof,
                         MsdCovariance.Model model, double glsStdErr, double jackknifeStdErr, boolean diffusive,
                         String reason, String note) {
        /** @return D in cm²/s */
        public double dCm2PerS() {
            return toCm2PerS(d);
        }

        /** @return standard error of D in cm²/s */
        public double stdErrCm2PerS() {
            return toCm2PerS(stdErr);
        }

        /** @return the Birge factor √max(1, χ²/dof) the GLS error was multiplied by (1 without χ²) */
        public double birgeFactor() {
            return birge(chi2PerDof);
        }
    }

    /**
     * @param dA2PerPs a diffusion coefficient, Å²/ps
     * @return the same in cm²/s
     */
    public static double toCm2PerS(double dA2PerPs) {
        return dA2PerPs * Units.A2_PER_PS_TO_CM2_PER_S;
    }

    /**
     * Fit with default options.
     *
     * @param msd an MSD (Å²) with its frame count and number of independent particles
     * @return D (Å²/ps) with standard error
     */
    public static Result fit(MsdResult msd) {
        return fit(msd, Options.defaults());
    }

    /**
     * @param msd     an MSD (Å²) with its frame count and number of independent particles
     * @param options fit options
     * @return D (Å²/ps) with standard error
     */
    public static Result fit(MsdResult msd, Options options) {
        return fit(msd.total(), msd.dtPs(), msd.frames(), msd.particles(), options, msd.groupMsd(), msd.groupAtoms());
    }

    /**
     * Core fit on plain arrays.
     *
     * @param msd        MSD per lag (index = lag), Å²
     * @param dtPs       frame spacing, ps
     * @param nFrames    frames T of the trajectory the MSD came from
     * @param nParticles independent particles averaged (atoms; 1 for a collective MSD)
     * @param o          options
     * @return D (Å²/ps) with standard error
     */
    public static Result fit(double[] msd, double dtPs, int nFrames, int nParticles, Options o) {
        return fit(msd, dtPs, nFrames, nParticles, o, null, null);
    }

    /** The core fit, with the MSDs of jackknife groups of atoms when known (null: none). */
    static Result fit(double[] msd, double dtPs, int nFrames, int nParticles, Options o, double[][] groupMsd,
                      int[] groupAtoms) {
        if (nParticles < 1) {
            throw new IllegalArgumentException("need at least one particle, got " + nParticles);
        }
        if (o.maxPoints() < 2 || o.dimensions() < 1 || !(o.maxFraction() > 0 && o.maxFraction() <= 1)) {
            throw new IllegalArgumentException("invalid fit options " + o);
        }
        boolean fixed = !Double.isNaN(o.fitStartPs()) || !Double.isNaN(o.fitEndPs());
        int startLag;
        int endLag;
        boolean found;
        String note;
        if (fixed) {
            startLag = (int) Math.round(o.fitStartPs() / dtPs);
            endLag = (int) Math.round(o.fitEndPs() / dtPs);
            if (Double.isNaN(o.fitStartPs()) || Double.isNaN(o.fitEndPs()) || startLag < 1 || endLag > msd.length - 1
                    || endLag - startLag < 1) {
                throw new IllegalArgumentException(String.format(
                        "fit window [%g, %g] ps must hold at least two lags within [%g, %g] ps",
                        o.fitStartPs(), o.fitEndPs(), dtPs, (msd.length - 1) * dtPs));
            }
            found = true;
            note = "window given by the caller";
        } else {
            DiffusionOnset.Onset on = DiffusionOnset.find(msd, nFrames, o.maxFraction(), ONSET_Z, (s, e) -> {
                Line l = candidate(msd, dtPs, nFrames, nParticles, s, e, o);
                return l.var0 > 0 ? new DiffusionOnset.Candidate(s, l.slope, l.var0, birge(l.chi2PerDof())) : null;
            });
            startLag = on.startLag();
            endLag = on.endLag();
            found = on.found();
            note = on.note();
        }
        Line l = window(msd, dtPs, nFrames, nParticles, startLag, endLag, o.maxPoints(), o, groupMsd, groupAtoms);
        double twoD = 2.0 * o.dimensions();
        double chi2 = l.chi2PerDof();
        double glsErr = Math.sqrt(l.var0) * birge(chi2) / twoD;
        double jackErr = Math.sqrt(l.jackknifeVar0) / twoD;
        double err = jackErr > glsErr ? jackErr : glsErr;
        double d = l.slope / twoD;
        String reason = notDiffusive(found, d, err, l, msd, startLag, endLag, dtPs);
        if (l.note != null) {
            note = note + "; " + l.note;
        }
        note = note + errorNote(glsErr, jackErr, chi2, l.groups, twoD);
        return new Result(d, err, l.intercept, Math.sqrt(l.var1) * birge(chi2), startLag * dtPs, endLag * dtPs, l.points,
                !fixed && found, chi2, o.model(), glsErr, jackErr, reason == null, reason, note);
    }

    /** Which error was taken and why. */
    private static String errorNote(double glsErr, double jackErr, double chi2, int groups, double twoD) {
        String gls = chi2 > 1 ? String.format(java.util.Locale.ROOT, "GLS error scaled by sqrt(chi2/dof) = %.3g", birge(chi2))
                : "GLS error";
        if (!(jackErr > glsErr)) {
            return "; error: " + gls + (jackErr >= 0 ? String.format(java.util.Locale.ROOT,
                    " (jackknife over %d atom groups: %.3g A2/ps, smaller)", groups, jackErr) : "");
        }
        return String.format(java.util.Locale.ROOT, "; error: jackknife over %d atom groups (larger than the %s, %.3g A2/ps)", groups, gls, glsErr);
    }

    /** √max(1, χ²/dof); 1 when χ² is not known. */
    static double birge(double chi2PerDof) {
        return chi2PerDof > 1 ? Math.sqrt(chi2PerDof) : 1.0;
    }

    /** Why the fitted D is not a diffusion coefficient of this species, or null (see the class comment). */
    private static String notDiffusive(boolean found, double d, double err, Line l, double[] msd, int startLag, int endLag,
                                       double dtPs) {
        if (!found) {
            return "no diffusive regime: D depends on where the fit starts, for every start";
        }
        if (!(err > 0)) {
            return "no error bar for D (" + (l.note == null ? "fit failed" : l.note) + ")";
        }
        if (!(d >= MIN_SIGNIFICANCE * err)) {
            return String.format(java.util.Locale.ROOT, "D is not significantly above zero (D/sigma = %.2g < %.0f)",
                    d / err, MIN_SIGNIFICANCE);
        }
        double rise = l.slope * (endLag - startLag) * dtPs;
        if (!(rise >= msd[startLag])) {
            return String.format(java.util.Locale.ROOT, "caged: over the window the MSD rises by %.3g A^2, less than its"
                    + " value %.3g A^2 at the window start", rise, msd[startLag]);
        }
        return null;
    }

    /** A GLS line of one window (slope per ps, Å²/ps), or its OLS line with variances NaN when GLS is impossible. */
    private record Line(double slope, double intercept, double var0, double var1, double chi2, int points, String note,
                        double jackknifeVar0, int groups) {
        Line(double slope, double intercept, double var0, double var1, double chi2, int points, String note) {
            this(slope, intercept, var0, var1, chi2, points, note, Double.NaN, 0);
        }

        double chi2PerDof() {
            return points > 2 && Double.isFinite(chi2) ? chi2 / (points - 2) : Double.NaN;
        }
    }

    /**
     * The cheap GLS of a candidate window of the onset scan: {@value #CANDIDATE_POINTS} points, one covariance pass, and the
     * covariance of a walk with a non-negative intercept from lag 1 on (O(points²) instead of O(points² × start lag):
     * the measured sub-diffusive part below the window shapes the covariance only at its short-lag end, where a start
     * that is still inside it fails the stability test by far). The final fit uses the full model.
     */
    private static Line candidate(double[] msd, double dtPs, int nFrames, int nParticles, int startLag, int endLag,
                                  Options o) {
        int[] lags = pickLags(startLag, endLag, Math.min(o.maxPoints(), CANDIDATE_POINTS));
        int p = lags.length;
        double[] t = times(lags, dtPs);
        double[] y = at(msd, lags);
        double[] line = ols(t, y);
        if (!(line[0] > 0)) {
            return new Line(line[0], line[1], Double.NaN, Double.NaN, Double.NaN, p, "non-positive slope");
        }
        double icpt = Math.max(0.0, y[0] - line[0] * t[0]);
        MsdCovariance.Shape g = new MsdCovariance.Shape(msd, 1, icpt, line[0] * dtPs);
        double[][] cov = o.model() == MsdCovariance.Model.KINISI
                ? MsdCovariance.kinisi(g, nFrames, lags, nParticles, o.dimensions())
                : MsdCovariance.randomWalk(g, nFrames, lags, nParticles, o.dimensions());
        double[] gls = gls(t, y, cov);
        if (gls == null) {
            return new Line(line[0], line[1], Double.NaN, Double.NaN, Double.NaN, p, "covariance not positive definite");
        }
        return new Line(gls[0], gls[1], gls[2], gls[3], gls[4], p, null);
    }

    /** @return lag × dt for each lag, ps */
    private static double[] times(int[] lags, double dtPs) {
        double[] t = new double[lags.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = lags[i] * dtPs;
        }
        return t;
    }

    /** @return the values at the lags */
    private static double[] at(double[] msd, int[] lags) {
        double[] y = new double[lags.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = msd[lags[i]];
        }
        return y;
    }

    /** GLS of MSD = slope·t + c over the lags [startLag, endLag], two covariance iterations. */
    private static Line window(double[] msd, double dtPs, int nFrames, int nParticles, int startLag, int endLag,
                               int maxPoints, Options o, double[][] groupMsd, int[] groupAtoms) {
        int[] lags = pickLags(startLag, endLag, maxPoints);
        int p = lags.length;
        double[] t = times(lags, dtPs);
        double[] y = at(msd, lags);
        double[] line = ols(t, y);
        double[] gls = null;
        double[][] lastCov = null;
        for (int iter = 0; iter < 2; iter++) {
            double slope = gls == null ? line[0] : gls[0];
            // first pass: the OLS slope through the measured MSD at the window start (the OLS intercept is
            // dominated by the noisy long lags and can make the model MSD vanish at the start)
            double icpt = gls == null ? y[0] - slope * t[0] : gls[1];
            if (!(slope > 0)) {
                return new Line(line[0], line[1], Double.NaN, Double.NaN, Double.NaN, p,
                        "non-positive slope, no covariance model: OLS estimate without error");
            }
            if (startLag <= 1) {
                // no sub-diffusive part measured below the window: the MSD model is walk + white
                // noise, whose intercept (the noise) cannot be negative
                icpt = Math.max(icpt, 0.0);
            }
            MsdCovariance.Shape g = new MsdCovariance.Shape(msd, startLag, icpt, slope * dtPs);
            double[][] cov = o.model() == MsdCovariance.Model.KINISI
                    ? MsdCovariance.kinisi(g, nFrames, lags, nParticles, o.dimensions())
                    : MsdCovariance.randomWalk(g, nFrames, lags, nParticles, o.dimensions());
            double[][] next = {gls(t, y, cov)};
            if (next[0] == null && gls != null) {
                break; // keep the first pass and its covariance
            }
            if (next[0] == null) {
                return new Line(line[0], line[1], Double.NaN, Double.NaN, Double.NaN, p,
                        "covariance not positive definite even with jitter: OLS estimate without error");
            }
            gls = next[0];
            lastCov = cov;
        }
        if (groupMsd == null) {
            return new Line(gls[0], gls[1], gls[2], gls[3], gls[4], p, null);
        }
        double[] jack = jackknife(t, y, lags, lastCov, groupMsd, groupAtoms);
        return new Line(gls[0], gls[1], gls[2], gls[3], gls[4], p, null, jack[0], (int) jack[1]);
    }

    /**
     * Delete-one-group jackknife of the GLS slope over the atom groups, with the covariance of the full fit:
     * var = (K − 1)/K · Σ_g (slope₋g − mean)², slope₋g fitted to the MSD of all atoms but group g's.
     *
     * @return {variance of the slope (NaN with fewer than 2 groups), number of groups K}
     */
    static double[] jackknife(double[] t, double[] y, int[] lags, double[][] cov, double[][] groupMsd, int[] groupAtoms) {
        int n = 0;
        int k = 0;
        for (int g = 0; g < groupAtoms.length; g++) {
            if (groupAtoms[g] > 0) {
                n += groupAtoms[g];
                k++;
            }
        }
        if (k < 2) {
            return new double[] {Double.NaN, k};
        }
        double[] slopes = new double[k];
        double mean = 0;
        int j = 0;
        double[] yg = new double[y.length];
        for (int g = 0; g < groupAtoms.length; g++) {
            int ng = groupAtoms[g];
            if (ng == 0) {
                continue;
            }
            for (int i = 0; i < y.length; i++) {
                yg[i] = (n * y[i] - ng * groupMsd[g][lags[i]]) / (n - ng);
            }
            double[] fit = gls(t, yg, cov);
            if (fit == null) {
                return new double[] {Double.NaN, k};
            }
            slopes[j] = fit[0];
            mean += fit[0] / k;
            j++;
        }
        double ss = 0;
        for (double s : slopes) {
            ss += (s - mean) * (s - mean);
        }
        return new double[] {(k - 1.0) / k * ss, k};
    }

    /**
     * At most {@code maxPoints} distinct lags in [start, end], geometrically spaced (dense at short
     * lags, where the MSD points carry most independent information), always including both ends.
     */
    static int[] pickLags(int start, int end, int maxPoints) {
        int span = end - start;
        int want = Math.min(Math.max(2, maxPoints), span + 1);
        if (want == span + 1) {
            int[] all = new int[want];
            for (int i = 0; i < want; i++) {
                all[i] = start + i;
            }
            return all;
        }
        int[] best = null;
        for (int q = want; q <= 64 * want; q += Math.max(1, q / 8)) {
            int[] tmp = new int[q];
            int n = 0;
            for (int i = 0; i < q; i++) {
                int l = (int) Math.round(start * Math.pow((double) end / start, (double) i / (q - 1)));
                l = Math.max(start, Math.min(end, l));
                if (n == 0 || l > tmp[n - 1]) {
                    tmp[n++] = l;
                }
            }
            if (n > want) {
                break;
            }
            best = java.util.Arrays.copyOf(tmp, n);
            if (n == want) {
                break;
            }
        }
        return best;
    }

    /** @return {slope, intercept} of the ordinary least-squares line */
    static double[] ols(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double b = sxy / sxx;
        return new double[] {b, my - b * mx};
    }

    /**
     * GLS straight line. Σ is first scaled to a correlation matrix (rows/columns divided by
     * √Σ_ii), which keeps Cholesky accurate when the variances span many decades; if it is still
     * numerically not positive definite a diagonal jitter of 1e-12, 1e-10, …, 1e-6 is added.
     *
     * @return {slope, intercept, var slope, var intercept, χ²} or null if Σ cannot be factorised
     */
    static double[] gls(double[] x, double[] y, double[][] cov) {
        int p = x.length;
        double[] sd = new double[p];
        for (int i = 0; i < p; i++) {
            sd[i] = Math.sqrt(cov[i][i]);
            if (!(sd[i] > 0) || !Double.isFinite(sd[i])) {
                return null;
            }
        }
        DMatrixRMaj xm = new DMatrixRMaj(p, 3); // whitened columns: t/σ, 1/σ, y/σ
        for (int i = 0; i < p; i++) {
            xm.set(i, 0, x[i] / sd[i]);
            xm.set(i, 1, 1.0 / sd[i]);
            xm.set(i, 2, y[i] / sd[i]);
        }
        for (double jitter = 0; jitter <= 1e-6; jitter = jitter == 0 ? 1e-12 : jitter * 100) {
            DMatrixRMaj r = new DMatrixRMaj(p, p);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    r.set(i, j, cov[i][j] / (sd[i] * sd[j]));
                }
                r.add(i, i, jitter);
            }
            LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(p);
            if (!chol.setA(r)) {
                continue;
            }
            DMatrixRMaj sol = new DMatrixRMaj(p, 3);
            chol.solve(xm, sol);
            double a00 = 0;
            double a01 = 0;
            double a11 = 0;
            double b0 = 0;
            double b1 = 0;
            double yy = 0;
            for (int i = 0; i < p; i++) {
                double xi = xm.get(i, 0);
                double oi = xm.get(i, 1);
                double yi = xm.get(i, 2);
                a00 += xi * sol.get(i, 0);
                a01 += xi * sol.get(i, 1);
                a11 += oi * sol.get(i, 1);
                b0 += xi * sol.get(i, 2);
                b1 += oi * sol.get(i, 2);
                yy += yi * sol.get(i, 2);
            }
            double det = a00 * a11 - a01 * a01;
            if (!(det > 0) || !Double.isFinite(det)) {
                continue;
            }
            double slope = (a11 * b0 - a01 * b1) / det;
            double icpt = (a00 * b1 - a01 * b0) / det;
            double chi2 = yy - (slope * b0 + icpt * b1); // yᵀΣ⁻¹y − βᵀXᵀΣ⁻¹y
            return new double[] {slope, icpt, a11 / det, a00 / det, chi2};
        }
        return null;
    }
}
