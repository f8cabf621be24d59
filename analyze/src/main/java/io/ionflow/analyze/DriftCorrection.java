package io.ionflow.analyze;

/**
 * Removes the drift of the simulation cell by referring every atom to the centre of mass (COM)
 * of a framework species, frame by frame: r_i'(t) = r_i(t) − [R_fw(t) − R_fw(0)]. In superionic
 * Ag2Te the framework is Te, the least mobile species, which {@link #leastMobileSpecies} finds.
 * For velocities use {@link #subtractVelocity} with the framework's COM velocity (from
 * {@link #centreOfMass} applied to the velocity trajectory).
 */
public final class DriftCorrection {
    private DriftCorrection() {}

    /**
     * Mass-weighted centre-of-mass trajectory of a set of atoms.
     *
     * @param traj       positions, Å (or velocities, Å/ps)
     * @param atoms      the atoms forming the reference (e.g. all Te)
     * @param massOfAtom mass of each atom of {@code traj}, amu (indexed by atom index)
     * @return com[c][frame], c = x, y, z, same unit as {@code traj}
     */
    public static double[][] centreOfMass(Trajectory traj, int[] atoms, double[] massOfAtom) {
        if (atoms.length == 0) {
            throw new IllegalArgumentException("centre of mass of an empty set of atoms");
        }
        int t = traj.frames();
        double[][] com = new double[3][t];
        double mTot = 0;
        for (int a : atoms) {
            double m = massOfAtom[a];
            if (!(m > 0)) {
                throw new IllegalArgumentException("atom " + a + " has non-positive mass " + m + " amu");
            }
            mTot += m;
            for (int c = 0; c < 3; c++) {
                double[] s = traj.component(a, c);
                double[] out = com[c];
                for (int f = 0; f < t; f++) {
                    out[f] += m * s[f];
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            for (int f = 0; f < t; f++) {
                com[c][f] /= mTot;
            }
        }
        return com;
    }

    /**
     * Subtracts the displacement of a reference trajectory from every atom:
     * r_i'(t) = r_i(t) − [com(t) − com(0)].
     *
     * @param traj positions, Å (not modified)
     * @param com  reference trajectory com[c][frame], Å (e.g. from {@link #centreOfMass})
     * @return the corrected trajectory (new arrays), Å
     */
    public static Trajectory subtract(Trajectory traj, double[][] com) {
        int t = traj.frames();
        int n = traj.atoms();
        if (com.length != 3 || com[0].length != t) {
            throw new IllegalArgumentException("reference trajectory must be [3][" + t + "]");
        }
        double[][][] out = new double[3][n][t];
        for (int c = 0; c < 3; c++) {
            double[] r = com[c];
            double r0 = r[0];
            for (int a = 0; a < n; a++) {
                double[] s = traj.component(a, c);
                double[] o = out[c][a];
                for (int f = 0; f < t; f++) {
                    o[f] = s[f] - (r[f] - r0);
                }
            }
        }
        return new Trajectory(out[0], out[1], out[2]);
    }

    /**
     * Velocities in the framework's rest frame: v_i'(t) = v_i(t) − V(t).
     *
     * @param velocities  velocities, Å/ps (not modified)
     * @param comVelocity framework COM velocity V[c][frame], Å/ps
     * @return corrected velocities (new arrays), Å/ps
     */
    public static Trajectory subtractVelocity(Trajectory velocities, double[][] comVelocity) {
        int t = velocities.frames();
        int n = velocities.atoms();
        if (comVelocity.length != 3 || comVelocity[0].length != t) {
            throw new IllegalArgumentException("reference velocity must be [3][" + t + "]");
        }
        double[][][] out = new double[3][n][t];
        for (int c = 0; c < 3; c++) {
            for (int a = 0; a < n; a++) {
                double[] s = velocities.component(a, c);
                double[] o = out[c][a];
                for (int f = 0; f < t; f++) {
                    o[f] = s[f] - comVelocity[c][f];
                }
            }
        }
        return new Trajectory(out[0], out[1], out[2]);
    }

    /**
     * Drift-corrects a trajectory against the COM of the given framework atoms.
     *
     * @param traj           positions, Å
     * @param frameworkAtoms atoms whose COM defines the frame of reference
     * @param massOfAtom     mass of each atom, amu
     * @return corrected positions, Å
     */
    public static Trajectory correct(Trajectory traj, int[] frameworkAtoms, double[] massOfAtom) {
        return subtract(traj, centreOfMass(traj, frameworkAtoms, massOfAtom));
    }

    /**
     * Drift-corrects against the least mobile species (the default framework).
     *
     * @param traj          positions, Å
     * @param speciesOfAtom species id of each atom
     * @param massOfAtom    mass of each atom, amu
     * @return corrected positions, Å
     */
    public static Trajectory correctAgainstLeastMobile(Trajectory traj, int[] speciesOfAtom, double[] massOfAtom) {
        int fw = leastMobileSpecies(traj, speciesOfAtom, massOfAtom);
        return correct(traj, Species.atomsOf(speciesOfAtom, fw), massOfAtom);
    }

    /**
     * The species with the smallest mean-squared displacement relative to the whole system's
     * centre of mass, measured at lag ⌊T/2⌋ averaged over up to 16 evenly spaced origins (cheap
     * and insensitive to a uniform drift).
     *
     * @param traj          positions, Å
     * @param speciesOfAtom species id of each atom
     * @param massOfAtom    mass of each atom, amu
     * @return the species id
     */
    public static int leastMobileSpecies(Trajectory traj, int[] speciesOfAtom, double[] massOfAtom) {
        int nSpecies = Species.count(speciesOfAtom);
        int t = traj.frames();
        if (t < 2) {
            throw new IllegalArgumentException("need at least 2 frames to judge mobility");
        }
        double[][] com = centreOfMass(traj, traj.allAtoms(), massOfAtom);
        int lag = Math.max(1, t / 2);
        int nOrigins = Math.min(16, t - lag);
        double[] sum = new double[nSpecies];
        int[] cnt = new int[nSpecies];
        for (int a = 0; a < traj.atoms(); a++) {
            int s = speciesOfAtom[a];
            double acc = 0;
            for (int o = 0; o < nOrigins; o++) {
                int f0 = (int) ((long) o * (t - lag - 1) / Math.max(1, nOrigins - 1));
                int f1 = f0 + lag;
                for (int c = 0; c < 3; c++) {
                    double[] r = traj.component(a, c);
                    double d = (r[f1] - com[c][f1]) - (r[f0] - com[c][f0]);
                    acc += d * d;
                }
            }
            sum[s] += acc / nOrigins;
            cnt[s]++;
        }
        int best = -1;
        double bestMsd = Double.POSITIVE_INFINITY;
        for (int s = 0; s < nSpecies; s++) {
            if (cnt[s] > 0 && sum[s] / cnt[s] < bestMsd) {
                bestMsd = sum[s] / cnt[s];
                best = s;
            }
        }
        return best;
    }
}
