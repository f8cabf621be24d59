package io.ionflow.analyze;

import java.util.Locale;

/**
 * The self-diffusion coefficient of one species from its finished MSD or VACF, the "is it diffusion at all"
 * verdict and a one-line note saying how it was obtained — the finishing step every path (Spark job or
 * kernel) applies to a run's sums. A species that cannot be fitted gets NaN values, {@code diffusive} false
 * and a note starting with {@code NOT DIFFUSIVE:}.
 *
 * @param dCm2PerS   D, cm²/s (NaN when no estimate)
 * @param errCm2PerS its standard error, cm²/s
 * @param startPs    start of the fit window or plateau, ps
 * @param endPs      its end, ps
 * @param diffusive  whether the data support a diffusion coefficient
 * @param note       how D was obtained, prefixed by {@code NOT DIFFUSIVE: reason; } when not diffusive
 */
public record TransportEstimate(double dCm2PerS, double errCm2PerS, double startPs, double endPs, boolean diffusive,
                                String note) implements java.io.Serializable {

    /**
     * GLS fit of MSD = 6Dt + c ({@link DiffusionFit}) over the given window, or the automatic one when
     * {@code fitStartPs} is NaN.
     */
    public static TransportEstimate fromMsd(MsdResult m, double fitStartPs, double fitEndPs) {
        DiffusionFit.Options opt = DiffusionFit.Options.defaults();
        if (!Double.isNaN(fitStartPs)) opt = opt.withWindow(fitStartPs, fitEndPs);
        try {
            DiffusionFit.Result f = DiffusionFit.fit(m, opt);
            String note = String.format(Locale.ROOT, "%sGLS fit of MSD = 6Dt + c, %d points, chi2/dof %.2f; %s",
                    f.diffusive() ? "" : "NOT DIFFUSIVE: " + f.reason() + "; ", f.nPoints(), f.chi2PerDof(), f.note());
            return new TransportEstimate(f.dCm2PerS(), f.stdErrCm2PerS(), f.fitStartPs(), f.fitEndPs(), f.diffusive(), note);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return none("NOT DIFFUSIVE: no fit: " + e.getMessage());
        }
    }

    /**
     * Green–Kubo plateau of (1/3)∫VACF ({@link VacfResult#plateau()}) over the given window, or the automatic
     * one when {@code fitStartPs} is NaN; error from atom blocks.
     */
    public static TransportEstimate fromVacf(VacfResult v, double fitStartPs, double fitEndPs) {
        boolean fixed = !Double.isNaN(fitStartPs);
        try {
            VacfResult.Plateau p = fixed ? v.plateau(fitStartPs, fitEndPs) : v.plateau();
            String note = String.format(Locale.ROOT, "Green-Kubo plateau of (1/3)∫VACF over [%.4g, %.4g] ps (%s), error from %d"
                            + " atom blocks, spread in window %.3g A2/ps", p.startPs(), p.endPs(),
                    fixed ? "window given" : "automatic window", p.nBlocks(), p.spread());
            String why = p.notDiffusive();
            return new TransportEstimate(p.dCm2PerS(), p.stdErrCm2PerS(), p.startPs(), p.endPs(), why == null,
                    (why == null ? "" : "NOT DIFFUSIVE: " + why + "; ") + note);
        } catch (IllegalArgumentException e) {
            return none("NOT DIFFUSIVE: no plateau: " + e.getMessage());
        }
    }

    private static TransportEstimate none(String note) {
        return new TransportEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, note);
    }
}
