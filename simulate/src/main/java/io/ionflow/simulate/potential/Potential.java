package io.ionflow.simulate.potential;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;

import java.util.List;

/**
 * A force field bound to an ordered list of species (type id k of a {@link Structure} is
 * {@code species().get(k)}). Implementations must sum in an order that does not depend on the number
 * of threads (e.g. with {@link io.ionflow.simulate.neighbor.ChunkBuffers}), so results are identical
 * bit for bit for any thread count.
 *
 * <p>A new force field is one class implementing this interface plus a {@link PotentialStyle}
 * registered in {@code META-INF/services/io.ionflow.simulate.potential.PotentialStyle}.
 */
public interface Potential {

    /** Style name, as in a LAMMPS pair_style (e.g. {@code vashishta}). */
    String style();

    /** Species in type-id order. */
    List<String> species();

    /** Largest interaction range, Å. */
    double cutoff();

    /**
     * Computes the potential energy (eV) of the structure and writes the forces (eV/Å) into
     * {@code forces} (length 3N, overwritten). If {@code virial} is non-null (length 6) it receives the
     * virial tensor Σ r_ij ⊗ f_ij in eV as xx, yy, zz, xy, xz, yz.
     *
     * @param nl an up-to-date neighbour list with cutoff at least {@link #cutoff()}
     */
    double compute(Structure s, NeighborList nl, double[] forces, double[] virial, Parallel par);

    /**
     * Energy, forces and virial of one periodic structure given by its cell (row-major 3×3, rows are the
     * cell vectors a, b, c in Å), type ids (index into {@link #species()}) and Cartesian positions (Å,
     * not necessarily wrapped). The default handles orthorhombic cells through {@link #compute} and
     * refuses triclinic ones with a clear message; potentials that support any cell override it.
     */
    default Evaluation evaluate(double[] cell, int[] types, double[] positions, Parallel par) {
        Box box = Box.fromMatrix(cell);
        int n = types.length;
        String[] names = species().toArray(new String[0]);
        double[] masses = new double[names.length];
        java.util.Arrays.fill(masses, 1.0);
        Structure s = new Structure(names, masses, types, positions, null, box);
        NeighborList nl = new NeighborList(cutoff(), 0.0);
        nl.build(s, par);
        double[] forces = new double[3 * n];
        double[] v6 = new double[6];
        double e = compute(s, nl, forces, v6, par);
        return new Evaluation(e, forces, Evaluation.virial9(v6));
    }

    /**
     * A JSON object naming the style and carrying the full parameters, enough to rebuild this
     * potential with {@link PotentialStyles#fromJson(String, List)}. Archives store it with the parameters moved
     * into a file of their own ({@code io.ionflow.simulate.archive.PotentialStore}) in the {@code runs.potential}
     * column.
     */
    String toJson();
}
