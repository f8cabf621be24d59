package io.ionflow.analyze;

/**
 * Windowed mean-squared displacement over all time origins, by FFT (see {@link MsdAccumulator}
 * for the algorithm). Convenience entry points over a {@link Trajectory}; a Spark job that sees
 * one atom at a time uses {@link MsdAccumulator} directly.
 */
public final class Msd {
    private Msd() {}

    /**
     * MSD of one atom.
     *
     * @param x      unwrapped x, Å
     * @param y      unwrapped y, Å
     * @param z      unwrapped z, Å
     * @param dtPs   frame spacing, ps
     * @param maxLag largest lag, frames (≤ frames − 1)
     * @return MSD per lag, Å²
     */
    public static MsdResult ofAtom(double[] x, double[] y, double[] z, double dtPs, int maxLag) {
        MsdAccumulator acc = new MsdAccumulator(x.length, dtPs, maxLag);
        acc.add(x, y, z);
        return acc.result();
    }

    /**
     * MSD averaged over a set of atoms (e.g. one species).
     *
     * @param traj   unwrapped positions, Å
     * @param atoms  indices of the atoms to average
     * @param dtPs   frame spacing, ps
     * @param maxLag largest lag, frames (≤ frames − 1)
     * @return MSD per lag, Å²
     */
    public static MsdResult of(Trajectory traj, int[] atoms, double dtPs, int maxLag) {
        MsdAccumulator acc = new MsdAccumulator(traj.frames(), dtPs, maxLag);
        for (int i = 0; i < atoms.length; i++) {
            int a = atoms[i];
            acc.add(traj.x(a), traj.y(a), traj.z(a), AtomGroups.of(i, atoms.length));
        }
        return acc.result();
    }

    /**
     * MSD of every species.
     *
     * @param traj          unwrapped positions, Å
     * @param speciesOfAtom species id (0..nSpecies−1) of each atom of {@code traj}
     * @param nSpecies      number of species
     * @param dtPs          frame spacing, ps
     * @param maxLag        largest lag, frames
     * @return one MSD (Å²) per species, {@code null} for a species without atoms
     */
    public static MsdResult[] bySpecies(Trajectory traj, int[] speciesOfAtom, int nSpecies, double dtPs, int maxLag) {
        MsdResult[] out = new MsdResult[nSpecies];
        for (int s = 0; s < nSpecies; s++) {
            int[] atoms = Species.atomsOf(speciesOfAtom, s);
            if (atoms.length > 0) {
                out[s] = of(traj, atoms, dtPs, maxLag);
            }
        }
        return out;
    }
}
