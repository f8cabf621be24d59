package io.ionflow.analyze.transport;

import io.ionflow.analyze.AtomGroups;
import io.ionflow.analyze.MsdAccumulator;
import io.ionflow.analyze.VacfAccumulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel step of a task: the task's atoms, one after the other, with the drift reference subtracted, into one
 * accumulator per species ({@link MsdAccumulator} / {@link VacfAccumulator}) and accumulation block
 * ({@link RunMeta#atomsPerBlock}). Each block's O(max lag) sums become a {@link TaskOutcome.Partial}; the task that
 * starts at atom 0 folds its blocks in order into one per species, and the merge continues that fold with the
 * blocks of the run's other tasks, so the result is bit-identical however the run was split.
 */
final class BlockKernel {
    private final RunTask task;
    private final EndFrames ends;
    private final FrameChecks check;
    private final int[] groups;
    private final List<TaskOutcome.Partial> partials = new ArrayList<>();
    private final Object[] folded;
    private KernelWorkspace work;

    private BlockKernel(RunTask task, EndFrames ends, FrameChecks check) {
        this.task = task;
        this.ends = ends;
        this.check = check;
        this.groups = AtomGroups.ofAtoms(ends.speciesOfAtom, task.species().length);
        this.folded = new Object[task.species().length];
    }

    static TaskOutcome run(RunTask t, EndFrames ends, FrameChecks check, RunFrames frames) {
        int m = t.blockAtoms();
        if (!frames.blockComplete()) {
            return TaskOutcome.failed(t, "atom " + (t.atomFrom() + frames.firstIncomplete()) + " is missing from a frame"
                    + " in which another atom id appears twice (missing or duplicated atom ids)");
        }
        int[] complete = new int[t.species().length];
        for (int j = 0; j < m; j++) {
            complete[ends.speciesOfAtom[t.atomFrom() + j]]++;
        }
        BlockKernel k = new BlockKernel(t, ends, check);
        k.accumulate(frames);
        return new TaskOutcome(t.ridx(), t.runId(), t.task(), TaskOutcome.Status.OK, null, check.dtPs,
                ends.drift.description(), EndFrames.atomsPerSpecies(ends.speciesOfAtom, t.species().length), complete,
                k.emitted());
    }

    /** Atoms 64 at a time from the frame-major arrays into per-atom series (cache-friendly), then the kernel. */
    private void accumulate(RunFrames frames) {
        int m = task.blockAtoms();
        int tile = Math.min(64, m);
        work = KernelWorkspace.take(task, check.dtPs, tile);
        float[][] x = work.tiles[0];
        float[][] y = work.tiles[1];
        float[][] z = work.tiles[2];
        int perBlock = RunMeta.atomsPerBlock(task.nAtoms());
        int block = -1;
        for (int j0 = 0; j0 < m; j0 += tile) {
            int n = Math.min(tile, m - j0);
            transpose(frames, m, j0, n, x, y, z);
            for (int j = 0; j < n; j++) {
                int atom = task.atomFrom() + j0 + j;
                if (atom / perBlock != block) {
                    flush(block);
                    block = atom / perBlock;
                }
                add(atom, x[j], y[j], z[j]);
            }
        }
        flush(block);
        work.give();
    }

    private static void transpose(RunFrames frames, int m, int j0, int n, float[][] x, float[][] y, float[][] z) {
        transpose(frames.a, m, j0, n, x);
        transpose(frames.b, m, j0, n, y);
        transpose(frames.c, m, j0, n, z);
    }

    /** One component of atoms j0 .. j0 + n − 1, 64 frames at a time (one array at a time: fewer pages in flight). */
    private static void transpose(float[] frameMajor, int m, int j0, int n, float[][] out) {
        int t = out[0].length;
        for (int f0 = 0; f0 < t; f0 += 64) {
            int f1 = Math.min(t, f0 + 64);
            for (int j = 0; j < n; j++) {
                float[] series = out[j];
                for (int f = f0, i = f0 * m + j0 + j; f < f1; f++, i += m) {
                    series[f] = frameMajor[i];
                }
            }
        }
    }

    private void add(int atom, float[] x, float[] y, float[] z) {
        double[][] ref = check.reference;
        int s = ends.speciesOfAtom[atom];
        if (task.kind() == Method.MSD) {
            work.msd(s).addRelative(x, y, z, ref, groups[atom]);
        } else {
            double[][] w = work.relative;
            for (int f = 0; f < task.nFrames(); f++) {
                w[0][f] = x[f] - ref[0][f];
                w[1][f] = y[f] - ref[1][f];
                w[2][f] = z[f] - ref[2][f];
            }
            work.vacf(s).add(w[0], w[1], w[2], 1.0);
        }
    }

    /**
     * The block's sums, one partial per species that has atoms in it (folded when this task holds atom 0); the
     * accumulators are then reset for the next block, keeping their arrays.
     */
    private void flush(int block) {
        if (block < 0) {
            return;
        }
        for (int s = 0; s < task.species().length; s++) {
            if (task.task() == 0) {
                folded[s] = work.foldSums(s, folded[s]);
                continue;
            }
            Object sums = work.takeSums(s);
            if (sums != null) {
                partials.add(RunMerger.pack(sums, s, block));
            }
        }
    }

    private List<TaskOutcome.Partial> emitted() {
        if (task.task() != 0) {
            return partials;
        }
        List<TaskOutcome.Partial> out = new ArrayList<>();
        for (int s = 0; s < folded.length; s++) {
            if (folded[s] != null) {
                out.add(RunMerger.pack(folded[s], s, 0));
            }
        }
        return out;
    }
}
