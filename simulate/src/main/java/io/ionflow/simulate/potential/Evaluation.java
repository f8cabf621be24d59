package io.ionflow.simulate.potential;

/**
 * Energy, forces and virial of one periodic structure.
 *
 * @param energy total potential energy, eV
 * @param forces 3N forces, eV/Å, [fx0, fy0, fz0, fx1, ...]
 * @param virial the total virial W = −Σ_pairs r_ij ⊗ ∂E/∂r_ij in eV (positive under compression), nine
 *               components row-major: xx xy xz yx yy yz zx zy zz — the order of GPUMD's and ASE's
 *               extended-XYZ {@code virial=} key
 */
public record Evaluation(double energy, double[] forces, double[] virial) {

    /** The nine-component virial from the six-component form xx, yy, zz, xy, xz, yz of {@link Potential#compute}. */
    public static double[] virial9(double[] v6) {
        return new double[] {v6[0], v6[3], v6[4], v6[3], v6[1], v6[5], v6[4], v6[5], v6[2]};
    }
}
