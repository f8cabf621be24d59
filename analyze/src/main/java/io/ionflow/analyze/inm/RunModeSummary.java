package io.ionflow.analyze.inm;

import java.util.List;

/**
 * One run's instantaneous-normal-mode summary over its snapshots: the mean unstable-mode fraction with
 * its standard error (sample standard deviation / √n; NaN for one snapshot) and the mean INM density of
 * states on the snapshots' common frequency bins.
 *
 * @param snapshots   number of snapshots n
 * @param fuMean      mean f_u
 * @param fuErr       standard error of the mean, NaN when n = 1
 * @param binCentreThz bin centres, THz (imaginary frequencies as negative values, as in {@link InmDos})
 * @param modesPerBin mean number of modes per bin per snapshot
 * @param dosPerThz   the density normalised to integrate to 1 over the bins, THz⁻¹ (0 when no mode falls in them)
 */
public record RunModeSummary(int snapshots, double fuMean, double fuErr, double[] binCentreThz, double[] modesPerBin,
                             double[] dosPerThz) {

    /**
     * @param fu        f_u of each snapshot
     * @param dosCounts mode counts per bin of each snapshot (same bins)
     * @param edgesThz  the bins' edges, THz (one more than the bins)
     */
    public static RunModeSummary of(List<Double> fu, List<double[]> dosCounts, double[] edgesThz) {
        int n = fu.size();
        if (n == 0 || dosCounts.size() != n) {
            throw new IllegalArgumentException("need one DOS per snapshot and at least one snapshot, got " + n + " f_u and "
                    + dosCounts.size() + " DOS");
        }
        double[] fuMean = SnapshotMeans.meanAndError(fu.stream().mapToDouble(Double::doubleValue).toArray());
        int bins = edgesThz.length - 1;
        double[] sum = new double[bins];
        for (double[] c : dosCounts) {
            if (c.length != bins) throw new IllegalArgumentException("DOS of " + c.length + " bins, edges give " + bins);
            for (int i = 0; i < bins; i++) sum[i] += c[i];
        }
        double total = 0;
        for (double v : sum) total += v;
        double[] centre = new double[bins], perBin = new double[bins], density = new double[bins];
        for (int i = 0; i < bins; i++) {
            double w = edgesThz[i + 1] - edgesThz[i];
            centre[i] = 0.5 * (edgesThz[i] + edgesThz[i + 1]);
            perBin[i] = sum[i] / n;
            density[i] = total > 0 ? sum[i] / (total * w) : 0.0;
        }
        return new RunModeSummary(n, fuMean[0], fuMean[1], centre, perBin, density);
    }
}
