package io.ionflow.jobs.msd;

import io.ionflow.analyze.transport.RunTask;
import io.ionflow.analyze.transport.RunMeta;
import io.ionflow.analyze.transport.Method;
import io.ionflow.jobs.archive.UserError;
import io.ionflow.simulate.archive.RunInfo;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a transport job cuts its runs into tasks: one task per run when the run's atoms × frames fit the per-task
 * budget ({@value #TASK_ATOM_FRAMES}, default {@value #DEFAULT_TASK_ATOM_FRAMES}), otherwise one task per block of
 * atoms, each a whole number of the run's accumulation blocks ({@link RunMeta#atomsPerBlock}). Every task reads the
 * whole run (it needs every row for the checks and the drift reference) and keeps only its atoms' values.
 */
final class TaskPlan {
    private TaskPlan() {}

    /** Spark setting: the largest atoms × frames one task holds in memory (12 bytes each). */
    static final String TASK_ATOM_FRAMES = "spark.ionflow.msd.taskAtomFrames";
    /** Default: 4e7 atom-frames, ≈ 480 MB of values in one task. */
    static final long DEFAULT_TASK_ATOM_FRAMES = 40_000_000L;

    /**
     * The Spark setting {@link #TASK_ATOM_FRAMES}, checked: a local property of the calling thread
     * ({@code SparkContext.setLocalProperty}) if set, else the application's setting ({@code --conf}, {@code -D},
     * {@code spark-defaults.conf}). Read from the SparkContext, not the SQL session's conf, which the msd job does not
     * otherwise need (initialising it costs ≈ 0.5 s in a fresh JVM).
     */
    static long budget(SparkSession spark) {
        String local = spark.sparkContext().getLocalProperty(TASK_ATOM_FRAMES);
        String v = (local != null ? local
                : spark.sparkContext().getConf().get(TASK_ATOM_FRAMES, Long.toString(DEFAULT_TASK_ATOM_FRAMES))).strip();
        try {
            long b = (long) Double.parseDouble(v);
            if (b >= 1) {
                return b;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UserError(TASK_ATOM_FRAMES + " must be a number of atom-frames >= 1, got '" + v + "'");
    }

    /** Atoms per task of a run: all when they fit the budget, else the most whole accumulation blocks within it (at least one). */
    static int atomsPerTask(int nAtoms, int nFrames, long budget) {
        if ((long) nAtoms * nFrames <= budget) {
            return nAtoms;
        }
        int perBlock = RunMeta.atomsPerBlock(nAtoms);
        long fit = Math.min(budget, Integer.MAX_VALUE - 64L) / Math.max(1, nFrames);
        long blocks = Math.max(1, fit / perBlock);
        return (int) Math.min(nAtoms, blocks * perBlock);
    }

    /** The tasks of one run (ridx-th of the job), in atom order. */
    static List<RunTask> tasks(int ridx, RunInfo r, int maxLag, String[] files, Method kind, MsdJob.Options o,
                               long budget) {
        int step = atomsPerTask(r.nAtoms(), r.nFrames(), budget);
        int n = (r.nAtoms() + step - 1) / step;
        List<RunTask> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(new RunTask(ridx, r.runId(), k, n, k * step, Math.min(r.nAtoms(), (k + 1) * step), r.nAtoms(),
                    r.nFrames(), r.frameIntervalPs(), maxLag, r.species(), r.masses(), files, kind, o.framework(),
                    o.driftMode(), o.fitStartPs() == null ? Double.NaN : o.fitStartPs(),
                    o.fitEndPs() == null ? Double.NaN : o.fitEndPs()));
        }
        return out;
    }

    /** The largest tasks first, so that the last wave of tasks is short. */
    static void largestFirst(List<RunTask> tasks) {
        tasks.sort(Comparator.comparingLong((RunTask t) -> -(long) t.blockAtoms() * t.nFrames())
                .thenComparingInt(RunTask::ridx).thenComparingInt(RunTask::task));
    }
}
