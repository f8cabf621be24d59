package io.ionflow.analyze.transport;

import java.io.Serializable;

/**
 * What the merge of a run needs to know besides its tasks' outcomes: its shape, species, masses, fit window
 * ({@code NaN}: automatic) and how many tasks were planned for it.
 *
 * @param ridx  index of the run within the job
 * @param tasks tasks planned for the run
 */
public record RunMeta(int ridx, String runId, int nFrames, int maxLag, String[] species, double[] masses, double fitStartPs,
               double fitEndPs, int tasks) implements Serializable {

    /**
     * Atoms per accumulation block of a run with {@code nAtoms} atoms: at least 64, at most 64 blocks.
     * The kernel emits partial sums per block (contiguous atom ids) and the merge adds them in
     * block order, so results do not depend on how atoms were spread over tasks: the same run gives
     * bit-identical results whatever the split or the other runs of the job.
     */
    public static int atomsPerBlock(int nAtoms) {
        return Math.max(64, (nAtoms + 63) / 64);
    }
}
