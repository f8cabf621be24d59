package io.ionflow.analyze;

import java.util.Arrays;

/**
 * Streams atoms into a (weighted) velocity autocorrelation function by FFT:
 * C(m) = Σ_i w_i Σ_{k &lt; T−m} v_i(k)·v_i(k+m) / [(T−m) Σ_i w_i]  (Å²/ps², all origins).
 * With unit weights this is the species-averaged VACF; with w_i = m_i it is the mass-weighted
 * VACF that {@link Vdos} needs. Velocities are <em>not</em> centred (a mean velocity is physics,
 * or drift to be removed beforehand with {@link DriftCorrection}).
 *
 * <p>Atoms are also dealt round-robin into {@code nBlocks} blocks (atom k → block k mod nBlocks)
 * whose VACFs are kept separately, so that the Green–Kubo plateau gets a block-averaging error.
 * Not thread-safe.
 */
public final class VacfAccumulator {
    /** Default number of atom blocks for the error estimate. */
    public static final int DEFAULT_BLOCKS = 8;

    private final Correlator corr;
    private final double dtPs;
    private final double[][] blockPower;
    private final double[] blockWeight;
    private int count;

    /**
     * @param nFrames frames per series
     * @param dtPs    frame spacing, ps
     * @param maxLag  largest lag, frames (≤ nFrames − 1)
     * @param nBlocks atom blocks kept for the error estimate (≥ 1)
     */
    public VacfAccumulator(int nFrames, double dtPs, int maxLag, int nBlocks) {
        this(nFrames, dtPs, maxLag, nBlocks, FftBackends.current());
    }

    /** As {@link #VacfAccumulator(int, double, int, int)} with a given FFT backend (tests). */
    VacfAccumulator(int nFrames, double dtPs, int maxLag, int nBlocks, FftBackend backend) {
        if (nBlocks < 1) {
            throw new IllegalArgumentException("need at least one block, got " + nBlocks);
        }
        if (!(dtPs > 0) || !Double.isFinite(dtPs)) {
            throw new IllegalArgumentException("frame spacing must be positive and finite, got " + dtPs + " ps");
        }
        this.corr = new Correlator(nFrames, maxLag, backend);
        this.dtPs = dtPs;
        this.blockPower = new double[nBlocks][corr.powerLength()];
        this.blockWeight = new double[nBlocks];
    }

    /**
     * @param nFrames frames per series
     * @param dtPs    frame spacing, ps
     * @param maxLag  largest lag, frames
     */
    public VacfAccumulator(int nFrames, double dtPs, int maxLag) {
        this(nFrames, dtPs, maxLag, DEFAULT_BLOCKS);
    }

    /**
     * Adds one atom with unit weight.
     *
     * @param vx velocity x, Å/ps, one per frame
     * @param vy velocity y, Å/ps
     * @param vz velocity z, Å/ps
     */
    public void add(double[] vx, double[] vy, double[] vz) {
        add(vx, vy, vz, 1.0);
    }

    /**
     * Adds one atom with a weight (e.g. its mass in amu for a mass-weighted VACF).
     *
     * @param vx     velocity x, Å/ps
     * @param vy     velocity y, Å/ps
     * @param vz     velocity z, Å/ps
     * @param weight weight (> 0), e.g. amu
     */
    public void add(double[] vx, double[] vy, double[] vz, double weight) {
        int b = checkedBlock(weight);
        corr.load(vx, 0.0);
        corr.accumulatePower(blockPower[b], weight);
        corr.load(vy, 0.0);
        corr.accumulatePower(blockPower[b], weight);
        corr.load(vz, 0.0);
        corr.accumulatePower(blockPower[b], weight);
        blockWeight[b] += weight;
        count++;
    }

    /**
     * Adds one atom given as float series, with a weight.
     *
     * @param vx     velocity x, Å/ps
     * @param vy     velocity y, Å/ps
     * @param vz     velocity z, Å/ps
     * @param weight weight (> 0)
     */
    public void add(float[] vx, float[] vy, float[] vz, double weight) {
        int b = checkedBlock(weight);
        corr.load(vx, 0.0);
        corr.accumulatePower(blockPower[b], weight);
        corr.load(vy, 0.0);
        corr.accumulatePower(blockPower[b], weight);
        corr.load(vz, 0.0);
        corr.accumulatePower(blockPower[b], weight);
        blockWeight[b] += weight;
        count++;
    }

    private int checkedBlock(double weight) {
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight must be positive and finite, got " + weight);
        }
        return count % blockPower.length;
    }

    /** @return atoms added so far */
    public int atoms() {
        return count;
    }

    /**
     * Forgets every atom added so far but keeps the arrays, for the next block of atoms: what follows gives exactly
     * the sums a new accumulator would.
     */
    public void reset() {
        for (double[] p : blockPower) {
            Arrays.fill(p, 0.0);
        }
        Arrays.fill(blockWeight, 0.0);
        count = 0;
    }

    /**
     * @return the weighted-mean VACF, its per-block versions and the total weight
     * @throws IllegalStateException if no atom was added
     */
    public VacfResult result() {
        if (count == 0) {
            throw new IllegalStateException("no atoms added to the VACF accumulator");
        }
        return sums().result();
    }

    /**
     * The state reduced to lags 0..maxLag ({@link VacfSums}): small, mergeable across tasks block by
     * block, and giving exactly {@link #result()} (the accumulator stays usable).
     *
     * @return the sums over the atoms added so far
     */
    public VacfSums sums() {
        int nb = blockPower.length;
        double[][] r = new double[nb][];
        for (int b = 0; b < nb; b++) {
            r[b] = blockWeight[b] > 0 ? corr.lagSums(blockPower[b]) : new double[corr.maxLag + 1];
        }
        return new VacfSums(corr.nFrames, dtPs, corr.maxLag, count, r, blockWeight.clone());
    }
}
