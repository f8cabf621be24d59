package io.ionflow.analyze;

import java.util.Arrays;

/**
 * The mergeable state of an {@link MsdAccumulator} reduced to what the MSD needs at lags
 * 0..maxLag: per component c and lag m, the sums over the atoms added of
 * <ul>
 *   <li>{@code s1[c][m]} = Σ_{k&lt;T−m} x_k² + Σ_{k≥m} x_k² (centred series, Å²), and</li>
 *   <li>{@code r[c][m]} = Σ_k x_k·x_{k+m} (Å²).</li>
 * </ul>
 * Both are linear in the atoms, so partial sums from different tasks simply add ({@link #merge});
 * MSD(m) = Σ_c (s1 − 2r) / ((T − m)·atoms). The state is O(maxLag), independent of the FFT
 * length, and consists of plain arrays so that a distributed job can ship it as two
 * {@code double[3·(maxLag+1)]} columns ({@link #s1Packed()}, {@link #rPacked()}).
 *
 * <p>Per jackknife group g of {@link AtomGroups} also {@code groups[g][m]} = Σ_c (s1 − 2r) over the
 * group's atoms (the group's MSD times (T − m)·atoms of the group) and the group's atom count; they
 * merge the same way and travel after the lag sums in {@link #rPacked()} (groups with atoms only).
 */
public final class MsdSums {
    private final int nFrames;
    private final double dtPs;
    private final int maxLag;
    private int atoms;
    private final double[][] s1;
    private final double[][] r;
    /** [group][lag] Σ_c (s1 − 2r) over the group's atoms; null rows for groups without atoms. */
    private final double[][] groups;
    private final int[] groupAtoms;

    /**
     * @param nFrames frames per series
     * @param dtPs    frame spacing, ps
     * @param maxLag  largest lag, frames
     * @param atoms   atoms summed (≥ 0)
     * @param s1      [3][maxLag+1] sums of squares (see class comment), Å² (kept, not copied)
     * @param r       [3][maxLag+1] lag sums, Å² (kept, not copied)
     */
    public MsdSums(int nFrames, double dtPs, int maxLag, int atoms, double[][] s1, double[][] r) {
        this(nFrames, dtPs, maxLag, atoms, s1, r, new double[AtomGroups.COUNT][], new int[AtomGroups.COUNT]);
    }

    /**
     * Sums with their jackknife groups.
     *
     * @param groups     [{@link AtomGroups#COUNT}][maxLag+1] per-group Σ_c (s1 − 2r), null rows for empty groups (kept)
     * @param groupAtoms atoms per group (kept)
     */
    public MsdSums(int nFrames, double dtPs, int maxLag, int atoms, double[][] s1, double[][] r, double[][] groups,
                   int[] groupAtoms) {
        if (nFrames < 1 || maxLag < 0 || maxLag > nFrames - 1) {
            throw new IllegalArgumentException("invalid MSD shape: " + nFrames + " frames, max lag " + maxLag);
        }
        if (!(dtPs > 0) || !Double.isFinite(dtPs)) {
            throw new IllegalArgumentException("frame spacing must be positive and finite, got " + dtPs + " ps");
        }
        if (atoms < 0) {
            throw new IllegalArgumentException("negative atom count " + atoms);
        }
        if (s1.length != 3 || r.length != 3) {
            throw new IllegalArgumentException("MSD sums need 3 components");
        }
        for (int c = 0; c < 3; c++) {
            if (s1[c].length != maxLag + 1 || r[c].length != maxLag + 1) {
                throw new IllegalArgumentException("MSD sums must have maxLag + 1 = " + (maxLag + 1) + " lags");
            }
        }
        this.nFrames = nFrames;
        this.dtPs = dtPs;
        this.maxLag = maxLag;
        this.atoms = atoms;
        if (groups.length != AtomGroups.COUNT || groupAtoms.length != AtomGroups.COUNT) {
            throw new IllegalArgumentException("MSD sums need " + AtomGroups.COUNT + " jackknife groups");
        }
        this.s1 = s1;
        this.r = r;
        this.groups = groups;
        this.groupAtoms = groupAtoms;
    }

    /**
     * Empty sums (no atoms) of a given shape, to merge others into.
     *
     * @param nFrames frames per series
     * @param dtPs    frame spacing, ps
     * @param maxLag  largest lag, frames
     * @return zero sums
     */
    public static MsdSums empty(int nFrames, double dtPs, int maxLag) {
        return new MsdSums(nFrames, dtPs, maxLag, 0, new double[3][maxLag + 1], new double[3][maxLag + 1]);
    }

