package io.ionflow.simulate.campaign;

import java.util.Locale;

/**
 * Memory a campaign needs before it starts, so that a cell too large for the JVM is refused with the estimate instead of
 * failing with an {@link OutOfMemoryError} after minutes. Per atom of a running simulation: positions, velocities,
 * forces, their per-thread force buffers and the reference copies (≈ 10 × 3 doubles), the half neighbour list
 * (≈ 60 neighbours at the usual 7–8 Å cutoff plus skin, 4 bytes each) and the cell list, species and frame buffers:
 * about {@value #BYTES_PER_ATOM} bytes, measured as an upper bound on the 1,500-atom benchmark cell.
 */
public final class MemoryEstimate {
    private MemoryEstimate() {}

    /** Bytes per atom of one running simulation (upper bound). */
    public static final long BYTES_PER_ATOM = 600;
    /** Atoms per conventional antifluorite cell. */
    static final int ATOMS_PER_CELL = 12;

    /**
     * @param supercell   conventional cells along x, y, z
     * @param runsAtOnce  runs simulated side by side
     * @param maxHeap     the JVM's maximum heap, bytes
     * @return why the campaign does not fit, with the estimate, or null
     */
    static String campaignProblem(int[] supercell, int runsAtOnce, long maxHeap) {
        long atoms = (long) ATOMS_PER_CELL * supercell[0] * supercell[1] * supercell[2];
        if (atoms > Integer.MAX_VALUE / 3) {
            return String.format(Locale.ROOT, "%d atoms per run: more than a Java array of coordinates can hold", atoms);
        }
        long need = atoms * BYTES_PER_ATOM * Math.max(1, runsAtOnce);
        if (need > maxHeap) {
            return String.format(Locale.ROOT, "%d atoms per run × %d run(s) side by side need about %.1f GB of memory, the"
                    + " JVM may use %.1f GB: use a smaller supercell, fewer parallel_runs, or a larger heap (java -Xmx…)",
                    atoms, Math.max(1, runsAtOnce), need / 1e9, maxHeap / 1e9);
        }
        return null;
    }
}
