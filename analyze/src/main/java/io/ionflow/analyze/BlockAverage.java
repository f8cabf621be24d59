package io.ionflow.analyze;

/**
 * Block-averaging cross-check of D: the trajectory is cut into {@code nBlocks} consecutive time
 * blocks, an FFT MSD is computed in each, D is fitted in each by ordinary least squares over the
 * same window, and D = mean ± standard deviation/√nBlocks. Needs blocks several times longer than
 * the window end; cheap (one FFT MSD per block).
 */
public final class BlockAverage {
    private BlockAverage() {}

    /**
     * @param d        mean of the block estimates, Å²/ps
     * @param stdErr   standard error of the mean, Å²/ps
     * @param perBlock the block estimates, Å²/ps
     */
    public record Estimate(double d, double stdErr, double[] perBlock) {
        /** @return D in cm²/s */
        public double dCm2PerS() {
            return DiffusionFit.toCm2PerS(d);
        }

        /** @return standard error in cm²/s */
        public double stdErrCm2PerS() {
            return DiffusionFit.toCm2PerS(stdErr);
        }
    }

    /**
     * @param traj       unwrapped (drift-corrected) positions, Å
     * @param atoms      atoms to average
     * @param dtPs       frame spacing, ps
     * @param nBlocks    number of time blocks (≥ 2)
     * @param fitStartPs window start, ps
     * @param fitEndPs   window end, ps (must be shorter than a block)
     * @return block-averaged D, Å²/ps
     */
    public static Estimate diffusion(Trajectory traj, int[] atoms, double dtPs, int nBlocks,
                                     double fitStartPs, double fitEndPs) {
        if (nBlocks < 2) {
            throw new IllegalArgumentException("block averaging needs at least 2 blocks, got " + nBlocks);
        }
        int len = traj.frames() / nBlocks;
        int s = (int) Math.round(fitStartPs / dtPs);
        int e = (int) Math.round(fitEndPs / dtPs);
        if (s < 0 || e <= s || e > len - 1) {
            throw new IllegalArgumentException(String.format(
                    "window [%g, %g] ps does not fit in a block of %d frames (%g ps)", fitStartPs, fitEndPs, len, len * dtPs));
        }
        double[] ds = new double[nBlocks];
        double[] bx = new double[len];
        double[] by = new double[len];
        double[] bz = new double[len];
        for (int b = 0; b < nBlocks; b++) {
            MsdAccumulator acc = new MsdAccumulator(len, dtPs, e);
            for (int a : atoms) {
                System.arraycopy(traj.x(a), b * len, bx, 0, len);
                System.arraycopy(traj.y(a), b * len, by, 0, len);
                System.arraycopy(traj.z(a), b * len, bz, 0, len);
                acc.add(bx, by, bz);
            }
            double[] msd = acc.result().total();
            int p = e - s + 1;
            double[] t = new double[p];
            double[] y = new double[p];
            for (int i = 0; i < p; i++) {
                t[i] = (s + i) * dtPs;
                y[i] = msd[s + i];
            }
            ds[b] = DiffusionFit.ols(t, y)[0] / 6.0;
        }
        double mean = 0;
        for (double d : ds) {
            mean += d;
        }
        mean /= nBlocks;
        double v = 0;
        for (double d : ds) {
            v += (d - mean) * (d - mean);
        }
        return new Estimate(mean, Math.sqrt(v / (nBlocks - 1) / nBlocks), ds);
    }
}
