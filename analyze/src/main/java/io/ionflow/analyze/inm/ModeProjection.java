package io.ionflow.analyze.inm;

import io.ionflow.simulate.Units;
import org.ejml.data.DMatrixRMaj;

/**
 * Projections of Cartesian vectors (velocities, displacements) on instantaneous normal modes. Every
 * projection first mass-weights: q_i = √m_i·x_i, so that the eigenvectors e_k of D form an orthonormal
 * basis; Q_k = e_k·q.
 *
 * <p><b>Displacement shares.</b> For a displacement Δr (e.g. from a snapshot to the frame at lag τ,
 * unwrapped positions), q = √M Δr is split into its translational part q_T = Σ_c (t_c·q) t_c (uniform
 * mass-weighted translation, i.e. the centre-of-mass shift) and the internal part q' = q − q_T. The
 * internal part is split on the unstable modes (λ &lt; −τ·max|λ|, see {@link InstantaneousModes}) and on
 * all other internal modes (called stable, including any near-zero ones):
 * <pre>
 *   share_u = Σ_{k unstable} Q_k² / |q'|²,   share_s = Σ_{k stable} Q_k² / |q'|²,
 * </pre>
 * with |q'|² computed directly. Because the 3N − 3 eigenvectors are orthonormal and span exactly the
 * complement of the translations, share_u + share_s = 1 to round-off — a check of the decomposition,
 * not a definition. The translational part is in neither share; it is reported separately as
 * {@link Split#translation()}. For a subset of atoms (all Ag, the Ag atoms that hop) q is first set to
 * zero on every other atom, then split the same way (so the subset's own centre-of-mass shift is the
 * translational part).
 */
public final class ModeProjection {
    private ModeProjection() {}

    /**
     * A split of |q|² (amu·Å²) into translation, unstable and stable parts.
     *
     * @param unstable    Σ over unstable modes of Q_k², amu·Å²
     * @param stable      Σ over the other internal modes of Q_k², amu·Å²
     * @param translation |q_T|², amu·Å²
     * @param internal    |q − q_T|², amu·Å² (computed directly)
     */
    public record Split(double unstable, double stable, double translation, double internal) {
        /** |P_u q'|² / |q'|². */
        public double shareUnstable() {
            return unstable / internal;
        }

        /** |P_s q'|² / |q'|². */
        public double shareStable() {
            return stable / internal;
        }

        /** |q_T|² / |q|²: how much of the weighted displacement is a rigid translation. */
        public double translationFraction() {
            return translation / (translation + internal);
        }

        /** √(Σ_stable Q_k²), the stable-mode amplitude, Å·√amu. */
        public double stableAmplitude() {
            return Math.sqrt(stable);
        }

        /** √(Σ_unstable Q_k²), Å·√amu. */
        public double unstableAmplitude() {
            return Math.sqrt(unstable);
        }
    }

    /**
     * Mode coordinates Q_k = e_k·(√M x) of a Cartesian 3N vector x.
     *
     * @return 3N − 3 values in [x]·√amu (Å·√amu for a displacement, Å/ps·√amu for a velocity)
     */
    public static double[] coordinates(InstantaneousModes modes, double[] x) {
        double[] q = massWeight(modes, x, null);
        return project(modes, q);
    }

    /**
     * Kinetic energy of each internal mode, K_k = ½ Q̇_k² (eV), Q̇_k = e_k·(√M v). In equilibrium each
     * averages kT/2. The three translational modes are excluded.
     *
     * @param velocities 3N velocities, Å/ps
     */
    public static double[] kineticEnergies(InstantaneousModes modes, double[] velocities) {
        double[] c = coordinates(modes, velocities);
        for (int k = 0; k < c.length; k++) {
            c[k] = 0.5 * c[k] * c[k] * Units.MVV_TO_EV;
        }
        return c;
    }

    /**
     * Harmonic potential energy of each internal mode, U_k = ½ λ_k Q_k² (eV), for a displacement from
     * the configuration the modes were computed at. In a harmonic canonical ensemble each stable mode
     * averages kT/2.
     *
     * @param displacement 3N displacement, Å
     */
    public static double[] harmonicEnergies(InstantaneousModes modes, double[] displacement) {
        double[] c = coordinates(modes, displacement);
        for (int k = 0; k < c.length; k++) {
            c[k] = 0.5 * modes.eigenvalue(k) * c[k] * c[k];
        }
        return c;
    }

    /** {@link #split(InstantaneousModes, double[], boolean[])} over all atoms. */
    public static Split split(InstantaneousModes modes, double[] displacement) {
        return split(modes, displacement, null);
    }

    /**
     * Splits a displacement (see the class comment).
     *
     * @param displacement 3N displacement, Å
     * @param atoms        atoms to keep (others zeroed), or null for all
     */
    public static Split split(InstantaneousModes modes, double[] displacement, boolean[] atoms) {
        double[] q = massWeight(modes, displacement, atoms);
        double[] t = InstantaneousModes.translationWeights(modes.masses());
        double tx = 0, ty = 0, tz = 0;
        for (int i = 0; i < t.length; i++) {
            tx += t[i] * q[3 * i];
            ty += t[i] * q[3 * i + 1];
            tz += t[i] * q[3 * i + 2];
        }
        double internal = 0;
        for (int i = 0; i < t.length; i++) {
            double ax = q[3 * i] - tx * t[i], ay = q[3 * i + 1] - ty * t[i], az = q[3 * i + 2] - tz * t[i];
            internal += ax * ax + ay * ay + az * az;
        }
        double[] c = project(modes, q);
        boolean[] unstable = modes.unstableMask();
        double u = 0, s = 0;
        for (int k = 0; k < c.length; k++) {
            if (unstable[k]) {
                u += c[k] * c[k];
            } else {
                s += c[k] * c[k];
            }
        }
        return new Split(u, s, tx * tx + ty * ty + tz * tz, internal);
    }

    private static double[] massWeight(InstantaneousModes modes, double[] x, boolean[] atoms) {
        int n = modes.atoms();
        if (x.length != 3 * n) {
            throw new IllegalArgumentException("vector must have 3 × " + n + " entries, got " + x.length);
        }
        if (atoms != null && atoms.length != n) {
            throw new IllegalArgumentException("atom mask must have " + n + " entries, got " + atoms.length);
        }
        double[] m = modes.masses();
        double[] q = new double[3 * n];
        for (int i = 0; i < n; i++) {
            if (atoms != null && !atoms[i]) {
                continue;
            }
            double w = Math.sqrt(m[i]);
            q[3 * i] = w * x[3 * i];
            q[3 * i + 1] = w * x[3 * i + 1];
            q[3 * i + 2] = w * x[3 * i + 2];
        }
        return q;
    }

    private static double[] project(InstantaneousModes modes, double[] q) {
        DMatrixRMaj e = modes.vectorsByRow();
        int dim = e.numCols;
        double[] d = e.data;
        double[] c = new double[e.numRows];
        for (int k = 0; k < c.length; k++) {
            double sum = 0;
            int row = k * dim;
            for (int j = 0; j < dim; j++) {
                sum += d[row + j] * q[j];
            }
            c[k] = sum;
        }
        return c;
    }
}
