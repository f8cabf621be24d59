package io.ionflow.simulate.neighbor;

import io.ionflow.simulate.Parallel;

import java.util.Arrays;

/**
 * Per-chunk force, energy and virial accumulators for half-list pair loops. Atoms are split into a
 * fixed number of contiguous chunks that depends only on the atom count, never on the thread count;
 * each chunk accumulates the forces of all its pairs (on both partners) into its own buffer, and the
 * buffers are summed in chunk order. The result is therefore identical bit for bit for any number of
 * threads, while each pair is evaluated once.
 */
public final class ChunkBuffers {
    private final int n;
    private final int chunks;
    private final double[][] forces;
    private final double[] energy;
    private final double[][] virial;

    ChunkBuffers(int n) {
        this.n = n;
        this.chunks = Math.max(1, Math.min(64, n / 24));
        this.forces = new double[chunks][3 * n];
        this.energy = new double[chunks];
        this.virial = new double[chunks][6];
    }

    public int atoms() { return n; }
    public int chunks() { return chunks; }
    public int chunkStart(int c) { return (int) ((long) n * c / chunks); }
    public int chunkEnd(int c) { return (int) ((long) n * (c + 1) / chunks); }

    /** The zeroed force buffer of chunk c (3N). */
    public double[] clearedForces(int c) {
        Arrays.fill(forces[c], 0);
        energy[c] = 0;
        Arrays.fill(virial[c], 0);
        return forces[c];
    }

    public void addEnergy(int c, double e) { energy[c] += e; }

    public double[] virial(int c) { return virial[c]; }

    /** Sums the chunk buffers in chunk order into {@code out} (3N) and returns the total energy. */
    public double reduce(double[] out, double[] virialOut, Parallel par) {
        par.forRange(n, (from, to) -> {
            for (int k = 3 * from; k < 3 * to; k++) {
                double f = 0;
                for (int c = 0; c < chunks; c++) f += forces[c][k];
                out[k] = f;
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
