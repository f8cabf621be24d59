package io.ionflow.simulate.ingest;

/**
 * One frame of a text trajectory as a {@link TrajectorySource} yields it: atoms in their 0-based
 * archive order, Cartesian positions in Å, velocities in Å/ps. Arrays are owned by the frame and
 * not copied (do not modify them).
 *
 * @param index      0-based frame number within the file
 * @param line       1-based line on which the frame starts (for error messages)
 * @param step       MD step number from the file, or {@link #NO_STEP}
 * @param timePs     simulation time from the file, ps, or NaN when the file does not record it
 * @param boxLo      lower corner of the orthorhombic box, Å (3 values)
 * @param boxLengths edge lengths of the orthorhombic box along x, y, z, Å (3 positive values)
 * @param ids        the file's atom id of each atom (LAMMPS {@code id}), or null when atoms are
 *                   identified by their order in the file
 * @param species    species name of each atom
 * @param positions  Cartesian positions [x0, y0, z0, x1, …], Å
 * @param wrapped    true when the positions are wrapped into the box and need unwrapping
 *                   ({@link Unwrapper}); false when they are already unwrapped
 * @param velocities velocities in the same layout, Å/ps, or null when the file has none
 */
public record Frame(int index, long line, long step, double timePs, double[] boxLo, double[] boxLengths,
                    long[] ids, String[] species, double[] positions, boolean wrapped, double[] velocities) {

    /** {@link #step} of a frame whose file records no step number. */
    public static final long NO_STEP = Long.MIN_VALUE;

    public int atomCount() { return species.length; }

    public boolean hasStep() { return step != NO_STEP; }

    public boolean hasTime() { return !Double.isNaN(timePs); }

    /** How an error message names atom {@code i}: {@code atom id 17 (atom 16)} or {@code atom 16}. */
    public String describeAtom(int i) {
        return ids == null ? "atom " + i : "atom id " + ids[i] + " (atom " + i + ")";
    }
}
