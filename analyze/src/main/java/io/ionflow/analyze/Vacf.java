package io.ionflow.analyze;

/** Velocity autocorrelation over a {@link Trajectory} of velocities (see {@link VacfAccumulator}). */
public final class Vacf {
    private Vacf() {}

    /**
     * Species-averaged VACF (unit weights) with {@link VacfAccumulator#DEFAULT_BLOCKS} atom blocks.
     *
     * @param velocities velocities, Å/ps
     * @param atoms      atoms to average
     * @param dtPs       frame spacing, ps
     * @param maxLag     largest lag, frames
     * @return C(t) in Å²/ps², with Green–Kubo helpers
     */
    public static VacfResult of(Trajectory velocities, int[] atoms, double dtPs, int maxLag) {
        VacfAccumulator acc = new VacfAccumulator(velocities.frames(), dtPs, maxLag);
        for (int a : atoms) {
            acc.add(velocities.x(a), velocities.y(a), velocities.z(a));
        }
        return acc.result();
    }
}
