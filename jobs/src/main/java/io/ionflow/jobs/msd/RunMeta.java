package io.ionflow.jobs.msd;

import java.io.Serializable;

/**
 * What the merge of a run needs to know besides its tasks' outcomes: its shape, species, masses, fit window and
 * conditions (for the diffusion table), and how many tasks were planned for it.
 */
final class RunMeta implements Serializable {
    private static final long serialVersionUID = 1L;

    final int ridx;
    final String runId;
    final int nFrames;
    final int maxLag;
    final String[] species;
    final double[] masses;
    final double temperatureK;
    final double vacancyFraction;
    /** Fit / plateau window, ps; NaN = automatic. */
    final double fitStartPs;
    final double fitEndPs;
    final int tasks;

    RunMeta(int ridx, String runId, int nFrames, int maxLag, String[] species, double[] masses, double temperatureK,
            double vacancyFraction, double fitStartPs, double fitEndPs, int tasks) {
        this.ridx = ridx;
        this.runId = runId;
        this.nFrames = nFrames;
        this.maxLag = maxLag;
        this.species = species;
        this.masses = masses;
        this.temperatureK = temperatureK;
        this.vacancyFraction = vacancyFraction;
        this.fitStartPs = fitStartPs;
        this.fitEndPs = fitEndPs;
        this.tasks = tasks;
    }

    /**
     * Atoms per accumulation block of a run with {@code nAtoms} atoms: at least 64, at most 64 blocks.
     * The kernel emits partial sums per block (contiguous atom ids) and the merge adds them in
     * block order, so results do not depend on how atoms were spread over tasks: the same run gives
     * bit-identical results whatever the split or the other runs of the job.
     */
    static int atomsPerBlock(int nAtoms) {
        return Math.max(64, (nAtoms + 63) / 64);
    }
}
