package io.ionflow.analyze;

import java.util.Locale;

/**
 * Where the diffusive regime of an MSD begins: the earliest fit start from which the fitted D no
 * longer changes when the start is moved later.
 *
 * <p>Why not the log-log slope: d ln MSD / d ln t approaches 1 only as 1 + O(τ/t) when the MSD
 * has an intercept (ballistic start, vibrational cage), and in a dense liquid it crosses 1 near the
 * maximum of the running Green–Kubo integral, where the local slope of the MSD is tens of per cent
 * above its long-time value (a 50/50 Ar/Kr Lennard-Jones liquid at 134 K: D_Ar 45 % too high). A
 * window that starts there gives a precise, wrong D.
 *
 * <p>The rule (a specification test in the sense of Hausman, Econometrica 46, 1251 (1978)): candidate
 * starts s_1 < s_2 < … lie on a logarithmic grid (10 per decade) from lag 1 to L/3, with L the
 * longest usable lag; every candidate window is [s_k, L]. If MSD = 6Dt + c holds from s_k on, the
 * GLS estimate D_k is efficient and every later start gives D_j (j > k) that differs from it only by
 * noise, with Var(D_j − D_k) = Var D_j − Var D_k (nested windows, efficient estimator). The onset is
 * the earliest s_k with |D_j − D_k| ≤ z·√(Var D_j − Var D_k) for every later j (z = 3: about 20
 * correlated comparisons per start, so a family-wise false alarm stays rare; variances taken at the
 * larger of the two slopes, since the covariance of the MSD scales with the slope squared and a fit
 * that came out low must not look precise; for the later fit, its empirical variance — the GLS one
 * times χ²/dof — where that is larger, so noise the covariance model misses does not push the onset
 * late). The fit then
 * starts {@value #MARGIN}× later than the onset found (the next candidate at or beyond it): what
 * curvature the test cannot resolve decays fast (exponentially after a ballistic start or a cage),
 * and the margin keeps its bias well below the error bar at little cost in precision. Curvature that the data can resolve — ballistic motion, a
 * cage, the backscattering overshoot of a liquid, a sub-diffusive stretch — makes early starts fail;
 * curvature the data cannot resolve is below the error bar by construction. On a pure random walk the
 * earliest start passes, so nothing is lost there. Like kinisi (which asks the user for the start of
 * the diffusive regime) the fit then runs to L; unlike a log-slope threshold the rule has no
 * tolerance tuned to one system: its only parameter is the significance z.
 *
 * <p>If no candidate passes, there is no diffusive regime that the data can resolve: the result
 * says so and the fit falls back to the last candidate window.
 */
public final class DiffusionOnset {
    private DiffusionOnset() {}

    /** Candidate starts per decade of lag. */
    static final int PER_DECADE = 10;
    /** A candidate window spans at least this factor in lag. */
    static final double MIN_SPAN = 3.0;
    /** The fit starts this factor after the earliest stable start (or at the last candidate). */
    static final double MARGIN = 2.0;

    /** One candidate fit: D (any unit), its variance and the Birge factor of the fit. */
    public record Candidate(int startLag, double d, double variance, double birge) {}

    /** Fits the window [startLag, endLag] of the MSD (the caller's GLS). */
    @FunctionalInterface
    public interface WindowFit {
        /**
         * @param startLag first lag, frames
         * @param endLag   last lag, frames
         * @return the fit, or null when it has no error bar (non-positive slope, singular covariance)
         */
        Candidate fit(int startLag, int endLag);
    }

    /**
     * The chosen start.
     *
     * @param startLag   first lag of the window, frames
     * @param endLag     last lag, frames
     * @param found      true when some start passed the stability test
     * @param candidates how many starts were tried
     * @param note       how the start was chosen, or why none passed
     */
    public record Onset(int startLag, int endLag, boolean found, int candidates, String note) {}

