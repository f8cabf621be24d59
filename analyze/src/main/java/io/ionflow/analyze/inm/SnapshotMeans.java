package io.ionflow.analyze.inm;

/**
 * One run's mode quantities averaged over its snapshots, from the per-snapshot values of a modes table (IonFlow's
 * {@code analysis/modes} or another tool's): the mean unstable-mode fraction f_u and the mean double-well fraction
 * f_dw, each with the standard error of the mean (sample standard deviation / √n, snapshots taken as independent —
 * correlated snapshots make it an underestimate; NaN for fewer than two), and the mean unstable frequency, weighted by
 * each snapshot's number of unstable modes when that is known. A missing value is NaN and is left out of its mean.
 *
 * @param nSnapshots      snapshots with an f_u
 * @param fU              mean f_u (NaN when no snapshot has one)
 * @param fUErr           its standard error
 * @param meanUnstableThz mean unstable frequency, THz
 * @param fDw             mean f_dw
 * @param fDwErr          its standard error
 */
public record SnapshotMeans(long nSnapshots, double fU, double fUErr, double meanUnstableThz, double fDw,
                            double fDwErr) {

    /**
     * @param fU              f_u per snapshot
     * @param meanUnstableThz mean unstable frequency per snapshot, THz
     * @param nUnstable       unstable modes per snapshot (the weights of meanUnstableThz), or null when unknown
     * @param fDw             f_dw per snapshot
     */
    public static SnapshotMeans of(double[] fU, double[] meanUnstableThz, double[] nUnstable, double[] fDw) {
        double[] u = meanAndError(fU);
        double[] dw = meanAndError(fDw);
        double nu = nUnstable == null ? meanAndError(meanUnstableThz)[0] : weightedMean(meanUnstableThz, nUnstable);
        return new SnapshotMeans((long) u[2], u[0], u[1], nu, dw[0], dw[1]);
    }

    /**
     * Mean, standard error of the mean (sample standard deviation / √n) and n of the finite values; NaN for the mean
     * when there is none, for the error when there are fewer than two.
     */
    public static double[] meanAndError(double[] values) {
        int n = 0;
        for (double v : values) {
            n += Double.isFinite(v) ? 1 : 0;
        }
        double mean = n > 0 ? 0 : Double.NaN;
        for (double v : values) {
            mean += Double.isFinite(v) ? v / n : 0;
        }
        double ss = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        return new double[] {mean, n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN, n};
    }

    /** Σ wᵢ xᵢ / Σ wᵢ over the snapshots where both are finite; NaN when the weights sum to zero. */
    static double weightedMean(double[] x, double[] w) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(w[i])) {
                num += w[i] * x[i];
                den += w[i];
            }
        }
        return den != 0 ? num / den : Double.NaN;
    }
}
