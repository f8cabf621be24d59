package io.ionflow.analyze;

/**
 * Checks that frame times are uniformly spaced; every kernel takes a single frame spacing
 * {@code dt} and would silently be wrong on an irregular grid.
 */
public final class TimeGrid {
    private TimeGrid() {}

    /** An irregular or unusable time grid; {@link #frame()} is the offending frame, as a value (−1: no single frame). */
    public static final class IrregularGrid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int frame;

        IrregularGrid(String message, int frame) {
            super(message);
            this.frame = frame;
        }

        /** @return the first frame the problem is about (for a step, the frame before it), or −1 */
        public int frame() {
            return frame;
        }
    }

    /** Relative tolerance on each step with respect to the mean step. */
    public static final double RELATIVE_TOLERANCE = 1e-6;

    /**
     * Returns the uniform frame spacing of {@code timesPs}, or refuses an irregular grid.
     *
     * @param timesPs frame times, ps, strictly increasing
     * @return the mean spacing (t_last − t_0)/(n − 1), ps
     * @throws IrregularGrid naming the first offending frame when a step differs from
     *                                  the mean step by more than 1e-6 relative, or times are
     *                                  non-finite, not increasing or fewer than two
     */
    public static double uniformStep(double[] timesPs) {
        return uniformStep(timesPs, "trajectory");
    }

    /**
     * As {@link #uniformStep(double[])}, with a context (e.g. run id and file) put in the message.
     *
     * @param timesPs frame times, ps
     * @param context what the times belong to, for the error message
     * @return the mean spacing, ps
     */
    public static double uniformStep(double[] timesPs, String context) {
        int n = timesPs.length;
        if (n < 2) {
            throw new IrregularGrid(context + ": need at least 2 frame times to define a time step, got " + n, -1);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(timesPs[i])) {
                throw new IrregularGrid(context + ": frame " + i + " has non-finite time " + timesPs[i], i);
            }
        }
        double dt = (timesPs[n - 1] - timesPs[0]) / (n - 1);
        if (!(dt > 0)) {
            throw new IrregularGrid(context + ": frame times are not increasing (t0 = "
                    + timesPs[0] + " ps, t_last = " + timesPs[n - 1] + " ps)", -1);
        }
        for (int i = 1; i < n; i++) {
            double step = timesPs[i] - timesPs[i - 1];
            if (Math.abs(step - dt) > RELATIVE_TOLERANCE * dt) {
                throw new IrregularGrid(String.format(
                        "%s: irregular frame spacing between frame %d (t = %.9g ps) and frame %d (t = %.9g ps): "
                                + "step %.9g ps differs from the mean step %.9g ps by more than %.0e relative "
                                + "(missing, duplicated or unsorted frames?)",
                        context, i - 1, timesPs[i - 1], i, timesPs[i], step, dt, RELATIVE_TOLERANCE), i - 1);
            }
        }
        return dt;
    }
}
