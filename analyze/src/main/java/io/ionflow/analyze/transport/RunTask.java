package io.ionflow.analyze.transport;

import io.ionflow.analyze.DriftReference;

import java.io.Serializable;

/**
 * One task of a transport job: a block of atoms {@code [atomFrom, atomTo)} of one run (all of the run's atoms when it
 * fits the per-task budget), with everything the task needs to read, check and analyse them — the run's shape from
 * its runs row, its shard files and the job's options. Block boundaries are multiples of the run's accumulation
 * block ({@link RunMeta#atomsPerBlock}), so the partial sums, merged in block order, do not depend on the split.
 *
 * @param ridx        index of the run within the job
 * @param task        index of this task within the run (0 = the block that starts at atom 0)
 * @param tasks       tasks of the run
 * @param files       the run's shard files, in name order
 * @param framework   --framework, or null
 */
public record RunTask(int ridx, String runId, int task, int tasks, int atomFrom, int atomTo, int nAtoms, int nFrames,
               double frameIntervalPs, int maxLag, String[] species, double[] masses, String[] files,
               Method kind, String framework, DriftReference.Mode drift, double fitStartPs, double fitEndPs)
        implements Serializable {

    /** Atoms of this task's block. */
    public int blockAtoms() {
        return atomTo - atomFrom;
    }
}