    /**
     * Rebuilds sums from their packed form.
     *
     * @param nFrames  frames per series
     * @param dtPs     frame spacing, ps
     * @param maxLag   largest lag, frames
     * @param atoms    atoms summed
     * @param s1Packed x, y, z blocks of {@code s1}, length 3·(maxLag+1)
     * @param rPacked  x, y, z blocks of {@code r}, length 3·(maxLag+1)
     * @return the sums
     */
    public static MsdSums fromPacked(int nFrames, double dtPs, int maxLag, int atoms, double[] s1Packed, double[] rPacked) {
        int l = maxLag + 1;
        int k = AtomGroups.COUNT;
        if (s1Packed.length != 3 * l || rPacked.length < 3 * l || (rPacked.length - 3 * l) % (l + 2) != 0) {
            throw new IllegalArgumentException("packed MSD sums must have 3·(maxLag+1) = " + 3 * l + " entries (the lag"
                    + " sums followed by maxLag + 3 per group with atoms), got " + s1Packed.length + " and "
                    + rPacked.length);
        }
        double[][] groups = new double[k][];
        int[] groupAtoms = new int[k];
        for (int at = 3 * l; at < rPacked.length; at += l + 2) {
            int g = (int) rPacked[at];
            if (g < 0 || g >= k || groups[g] != null) {
                throw new IllegalArgumentException("packed MSD sums: bad or repeated group " + rPacked[at]);
            }
            groupAtoms[g] = (int) rPacked[at + 1];
            groups[g] = Arrays.copyOfRange(rPacked, at + 2, at + 2 + l);
        }
        return new MsdSums(nFrames, dtPs, maxLag, atoms, unpack(s1Packed, l), unpack(rPacked, l), groups, groupAtoms);
    }

    private static double[][] unpack(double[] p, int l) {
        double[][] out = new double[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = Arrays.copyOfRange(p, c * l, (c + 1) * l);
        }
        return out;
    }

    private static double[] pack(double[][] a) {
        int l = a[0].length;
        double[] p = new double[3 * l];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(a[c], 0, p, c * l, l);
        }
        return p;
    }

    /** @return {@code s1} as one array: x lags, then y, then z (a copy) */
    public double[] s1Packed() {
        return pack(s1);
    }

    /**
     * @return {@code r} as one array: x lags, then y, then z, then for each group with atoms its number, its atom
     *         count and its sums (maxLag + 3 entries per group; a copy)
     */
    public double[] rPacked() {
        int l = maxLag + 1;
        int used = 0;
        for (int g = 0; g < groups.length; g++) {
            used += groupAtoms[g] > 0 ? 1 : 0;
        }
        double[] p = Arrays.copyOf(pack(r), 3 * l + used * (l + 2));
        int at = 3 * l;
        for (int g = 0; g < groups.length; g++) {
            if (groupAtoms[g] > 0) {
                p[at] = g;
                p[at + 1] = groupAtoms[g];
                System.arraycopy(groups[g], 0, p, at + 2, l);
                at += l + 2;
            }
        }
        return p;
    }

    /**
     * Adds another set of sums (atoms of another task) to this one.
     *
     * @param other sums of the same frame count, spacing and maximum lag
     * @return this
     */
    public MsdSums merge(MsdSums other) {
        if (other.nFrames != nFrames || other.maxLag != maxLag || other.dtPs != dtPs) {
            throw new IllegalArgumentException("cannot merge MSD sums of different shape: "
                    + other.nFrames + "/" + other.maxLag + "/" + other.dtPs + " ps vs "
                    + nFrames + "/" + maxLag + "/" + dtPs + " ps");
        }
        for (int c = 0; c < 3; c++) {
            for (int m = 0; m <= maxLag; m++) {
                s1[c][m] += other.s1[c][m];
                r[c][m] += other.r[c][m];
            }
        }
        for (int g = 0; g < groups.length; g++) {
            if (other.groups[g] == null) {
                continue;
            }
            if (groups[g] == null) {
                groups[g] = new double[maxLag + 1];
            }
            for (int m = 0; m <= maxLag; m++) {
                groups[g][m] += other.groups[g][m];
            }
            groupAtoms[g] += other.groupAtoms[g];
        }
        atoms += other.atoms;
        return this;
    }

    /** @return frames per series */
    public int frames() {
        return nFrames;
    }

    /** @return frame spacing, ps */
    public double dtPs() {
        return dtPs;
    }

    /** @return largest lag, frames */
    public int maxLag() {
        return maxLag;
    }

    /** @return atoms summed */
    public int atoms() {
        return atoms;
    }

    /**
     * @return the MSD averaged over the atoms summed
     * @throws IllegalStateException if no atom was summed
     */
    public MsdResult result() {
        if (atoms == 0) {
            throw new IllegalStateException("no atoms added to the MSD accumulator");
        }
        int lags = maxLag + 1;
        double[][] comp = new double[3][];
        for (int c = 0; c < 3; c++) {
            double[] out = new double[lags];
            for (int m = 1; m < lags; m++) {
                out[m] = (s1[c][m] - 2.0 * r[c][m]) / ((double) (nFrames - m) * atoms);
            }
            comp[c] = out;
        }
        double[] total = new double[lags];
        for (int m = 0; m < lags; m++) {
            total[m] = comp[0][m] + comp[1][m] + comp[2][m];
        }
        double[][] groupMsd = new double[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            if (groupAtoms[g] > 0) {
                groupMsd[g] = new double[lags];
                for (int m = 1; m < lags; m++) {
                    groupMsd[g][m] = groups[g][m] / ((double) (nFrames - m) * groupAtoms[g]);
                }
            }
        }
        return new MsdResult(dtPs, nFrames, atoms, total, comp[0], comp[1], comp[2])
                .withGroups(groupMsd, groupAtoms.clone());
    }
}
