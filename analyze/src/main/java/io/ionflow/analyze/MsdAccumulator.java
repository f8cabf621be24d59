package io.ionflow.analyze;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Streams atoms into a species-averaged FFT MSD: call {@link #add} once per atom with that atom's
 * unwrapped x, y, z time series (Å, all of length {@code nFrames}), then {@link #result()}.
 *
 * <p>Algorithm (as in tidynamics / freud / MDAnalysis {@code EinsteinMSD(fft=True)}): for each
 * component, MSD(m) = S1(m) − 2·S2(m) with S1(m) = [Σ_{k &lt; T−m} x_k² + Σ_{k≥m} x_k²]/(T−m) from prefix
 * sums and S2(m) = Σ_k x_k x_{k+m}/(T−m) the autocorrelation, obtained by a zero-padded real FFT.
 * Each series is centred on its mean first (the MSD is shift-invariant; this avoids cancellation
 * for large absolute coordinates). Both halves are linear in the atoms, so the power spectra and
 * the squared coordinates of all atoms are summed and turned into the MSD once in
 * {@link #result()}: the per-atom cost is three forward real FFTs of length ≥ nFrames + maxLag
 * (chosen by the {@link FftBackends FFT backend}: for JTransforms the shorter of the next 2^k and
 * 5·2^k, for FFTW a fixed 5-smooth rule) plus two passes over the series.
 *
 * <p>Atoms added with a jackknife group ({@link AtomGroups}) are summed per group (power spectra per
 * component, squared coordinates over the components; one more inverse FFT per group in {@link #sums()}),
 * and the totals are the sums over the groups, so grouping costs no extra pass per atom. Atoms added
 * without a group only enter the totals (then no group sums are reported). The groups give the MSD's error a jackknife over atoms
 * that sees what the Gaussian covariance model cannot (hops are non-Gaussian, atoms differ).
 * Not thread-safe: use one accumulator per thread/task.
 */
public final class MsdAccumulator {
    private final Correlator corr;
    private final double dtPs;
    private final double[][] power;
    /** Σ over atoms of the squared centred coordinate, per component and frame, Å². */
    private final double[][] squares;
    private int count;
    /**
     * Per group and component the power spectra of its atoms ([group][c][k]); the total is their sum plus
     * {@link #power} (atoms added without a group). A group's row is allocated on first use.
     */
    private final double[][][] groupPower = new double[AtomGroups.COUNT][][];
    /** Per group Σ over its atoms and the components of the squared centred coordinate, per frame. */
    private final double[][] groupSquares = new double[AtomGroups.COUNT][];
    private final int[] groupAtoms = new int[AtomGroups.COUNT];
    /** Atoms added without a group (then no group sums are reported: they would not cover every atom). */
    private int ungrouped;
    /** Work arrays of the sums: prefix sums of the squares (T + 1) and one power spectrum; made on first use. */
    private double[] prefix;
    private double[] spectrum;
    /** What {@link #addSumsTo} fills; made on first use. */
    private Scratch scratch;

    /**
     * @param nFrames frames per series
     * @param dtPs    frame spacing, ps (validate raw times with {@link TimeGrid#uniformStep})
     * @param maxLag  largest lag to compute, frames, 0 ≤ maxLag ≤ nFrames − 1
     */
    public MsdAccumulator(int nFrames, double dtPs, int maxLag) {
        this(nFrames, dtPs, maxLag, FftBackends.current());
    }

    /** As {@link #MsdAccumulator(int, double, int)} with a given FFT backend (tests, benchmarks). */
    MsdAccumulator(int nFrames, double dtPs, int maxLag, FftBackend backend) {
        this.corr = new Correlator(nFrames, maxLag, backend);
        if (!(dtPs > 0) || !Double.isFinite(dtPs)) {
            throw new IllegalArgumentException("frame spacing must be positive and finite, got " + dtPs + " ps");
        }
        this.dtPs = dtPs;
        this.power = new double[3][corr.powerLength()];
        this.squares = new double[3][nFrames];
    }

    /**
     * Full-length MSD (maxLag = nFrames − 1).
     *
     * @param nFrames frames per series
     * @param dtPs    frame spacing, ps
     */
    public MsdAccumulator(int nFrames, double dtPs) {
        this(nFrames, dtPs, nFrames - 1);
    }

    /**
     * Adds one atom.
     *
     * @param x unwrapped x positions, Å, one per frame
     * @param y unwrapped y positions, Å
     * @param z unwrapped z positions, Å
     */
    public void add(double[] x, double[] y, double[] z) {
        addComponent(0, x, -1);
        addComponent(1, y, -1);
        addComponent(2, z, -1);
        ungrouped++;
        count++;
    }

    /**
     * Adds one atom to a jackknife group.
     *
     * @param x     unwrapped x positions, Å, one per frame
     * @param y     unwrapped y positions, Å
     * @param z     unwrapped z positions, Å
     * @param group the atom's group, 0..{@link AtomGroups#COUNT}−1 (see {@link AtomGroups#of})
     */
    public void add(double[] x, double[] y, double[] z, int group) {
        int g = group(group);
        addComponent(0, x, g);
        addComponent(1, y, g);
        addComponent(2, z, g);
        count++;
    }

    /**
     * Adds one atom given as float series (the archive's storage type).
     *
     * @param x unwrapped x positions, Å, one per frame
     * @param y unwrapped y positions, Å
     * @param z unwrapped z positions, Å
     */
    public void add(float[] x, float[] y, float[] z) {
        addComponent(0, x, -1);
        addComponent(1, y, -1);
        addComponent(2, z, -1);
        ungrouped++;
        count++;
    }

    /**
     * Adds one atom given as float series to a jackknife group.
     *
     * @param x     unwrapped x positions, Å, one per frame
     * @param y     unwrapped y positions, Å
     * @param z     unwrapped z positions, Å
     * @param group the atom's group, 0..{@link AtomGroups#COUNT}−1
     */
    public void add(float[] x, float[] y, float[] z, int group) {
        int g = group(group);
        addComponent(0, x, g);
        addComponent(1, y, g);
        addComponent(2, z, g);
        count++;
    }

    /**
     * Adds one atom given as float series minus a per-frame reference (a drift correction), to a jackknife group: the
     * series added is x[k] − rx[k] in double, exactly as {@link #add(double[], double[], double[], int)} would get it
     * from a subtracted copy, without making that copy.
     *
     * @param x         unwrapped x positions, Å, one per frame
     * @param y         unwrapped y positions, Å
     * @param z         unwrapped z positions, Å
     * @param reference the reference's x, y, z per frame, Å
     * @param group     the atom's group, 0..{@link AtomGroups#COUNT}−1
     */
    public void addRelative(float[] x, float[] y, float[] z, double[][] reference, int group) {
        int g = group(group);
        addComponent(0, x, reference[0], g);
        addComponent(1, y, reference[1], g);
        addComponent(2, z, reference[2], g);
        count++;
    }

    /** The atom's group, its row of the group sums allocated. */
    private int group(int g) {
        if (g < 0 || g >= AtomGroups.COUNT) {
            throw new IllegalArgumentException("jackknife group " + g + " outside 0.." + (AtomGroups.COUNT - 1));
        }
        if (groupPower[g] == null) {
            groupPower[g] = new double[3][corr.powerLength()];
            groupSquares[g] = new double[corr.nFrames];
        }
        groupAtoms[g]++;
        return g;
    }

    // load (centred) + squares in one pass, then FFT and power accumulation
    private void addComponent(int c, double[] s, int g) {
        check(s.length);
        int t = corr.nFrames;
        double mean = 0;
        for (int k = 0; k < t; k++) {
            mean += s[k];
        }
        mean /= t;
        double[] w = corr.work;
        double[] sq = squares[c];
        if (g < 0) {
            for (int k = 0; k < t; k++) {
                double v = s[k] - mean;
                w[k] = v;
                sq[k] += v * v;
            }
            corr.accumulatePower(power[c], 1.0);
            return;
        }
        double[] gsq = groupSquares[g];
        for (int k = 0; k < t; k++) {
            double v = s[k] - mean;
            w[k] = v;
            sq[k] += v * v;
            gsq[k] += v * v;
        }
        corr.accumulatePower(groupPower[g][c], 1.0);
    }

    private void addComponent(int c, float[] s, int g) {
        check(s.length);
        int t = corr.nFrames;
        double mean = 0;
        for (int k = 0; k < t; k++) {
            mean += s[k];
        }
        mean /= t;
        double[] w = corr.work;
        double[] sq = squares[c];
        if (g < 0) {
            for (int k = 0; k < t; k++) {
                double v = s[k] - mean;
                w[k] = v;
                sq[k] += v * v;
            }
            corr.accumulatePower(power[c], 1.0);
            return;
        }
        double[] gsq = groupSquares[g];
        for (int k = 0; k < t; k++) {
            double v = s[k] - mean;
            w[k] = v;
            sq[k] += v * v;
            gsq[k] += v * v;
        }
        corr.accumulatePower(groupPower[g][c], 1.0);
    }

    private void addComponent(int c, float[] s, double[] r, int g) {
        check(s.length);
        check(r.length);
        int t = corr.nFrames;
        double mean = 0;
        for (int k = 0; k < t; k++) {
            mean += s[k] - r[k];
        }
        mean /= t;
        double[] w = corr.work;
        double[] sq = squares[c];
        double[] gsq = groupSquares[g];
        for (int k = 0; k < t; k++) {
            double v = (s[k] - r[k]) - mean;
            w[k] = v;
            sq[k] += v * v;
            gsq[k] += v * v;
        }
        corr.accumulatePower(groupPower[g][c], 1.0);
    }

    private void check(int len) {
        if (len != corr.nFrames) {
            throw new IllegalArgumentException("series has " + len + " frames, accumulator expects " + corr.nFrames);
        }
    }

    /**
     * Adds another accumulator's atoms to this one (e.g. partial sums from two Spark partitions).
     *
     * @param other an accumulator with the same frame count, spacing and maximum lag
     */
    public void merge(MsdAccumulator other) {
        if (other.corr.nFrames != corr.nFrames || other.corr.maxLag != corr.maxLag || other.dtPs != dtPs
                || other.corr.n != corr.n) {
            throw new IllegalArgumentException("cannot merge MSD accumulators of different shape: "
                    + other.corr.nFrames + "/" + other.corr.maxLag + "/" + other.dtPs + " ps vs "
                    + corr.nFrames + "/" + corr.maxLag + "/" + dtPs + " ps"
                    + (other.corr.n != corr.n ? " (FFT length " + other.corr.n + " with " + other.corr.backend()
                            + " vs " + corr.n + " with " + corr.backend() + "; merge their sums() instead)" : ""));
        }
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < power[c].length; k++) {
                power[c][k] += other.power[c][k];
            }
            for (int k = 0; k < squares[c].length; k++) {
                squares[c][k] += other.squares[c][k];
            }
        }
        for (int g = 0; g < AtomGroups.COUNT; g++) {
            if (other.groupPower[g] == null) {
                continue;
            }
            if (groupPower[g] == null) {
                groupPower[g] = new double[3][corr.powerLength()];
                groupSquares[g] = new double[corr.nFrames];
            }
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < groupPower[g][c].length; k++) {
                    groupPower[g][c][k] += other.groupPower[g][c][k];
                }
            }
            for (int k = 0; k < groupSquares[g].length; k++) {
                groupSquares[g][k] += other.groupSquares[g][k];
            }
            groupAtoms[g] += other.groupAtoms[g];
        }
        ungrouped += other.ungrouped;
        count += other.count;
    }

    /** @return the FFT backend this accumulator uses (see {@link FftBackends}) */
    public String fftBackend() {
        return corr.backend();
    }

    /** @return the FFT length used for the zero-padded series */
    public int fftLength() {
        return corr.n;
    }

    /** @return atoms added so far */
    public int atoms() {
        return count;
    }

    /**
     * Forgets every atom added so far but keeps the arrays, for the next block of atoms: what follows gives exactly
     * the sums a new accumulator would (the arrays that took atoms are zeroed, as new ones are; those of a group, or of
     * the ungrouped atoms, that took none are still zero), without allocating and zeroing ≈ 0.4 MB per group again.
     * Only the groups that took atoms are zeroed: a block of 64 atoms meets a few of the 32 groups, and zeroing all
     * 32 rows at 10 000 frames writes 9 MB per block and species.
     */
    public void reset() {
        if (ungrouped > 0) { // else still zero
            for (double[] p : power) {
                Arrays.fill(p, 0.0);
            }
        }
        for (double[] q : squares) {
            Arrays.fill(q, 0.0);
        }
        for (int g = 0; g < AtomGroups.COUNT; g++) {
            if (groupAtoms[g] > 0) { // a kept row of a group without atoms is still zero
                for (double[] p : groupPower[g]) {
                    Arrays.fill(p, 0.0);
                }
                Arrays.fill(groupSquares[g], 0.0);
            }
        }
        Arrays.fill(groupAtoms, 0);
        ungrouped = 0;
        count = 0;
    }

    /**
     * The MSD averaged over the atoms added so far (the accumulator stays usable).
     *
     * @return MSD per lag, Å², total and per component
     * @throws IllegalStateException if no atom was added
     */
    public MsdResult result() {
        if (count == 0) {
            throw new IllegalStateException("no atoms added to the MSD accumulator");
        }
        return sums().result();
    }

    /**
     * The state reduced to lags 0..maxLag ({@link MsdSums}): small, mergeable across tasks, and
     * giving exactly {@link #result()} (the accumulator stays usable).
     *
     * @return the sums over the atoms added so far
     */
    public MsdSums sums() {
        int lags = corr.maxLag + 1;
        return fill(new double[3][lags], new double[3][lags], new double[AtomGroups.COUNT][],
                new int[AtomGroups.COUNT], g -> new double[lags]);
    }

    /**
     * Adds the sums over the atoms added so far to {@code into}: exactly {@code into.merge(sums())}, the same values
     * added in the same order, but computed in arrays this accumulator keeps, so that folding block after block of a
     * run allocates nothing. With {@code into} null it returns {@link #sums()}.
     *
     * @param into sums of the same shape to add to (changed), or null
     * @return {@code into}, or new sums
     */
    public MsdSums addSumsTo(MsdSums into) {
        if (into == null) {
            return sums();
        }
        if (scratch == null) {
            scratch = new Scratch(corr.maxLag + 1);
        }
        Scratch k = scratch;
        return into.merge(fill(k.s1, k.r, k.groups, k.groupAtoms, k::row));
    }

    /**
     * The sums written into the given arrays ({@code groups} rows from {@code row}, rows of groups without atoms set
     * to null); the prefix sums and the total power spectrum are kept work arrays.
     */
    private MsdSums fill(double[][] s1, double[][] r, double[][] groups, int[] atomsOf, IntFunction<double[]> row) {
        int t = corr.nFrames;
        int lags = corr.maxLag + 1;
        if (prefix == null) {
            prefix = new double[t + 1];
            spectrum = new double[corr.powerLength()];
        }
        for (int c = 0; c < 3; c++) {
            // S1(m)·(T−m) = Σ_{k<T−m} d_k + Σ_{k≥m} d_k with d = Σ_atoms x², from prefix sums
            double[] sq = squares[c];
            for (int k = 0; k < t; k++) {
                prefix[k + 1] = prefix[k] + sq[k];
            }
            double all = prefix[t];
            for (int m = 0; m < lags; m++) {
                s1[c][m] = prefix[t - m] + (all - prefix[m]);
            }
            corr.lagSums(totalPower(c, spectrum), r[c]);
        }
        Arrays.fill(groups, null);
        Arrays.fill(atomsOf, 0);
        if (ungrouped == 0) {
            double[] sum = spectrum;
            for (int g = 0; g < groups.length; g++) {
                if (groupAtoms[g] > 0) {
                    double[][] gp = groupPower[g];
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] = gp[0][k] + gp[1][k] + gp[2][k];
                    }
                    double[] lagSums = row.apply(g);
                    corr.lagSums(sum, lagSums);
                    groups[g] = squaresMinusTwiceLagSums(groupSquares[g], lagSums, prefix);
                    atomsOf[g] = groupAtoms[g];
                }
            }
        }
        return new MsdSums(t, dtPs, corr.maxLag, count, s1, r, groups, atomsOf);
    }

    /**
     * Component c's power spectrum summed over every atom, into {@code total}: the ungrouped ones, then group by group.
     * Rows of groups without atoms are skipped: they hold +0.0, and a power spectrum is never −0.0, so adding them would
     * change no bit — but it would read 32 × 3 rows (6 MB at 10 000 frames) per block of 64 atoms.
     */
    private double[] totalPower(int c, double[] total) {
        System.arraycopy(power[c], 0, total, 0, total.length);
        for (int g = 0; g < AtomGroups.COUNT; g++) {
            if (groupAtoms[g] > 0) {
                double[] p = groupPower[g][c];
                for (int k = 0; k < total.length; k++) {
                    total[k] += p[k];
                }
            }
        }
        return total;
    }

    /** The arrays {@link #addSumsTo} fills block after block (lags per component, lag sums per group). */
    private static final class Scratch {
        final double[][] s1;
        final double[][] r;
        final double[][] groups = new double[AtomGroups.COUNT][];
        final int[] groupAtoms = new int[AtomGroups.COUNT];
        private final double[][] rows = new double[AtomGroups.COUNT][];

        Scratch(int lags) {
            s1 = new double[3][lags];
            r = new double[3][lags];
        }

        double[] row(int g) {
            if (rows[g] == null) {
                rows[g] = new double[s1[0].length];
            }
            return rows[g];
        }
    }

    /**
     * S1(m)·(T−m) − 2·r(m) from squares summed per frame and lag sums (the MSD times (T−m)·atoms), written over r
     * (returned).
     */
    private static double[] squaresMinusTwiceLagSums(double[] sq, double[] r, double[] prefix) {
        int t = sq.length;
        for (int k = 0; k < t; k++) {
            prefix[k + 1] = prefix[k] + sq[k];
        }
        double all = prefix[t];
        for (int m = 0; m < r.length; m++) {
            r[m] = prefix[t - m] + (all - prefix[m]) - 2.0 * r[m];
        }
        return r;
    }
}
