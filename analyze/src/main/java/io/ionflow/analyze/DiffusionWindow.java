package io.ionflow.analyze;

/**
 * Automatic choice of the diffusive window of an MSD from its log-log slope.
 *
 * <p>Candidate lags: a logarithmic grid (10 per decade) from 1 frame to
 * L_max = min(maxLag, ⌊maxFraction·(T−1)⌋) — by default half the trajectory, beyond which the MSD
 * is averaged over too few origins. At each grid lag the local slope β = d ln MSD / d ln t is the
 * centred difference over the neighbouring grid lags. Runs of consecutive grid lags with
 * |β − 1| ≤ tolerance are candidate windows; the window is the <em>earliest</em> run that spans at
 * least a factor 3 in lag (otherwise the run longest in ln lag). This excludes the ballistic start
 * (β ≈ 2) and sub-diffusive cage plateaus (β ≪ 1), ignores a β that only crosses 1 between two
 * regimes, and does not jump to a late fragment when noise in the tail breaks the run (the run
 * then simply ends early, which costs little precision since the short-lag end of the window
 * carries most of the information). If no run of two or more grid lags exists, the
 * window falls back to [L_max/10, L_max] and says so in {@link Window#note()}.
 */
public final class DiffusionWindow {
    private DiffusionWindow() {}

    /** Grid points per decade of lag. */
    static final int PER_DECADE = 10;
    /** A run must span at least this factor in lag to be preferred. */
    static final double MIN_SPAN = 3.0;

    /**
     * A fit window in lags.
     *
     * @param startLag first lag, frames
     * @param endLag   last lag, frames
     * @param auto     true if found from the slope criterion
     * @param note     how it was chosen
     */
    public record Window(int startLag, int endLag, boolean auto, String note) {}

    /**
     * @param msd         MSD per lag (index = lag), Å²
     * @param nFrames     frames of the trajectory
     * @param tolerance   allowed |β − 1|, e.g. 0.15
     * @param maxFraction longest lag as a fraction of the trajectory, e.g. 0.5
     * @return the window
     */
    public static Window auto(double[] msd, int nFrames, double tolerance, double maxFraction) {
        int lMax = Math.min(msd.length - 1, (int) Math.floor(maxFraction * (nFrames - 1)));
        if (lMax < 2) {
            throw new IllegalArgumentException("MSD too short for a diffusion fit: longest usable lag is " + lMax + " frames");
        }
        int[] grid = grid(lMax);
        int g = grid.length;
        boolean[] ok = new boolean[g];
        for (int k = 0; k < g; k++) {
            int a = grid[Math.max(0, k - 1)];
            int b = grid[Math.min(g - 1, k + 1)];
            if (msd[a] > 0 && msd[b] > 0 && b > a) {
                double beta = Math.log(msd[b] / msd[a]) / Math.log((double) b / a);
                ok[k] = Math.abs(beta - 1.0) <= tolerance;
            }
        }
        // runs of accepted grid lags; prefer the earliest run spanning at least a factor MIN_SPAN in
        // lag (the diffusive regime proper: a β that merely crosses 1 between two regimes, or a
        // noise-broken tail fragment, is shorter or later); else the run longest in ln(lag) among
        // those starting at lag >= lMax/10 (a late stretch in a short trajectory); a short run at
        // early lags is a crossover (ballistic to caged near 0.2 ps), whose slope says nothing about D
        int late = Math.max(1, lMax / 10);
        int bestStart = -1;
        int bestEnd = -1;
        int longStart = -1;
        int longEnd = -1;
        for (int k = 0; k < g; ) {
            if (!ok[k]) {
                k++;
                continue;
            }
            int e = k;
            while (e + 1 < g && ok[e + 1]) {
                e++;
            }
            if (e > k) {
                if (bestStart < 0 && grid[e] >= MIN_SPAN * grid[k]) {
                    bestStart = k;
                    bestEnd = e;
                }
                if (grid[k] >= late
                        && (longStart < 0 || (double) grid[e] / grid[k] > (double) grid[longEnd] / grid[longStart])) {
                    longStart = k;
                    longEnd = e;
                }
            }
            k = e + 1;
        }
        if (bestStart < 0) {
            bestStart = longStart;
            bestEnd = longEnd;
        }
        if (bestStart < 0) {
            return new Window(late, lMax, false, String.format(
                    "no diffusive regime found (|d ln MSD/d ln t - 1| <= %.2f only in a crossover at lags < %d, or nowhere, up to lag %d); window forced to [%d, %d] frames",
                    tolerance, late, lMax, late, lMax));
        }
        return new Window(grid[bestStart], grid[bestEnd], true, String.format(
                "auto: earliest run (spanning x%.0f in lag) with |d ln MSD/d ln t - 1| <= %.2f, lags <= %.2f of the trajectory", MIN_SPAN, tolerance, maxFraction));
    }

    static int[] grid(int lMax) {
        int[] tmp = new int[(int) (PER_DECADE * Math.log10(lMax)) + 3];
        int n = 0;
        int prev = 0;
        for (int i = 0; ; i++) {
            int l = (int) Math.round(Math.pow(10.0, (double) i / PER_DECADE));
            if (l > lMax) {
                break;
            }
            if (l > prev) {
                if (n == tmp.length) {
                    tmp = java.util.Arrays.copyOf(tmp, 2 * n);
                }
                tmp[n++] = l;
                prev = l;
            }
        }
        if (prev < lMax) {
            if (n == tmp.length) {
                tmp = java.util.Arrays.copyOf(tmp, n + 1);
            }
            tmp[n++] = lMax;
        }
        return java.util.Arrays.copyOf(tmp, n);
    }
}
