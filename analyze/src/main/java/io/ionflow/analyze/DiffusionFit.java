package io.ionflow.analyze;

import io.ionflow.simulate.Units;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Self-diffusion coefficient from an MSD with an honest uncertainty: MSD(t) = 2·D_dim·D·t + c fitted
 * by generalised least squares (GLS) over a diffusive window.
 *
 * <p>Procedure: (1) window — automatic from the log-log slope ({@link DiffusionWindow}) unless
 * {@code fitStartPs/fitEndPs} are given; (2) at most {@code maxPoints} geometrically spaced lags of the
 * window are used (neighbouring MSD points are almost perfectly correlated, so thinning loses
 * little information and keeps the covariance well conditioned; the dense short-lag end is where
 * the independent information is); (3) ordinary least squares gives
 * a first line; (4) the covariance Σ of the MSD points is built from that line
 * ({@link MsdCovariance}), scaled to a correlation matrix and Cholesky-factorised with EJML (a
 * diagonal jitter of 1e-12…1e-6 is added only if it is numerically not positive definite, cf.
 * kinisi's minimum-eigenvalue reconditioning), and GLS gives β = (XᵀΣ⁻¹X)⁻¹XᵀΣ⁻¹y with Cov β = (XᵀΣ⁻¹X)⁻¹;
 * (5) step 4 is repeated once with the GLS line. D = slope/(2·dims); its standard error is
 * √Cov₀₀/(2·dims).
 *
 * <p>The covariance assumes Gaussian, independent particles; strongly non-Gaussian hopping or
 * correlated ions make the error an underestimate — cross-check with {@link BlockAverage}.
 */
public final class DiffusionFit {
    private DiffusionFit() {}

    /**
     * Fit options. NaN for {@code fitStartPs}/{@code fitEndPs} means automatic.
     *
     * @param fitStartPs     window start, ps (NaN = auto)
     * @param fitEndPs       window end, ps (NaN = auto)
     * @param slopeTolerance allowed |d ln MSD/d ln t − 1| for the automatic window
     * @param maxFraction    longest lag for the automatic window, fraction of the trajectory
     * @param maxPoints      at most this many MSD points enter the fit
     * @param model          covariance model of the MSD points
     * @param dimensions     dimensionality (3)
     */
    public record Options(double fitStartPs, double fitEndPs, double slopeTolerance, double maxFraction,
                          int maxPoints, MsdCovariance.Model model, int dimensions) {
        /** @return automatic window, tolerance 0.15, half the trajectory, 50 points, random-walk covariance, 3-D */
        public static Options defaults() {
            return new Options(Double.NaN, Double.NaN, 0.15, 0.5, 50, MsdCovariance.Model.RANDOM_WALK, 3);
        }

        /**
         * @param startPs window start, ps
         * @param endPs window end, ps
         * @return options with a fixed window
         */
        public Options withWindow(double startPs, double endPs) {
            return new Options(startPs, endPs, slopeTolerance, maxFraction, maxPoints, model, dimensions);
        }

        /**
         * @param m covariance model
         * @return options using it
         */
        public Options withModel(MsdCovariance.Model m) {
            return new Options(fitStartPs, fitEndPs, slopeTolerance, maxFraction, maxPoints, m, dimensions);
        }

        /**
         * @param tol slope tolerance
         * @return options using it
         */
        public Options withSlopeTolerance(double tol) {
            return new Options(fitStartPs, fitEndPs, tol, maxFraction, maxPoints, model, dimensions);
        }
    }

    /**
     * A diffusion fit.
     *
     * @param d               diffusion coefficient, Å²/ps
     * @param stdErr          its standard error, Å²/ps (NaN if the covariance could not be built)
     * @param intercept       intercept c of the MSD line, Å²
     * @param interceptStdErr its standard error, Å²
     * @param fitStartPs      window start, ps
     * @param fitEndPs        window end, ps
     * @param nPoints         MSD points used
     * @param autoWindow      true if the window came from the slope criterion
     * @param chi2PerDof      generalised χ²/(points − 2), ≈ 1 when the covariance model fits
     * @param model           covariance model used
     * @param note            how the window was chosen, or what went wrong
     */
    public record Result(double d, double stdErr, double intercept, double interceptStdErr, double fitStartPs,
                         double fitEndPs, int nPoints, boolean autoWindow, double chi2PerDof,
                         MsdCovariance.Model model, String note) {
        /** @return D in cm²/s */
        public double dCm2PerS() {
            return toCm2PerS(d);
        }

        /** @return standard error of D in cm²/s */
        public double stdErrCm2PerS() {
            return toCm2PerS(stdErr);
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
        return fit(msd.total(), msd.dtPs(), msd.frames(), msd.particles(), options);
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
        if (nParticles < 1) {
            throw new IllegalArgumentException("need at least one particle, got " + nParticles);
        }
        if (o.maxPoints() < 2 || o.dimensions() < 1 || !(o.slopeTolerance() > 0)
                || !(o.maxFraction() > 0 && o.maxFraction() <= 1)) {
            throw new IllegalArgumentException("invalid fit options " + o);
        }
        DiffusionWindow.Window w;
        boolean fixed = !Double.isNaN(o.fitStartPs()) || !Double.isNaN(o.fitEndPs());
        if (fixed) {
            int s = (int) Math.round(o.fitStartPs() / dtPs);
            int e = (int) Math.round(o.fitEndPs() / dtPs);
            if (Double.isNaN(o.fitStartPs()) || Double.isNaN(o.fitEndPs()) || s < 1 || e > msd.length - 1 || e - s < 1) {
                throw new IllegalArgumentException(String.format(
                        "fit window [%g, %g] ps must hold at least two lags within [%g, %g] ps",
                        o.fitStartPs(), o.fitEndPs(), dtPs, (msd.length - 1) * dtPs));
            }
            w = new DiffusionWindow.Window(s, e, false, "window given by the caller");
        } else {
            w = DiffusionWindow.auto(msd, nFrames, o.slopeTolerance(), o.maxFraction());
        }
        int[] lags = pickLags(w.startLag(), w.endLag(), o.maxPoints());
        int p = lags.length;
        double[] t = new double[p];
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            t[i] = lags[i] * dtPs;
            y[i] = msd[lags[i]];
        }
        double[] line = ols(t, y);
        double twoD = 2.0 * o.dimensions();
        String note = w.note();
        double[] gls = null;
        for (int iter = 0; iter < 2; iter++) {
            double slope = gls == null ? line[0] : gls[0];
            double icpt = gls == null ? line[1] : gls[1];
            if (!(slope > 0)) {
                note = note + "; non-positive slope, no covariance model: OLS estimate without error";
                gls = null;
                break;
            }
            if (w.startLag() <= 1) {
                // no sub-diffusive part measured below the window: the MSD model is walk + white
                // noise, whose intercept (the noise) cannot be negative
                icpt = Math.max(icpt, 0.0);
            }
            MsdCovariance.Shape g = new MsdCovariance.Shape(msd, w.startLag(), icpt, slope * dtPs);
            double[][] cov = o.model() == MsdCovariance.Model.KINISI
                    ? MsdCovariance.kinisi(g, nFrames, lags, nParticles, o.dimensions())
                    : MsdCovariance.randomWalk(g, nFrames, lags, nParticles, o.dimensions());
            gls = gls(t, y, cov);
            if (gls == null) {
                note = note + "; covariance not positive definite even with jitter: OLS estimate without error";
                break;
            }
        }
        if (gls == null) {
            return new Result(line[0] / twoD, Double.NaN, line[1], Double.NaN, w.startLag() * dtPs,
                    w.endLag() * dtPs, p, w.auto(), Double.NaN, o.model(), note);
        }
        return new Result(gls[0] / twoD, Math.sqrt(gls[2]) / twoD, gls[1], Math.sqrt(gls[3]),
                w.startLag() * dtPs, w.endLag() * dtPs, p, w.auto(), gls[4] / Math.max(1, p - 2), o.model(), note);
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
