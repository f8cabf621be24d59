package io.ionflow.analyze;

import java.util.Arrays;

/**
 * The mergeable state of a {@link VacfAccumulator} reduced to lags 0..maxLag: per atom block b,
 * the weighted lag sums {@code r[b][m]} = Σ_{i∈b} w_i Σ_{k&lt;T−m} v_i(k)·v_i(k+m) (Å²/ps² × weight)
 * and the block weight Σ_{i∈b} w_i. Linear in the atoms, so partial sums from different tasks add
 * block by block ({@link #merge}); blocks stay disjoint sets of whole atoms, so the block error of
 * {@link VacfResult#plateau} remains valid. Plain arrays for shipping between tasks
 * ({@link #lagSumsPacked()}, {@link #blockWeights()}).
 */
public final class VacfSums {
    private final int nFrames;
    private final double dtPs;
    private final int maxLag;
    private int atoms;
    private final double[][] r;
    private final double[] weight;

    /**
     * @param nFrames frames per series
     * @param dtPs    frame spacing, ps
     * @param maxLag  largest lag, frames
     * @param atoms   atoms summed
     * @param r       [nBlocks][maxLag+1] weighted lag sums (kept, not copied)
     * @param weight  [nBlocks] block weights (kept, not copied)
     */
    public VacfSums(int nFrames, double dtPs, int maxLag, int atoms, double[][] r, double[] weight) {
        if (nFrames < 1 || maxLag < 0 || maxLag > nFrames - 1) {
            throw new IllegalArgumentException("invalid VACF shape: " + nFrames + " frames, max lag " + maxLag);
        }
        if (!(dtPs > 0) || !Double.isFinite(dtPs)) {
            throw new IllegalArgumentException("frame spacing must be positive and finite, got " + dtPs + " ps");
        }
        if (r.length < 1 || r.length != weight.length || atoms < 0) {
            throw new IllegalArgumentException("VACF sums need ≥ 1 block and one weight per block");
        }
        for (double[] b : r) {
            if (b.length != maxLag + 1) {
                throw new IllegalArgumentException("VACF sums must have maxLag + 1 = " + (maxLag + 1) + " lags");
            }
        }
        this.nFrames = nFrames;
        this.dtPs = dtPs;
        this.maxLag = maxLag;
        this.atoms = atoms;
        this.r = r;
        this.weight = weight;
    }

    /**
     * Rebuilds sums from their packed form.
     *
     * @param nFrames     frames per series
     * @param dtPs        frame spacing, ps
     * @param maxLag      largest lag, frames
     * @param atoms       atoms summed
     * @param lagSums     block after block, nBlocks·(maxLag+1) entries
     * @param blockWeight one weight per block
     * @return the sums
     */
    public static VacfSums fromPacked(int nFrames, double dtPs, int maxLag, int atoms, double[] lagSums, double[] blockWeight) {
        int l = maxLag + 1;
        int nb = blockWeight.length;
        if (lagSums.length != nb * l) {
            throw new IllegalArgumentException("packed VACF sums must have nBlocks·(maxLag+1) = " + nb * l
                    + " entries, got " + lagSums.length);
        }
        double[][] r = new double[nb][];
        for (int b = 0; b < nb; b++) {
            r[b] = Arrays.copyOfRange(lagSums, b * l, (b + 1) * l);
        }
        return new VacfSums(nFrames, dtPs, maxLag, atoms, r, blockWeight.clone());
    }

    /** @return the lag sums, block after block (a copy) */
    public double[] lagSumsPacked() {
        int l = maxLag + 1;
        double[] p = new double[r.length * l];
        for (int b = 0; b < r.length; b++) {
            System.arraycopy(r[b], 0, p, b * l, l);
        }
        return p;
    }

    /** @return the weight of each block (a copy) */
    public double[] blockWeights() {
        return weight.clone();
    }

    /**
     * Adds the blocks of another set of sums to this one's, block by block.
     *
     * @param other sums of the same shape and block count
     * @return this
     */
    public VacfSums merge(VacfSums other) {
        if (other.nFrames != nFrames || other.maxLag != maxLag || other.dtPs != dtPs || other.r.length != r.length) {
            throw new IllegalArgumentException("cannot merge VACF sums of different shape: "
                    + other.nFrames + "/" + other.maxLag + "/" + other.dtPs + " ps/" + other.r.length + " blocks vs "
                    + nFrames + "/" + maxLag + "/" + dtPs + " ps/" + r.length + " blocks");
        }
        for (int b = 0; b < r.length; b++) {
            for (int m = 0; m <= maxLag; m++) {
                r[b][m] += other.r[b][m];
            }
            weight[b] += other.weight[b];
        }
        atoms += other.atoms;
        return this;
    }

    /** @return atoms summed */
    public int atoms() {
        return atoms;
    }

    /** @return largest lag, frames */
    public int maxLag() {
        return maxLag;
    }

    /**
     * @return the weighted-mean VACF with its per-block versions (blocks without atoms are left out)
     * @throws IllegalStateException if no atom was summed
     */
    public VacfResult result() {
        if (atoms == 0) {
            throw new IllegalStateException("no atoms added to the VACF accumulator");
        }
        int lags = maxLag + 1;
        int nb = 0;
        for (double w : weight) {
            if (w > 0) {
                nb++;
            }
        }
        double[][] blocks = new double[nb][];
        double[] total = new double[lags];
        double wTot = 0;
        for (int b = 0, k = 0; b < r.length; b++) {
            if (!(weight[b] > 0)) {
                continue;
            }
            double[] c = new double[lags];
            for (int m = 0; m < lags; m++) {
                c[m] = r[b][m] / (nFrames - m);
                total[m] += c[m];
                c[m] /= weight[b];
            }
            blocks[k++] = c;
            wTot += weight[b];
        }
        for (int m = 0; m < lags; m++) {
            total[m] /= wTot;
        }
        return new VacfResult(dtPs, atoms, wTot, total, blocks);
    }
}
