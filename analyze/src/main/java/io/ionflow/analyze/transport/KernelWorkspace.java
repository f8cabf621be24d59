package io.ionflow.analyze.transport;

import io.ionflow.analyze.MsdAccumulator;
import io.ionflow.analyze.MsdSums;
import io.ionflow.analyze.VacfAccumulator;

/**
 * What a task's kernel step works in: the transposition tiles (3 × 64 series of T floats) and one accumulator per
 * species, which {@link BlockKernel} resets after each accumulation block. Kept between the tasks of one JVM
 * ({@link SoftPool}, as {@link BlockArrays}): allocated once per processor, these arrays stay in the old generation
 * for good. Allocated per block (≈ 9 MB per species at 10 000 frames with the 32 jackknife groups) they were ≈ 40 %
 * of a job's allocation; allocated per task they lived just long enough to be promoted and dropped there, which
 * cost G1 extra concurrent cycles (measured in {@code docs/benchmarks.md}). Not thread-safe: one task at a time.
 */
final class KernelWorkspace {
    private static final SoftPool<KernelWorkspace> KEPT = new SoftPool<>();
    private final Method kind;
    private final int nFrames;
    private final double dtPs;
    private final int maxLag;
    /** x, y, z series of up to 64 atoms: [component][atom][frame]. */
    final float[][][] tiles;
    /** The VACF's drift-corrected series of one atom: [component][frame]. */
    final double[][] relative;
    private final MsdAccumulator[] msd;
    private final VacfAccumulator[] vacf;

    private KernelWorkspace(RunTask t, double dtPs, int tileAtoms) {
        this.kind = t.kind();
        this.nFrames = t.nFrames();
        this.dtPs = dtPs;
        this.maxLag = t.maxLag();
        this.tiles = new float[3][tileAtoms][nFrames];
        this.relative = kind == Method.VACF ? new double[3][nFrames] : null;
        this.msd = new MsdAccumulator[t.species().length];
        this.vacf = new VacfAccumulator[t.species().length];
    }

    /** A kept workspace for task t's shape (kind, frames, spacing, max lag, species, at least tileAtoms rows), or a new one. */
    static KernelWorkspace take(RunTask t, double dtPs, int tileAtoms) {
        KernelWorkspace kept = KEPT.take(w -> w.kind == t.kind() && w.nFrames == t.nFrames() && w.dtPs == dtPs
                && w.maxLag == t.maxLag() && w.msd.length == t.species().length && w.tiles[0].length >= tileAtoms);
        return kept != null ? kept : new KernelWorkspace(t, dtPs, tileAtoms);
    }

    /** Gives this workspace back for later tasks (every accumulator reset; the caller no longer uses it). */
    void give() {
        KEPT.give(this);
    }

    /** Species s's MSD accumulator. */
    MsdAccumulator msd(int s) {
        if (msd[s] == null) {
            msd[s] = new MsdAccumulator(nFrames, dtPs, maxLag);
        }
        return msd[s];
    }

    /** Species s's VACF accumulator. */
    VacfAccumulator vacf(int s) {
        if (vacf[s] == null) {
            vacf[s] = new VacfAccumulator(nFrames, dtPs, maxLag);
        }
        return vacf[s];
    }

    /**
     * Continues {@code into}, species s's fold in block order, with its sums over the atoms added since the last call
     * (exactly {@code RunMerger.fold(into, takeSums(s))}); the accumulator is reset. The MSD's block sums are added in
     * place ({@link MsdAccumulator#addSumsTo}), without new arrays per block.
     *
     * @return the fold ({@code into} itself when no atom was added)
     */
    Object foldSums(int s, Object into) {
        if (msd[s] != null && msd[s].atoms() > 0) {
            MsdSums fold = msd[s].addSumsTo((MsdSums) into);
            msd[s].reset();
            return fold;
        }
        Object sums = takeSums(s);
        return sums == null ? into : RunMerger.fold(into, sums);
    }

    /**
     * Species s's sums over the atoms added since the last call ({@code MsdSums} or {@code VacfSums}), or null if none
     * was added; the accumulator is reset.
     */
    Object takeSums(int s) {
        Object sums = null;
        if (msd[s] != null && msd[s].atoms() > 0) {
            sums = msd[s].sums();
            msd[s].reset();
        } else if (vacf[s] != null && vacf[s].atoms() > 0) {
            sums = vacf[s].sums();
            vacf[s].reset();
        }
        return sums;
    }
}