    /**
     * @param msd         MSD per lag (index = lag), Å²
     * @param nFrames     frames T of the trajectory
     * @param maxFraction longest lag as a fraction of the trajectory (0.5: half of it)
     * @param z           significance of the stability test (2)
     * @param fitter      the GLS fit of one window
     * @return the onset of the diffusive regime
     */
    public static Onset find(double[] msd, int nFrames, double maxFraction, double z, WindowFit fitter) {
        int lMax = longestLag(msd, nFrames, maxFraction);
        int[] starts = candidateStarts(lMax);
        Candidate[] fits = new Candidate[starts.length];
        for (int k = 0; k < starts.length; k++) {
            fits[k] = fitter.fit(starts[k], lMax);
        }
        int firstStable = -1;
        String worst = null;
        for (int k = 0; k < starts.length && firstStable < 0; k++) {
            if (fits[k] == null) {
                continue;
            }
            String conflict = conflict(fits, k, z);
            if (conflict == null) {
                firstStable = k;
            } else if (worst == null) {
                worst = conflict;
            }
        }
        if (firstStable < 0) {
            int last = starts[starts.length - 1];
            return new Onset(last, lMax, false, starts.length, String.format(Locale.ROOT,
                    "no diffusive regime found: D fitted from every start in [1, %d] frames changes beyond %.1f sigma when"
                            + " the start moves later (%s); window forced to [%d, %d] frames",
                    last, z, worst == null ? "no fit with an error bar" : worst, last, lMax));
        }
        int chosen = firstStable;
        while (chosen + 1 < starts.length && starts[chosen] < MARGIN * starts[firstStable]) {
            chosen++;
        }
        return new Onset(starts[chosen], lMax, true, starts.length, String.format(Locale.ROOT,
                "auto: earliest of %d starts from which D is stable within %.1f sigma for every later start, to lag %d"
                        + " (%.2f of the trajectory)%s",
                starts.length, z, lMax, maxFraction,
                firstStable == 0 ? "" : "; earlier starts fail (" + worst + ")"));
    }

    /** The first later start whose D differs from start k's beyond z standard errors of the difference, or null. */
    static String conflict(Candidate[] fits, int k, double z) {
        Candidate a = fits[k];
        for (int j = k + 1; j < fits.length; j++) {
            Candidate b = fits[j];
            if (b == null) {
                continue;
            }
            // both variances at the common slope s* = max(|D_a|, |D_b|): the covariance of MSD points grows as the
            // slope squared, so a fit that came out low would otherwise get too small an error (with few particles
            // the later fits scatter by tens of per cent)
            double common = Math.max(Math.abs(a.d()), Math.abs(b.d()));
            double va = a.variance() * sq(common / a.d());
            // the later fit: the model variance at the common slope, or its empirical (Birge-scaled) variance if larger
            double vb = Math.max(b.variance() * sq(common / b.d()), b.variance() * sq(b.birge()));
            double varDiff = Math.max(vb - va, 0.0);
            // floor: the difference of two fits of nearly the same window is never known better than 1 % of the error
            varDiff = Math.max(varDiff, 1e-4 * vb);
            double zDiff = Math.abs(b.d() - a.d()) / Math.sqrt(varDiff);
            if (!(zDiff <= z)) {
                return String.format(Locale.ROOT, "start %d vs %d frames: D %.4g vs %.4g, %.1f sigma", a.startLag(),
                        b.startLag(), a.d(), b.d(), zDiff);
            }
        }
        return null;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** L = min(max lag, ⌊maxFraction·(T − 1)⌋), at least 3 frames. */
    static int longestLag(double[] msd, int nFrames, double maxFraction) {
        int lMax = Math.min(msd.length - 1, (int) Math.floor(maxFraction * (nFrames - 1)));
        if (lMax < 3) {
            throw new IllegalArgumentException("MSD too short for a diffusion fit: longest usable lag is " + lMax + " frames");
        }
        return lMax;
    }

    /** Logarithmic grid of starts from lag 1 to ⌊L/3⌋ (at least lag 1). */
    static int[] candidateStarts(int lMax) {
        int last = Math.max(1, (int) Math.floor(lMax / MIN_SPAN));
        int[] tmp = new int[PER_DECADE * 10 + 2];
        int n = 0;
        int prev = 0;
        for (int i = 0; ; i++) {
            int l = (int) Math.round(Math.pow(10.0, (double) i / PER_DECADE));
            if (l > last) {
                break;
            }
            if (l > prev) {
                tmp[n++] = l;
                prev = l;
            }
        }
        return java.util.Arrays.copyOf(tmp, n);
    }
}
