package io.ionflow.simulate.neighbor;

import io.ionflow.simulate.Parallel;

import java.util.Arrays;

/**
 * Thread-count independent accumulators for half-list pair loops, without any per-thread or
 * per-chunk copy of the 3N force array.
 *
 * <p>Forces: a pair loop over atom i (the lower index of each pair) adds the force of its pairs on i
 * into i's own entry of the output (only i's task writes there) and stores the force on i of pair k,
 * f_k (eV/Å, three doubles), in {@link #pairForces()} at the pair's slot q = {@code reverseSlots()[k]}
 * of the {@link NeighborList#reverseStart(int) reverse index}, where the pairs of each partner j are
 * contiguous in increasing k; {@link #reduce} then gives every atom j the reaction −Σ f_k over its
 * slots, read sequentially. Each sum has a fixed order, so the forces are
 * identical bit for bit for any number of threads, and the extra work is O(pairs), not O(chunks × N).
 *
 * <p>Energy (eV) and virial (eV) are summed per chunk of contiguous atoms, the chunk count depending
 * only on the atom count, then over chunks in chunk order.
 */
public final class ChunkBuffers {
    private final int n;
    private final int chunks;
    private final double[] energy;
    private final double[][] virial;
    private double[] pairForces = new double[0];

    ChunkBuffers(int n) {
        this.n = n;
        this.chunks = Math.max(1, Math.min(256, n / 16));
        this.energy = new double[chunks];
        this.virial = new double[chunks][6];
    }

    public int atoms() { return n; }
    public int chunks() { return chunks; }
    public int chunkStart(int c) { return (int) ((long) n * c / chunks); }
    public int chunkEnd(int c) { return (int) ((long) n * (c + 1) / chunks); }

    /** Per-pair force scratch, 3 × {@code pairs} doubles (eV/Å), indexed by reverse-index slot. */
    public double[] pairForces(int pairs) {
        if (pairForces.length < 3 * pairs) pairForces = new double[3 * pairs + pairs / 4 * 3];
        return pairForces;
    }

    /** The current per-pair force scratch (as last sized by {@link #pairForces(int)}). */
    public double[] pairForces() { return pairForces; }

    /** Sets chunk c's energy, eV. */
    public void setEnergy(int c, double e) { energy[c] = e; }

    /** Chunk c's six virial components (eV), to be overwritten by the pair loop. */
    public double[] virial(int c) { return virial[c]; }

    /**
     * Subtracts from each atom's entry of {@code forces} (3N, eV/Å, holding the forces of the pairs the
     * atom owns) the per-pair forces of the pairs where it is the partner, in increasing pair index; sums
     * the chunk energies and virials in chunk order. Returns the energy, eV.
     */
    public double reduce(NeighborList nl, double[] forces, double[] virialOut, Parallel par) {
        double[] pf = pairForces;
        int[] rs = nl.reverseStarts();
        par.forRange(n, (from, to) -> {
            for (int j = from; j < to; j++) {
                double fx = 0, fy = 0, fz = 0;
                for (int k = 3 * rs[j], e = 3 * rs[j + 1]; k < e; k += 3) {
                    fx += pf[k];
                    fy += pf[k + 1];
                    fz += pf[k + 2];
                }
                forces[3 * j] -= fx;
                forces[3 * j + 1] -= fy;
                forces[3 * j + 2] -= fz;
            }
        });
        double e = 0;
        for (int c = 0; c < chunks; c++) e += energy[c];
        if (virialOut != null) {
            Arrays.fill(virialOut, 0);
            for (int c = 0; c < chunks; c++) {
                for (int q = 0; q < 6; q++) virialOut[q] += virial[c][q];
            }
        }
        return e;
    }
}
