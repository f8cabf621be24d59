package io.ionflow.analyze.transport;

import io.ionflow.analyze.FftThreads;
import io.ionflow.analyze.MsdResult;
import io.ionflow.analyze.MsdSums;
import io.ionflow.analyze.TransportEstimate;
import io.ionflow.analyze.VacfResult;
import io.ionflow.analyze.VacfSums;
import io.ionflow.analyze.Vdos;
import io.ionflow.analyze.VdosResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The merge of a run: its tasks' outcomes in task order — the first failure or skip decides for the run — then the
 * partial sums folded per species in block order, the atom counts checked against frame 0, and the analyze
 * kernels' finishing ({@link TransportEstimate}: the MSD's GLS fit or the VACF's Green–Kubo plateau; {@link Vdos}).
 */
public final class RunMerger {
    private RunMerger() {}

    /** Continues the fold of a species' sums with one more partial (block order). */
    static Object fold(Object acc, TaskOutcome.Partial p, Method kind, int nFrames, double dtPs, int maxLag) {
        return fold(acc, kind == Method.MSD
                ? MsdSums.fromPacked(nFrames, dtPs, maxLag, p.atoms(), p.first(), p.second())
                : VacfSums.fromPacked(nFrames, dtPs, maxLag, p.atoms(), p.first(), p.second()));
    }

    /**
     * Continues the fold with one more block's sums ({@link MsdSums} or {@link VacfSums}, then owned by the fold):
     * exactly the fold of their packed form, without packing them.
     */
    static Object fold(Object acc, Object sums) {
        if (acc == null) {
            return sums;
        }
        return sums instanceof MsdSums m ? ((MsdSums) acc).merge(m) : ((VacfSums) acc).merge((VacfSums) sums);
    }

    /** Sums (or a fold of them) as the partial of a block. */
    static TaskOutcome.Partial pack(Object sums, int species, int block) {
        if (sums instanceof MsdSums m) {
            return new TaskOutcome.Partial(species, block, m.atoms(), m.s1Packed(), m.rPacked());
        }
        VacfSums v = (VacfSums) sums;
        return new TaskOutcome.Partial(species, block, v.atoms(), v.lagSumsPacked(), v.blockWeights());
    }

    /** The run's result from all its tasks' outcomes. */
    public static RunResult merge(RunMeta run, Method kind, Iterable<TaskOutcome> outcomes) {
        FftThreads.set(1);
        List<TaskOutcome> all = new ArrayList<>();
        outcomes.forEach(all::add);
        all.sort(Comparator.comparingInt(TaskOutcome::task));
        for (TaskOutcome o : all) {
            if (o.status() != TaskOutcome.Status.OK) {
                return RunResult.notDone(run, o.status(), o.message(), null);
            }
        }
        TaskOutcome first = all.get(0);
        if (all.size() != run.tasks()) {
            return RunResult.notDone(run, TaskOutcome.Status.FAILED, all.size() + " of " + run.tasks()
                    + " tasks reported (internal error)", first.drift());
        }
        Object[] sums = new Object[run.species().length];
        int[] complete = new int[sums.length];
        for (TaskOutcome o : all) {
            for (TaskOutcome.Partial p : o.partials()) {
                sums[p.species()] = fold(sums[p.species()], p, kind, run.nFrames(), first.dtPs(), run.maxLag());
            }
            for (int s = 0; s < sums.length; s++) {
                complete[s] += o.complete()[s];
            }
        }
        int[] expect = first.atomsPerSpecies();
        for (int s = 0; s < expect.length; s++) {
            if (complete[s] != expect[s]) {
                return RunResult.notDone(run, TaskOutcome.Status.FAILED, String.format("species %s: %d atoms have"
                        + " complete series, frame 0 lists %d (missing or duplicated atom ids)", run.species()[s],
                        complete[s], expect[s]), first.drift());
            }
        }
        try {
            return kind == Method.MSD ? finishMsd(run, sums, first) : finishVacf(run, sums, first);
        } catch (RuntimeException e) {
            return RunResult.notDone(run, TaskOutcome.Status.FAILED, "analysis failed: " + e, first.drift());
        }
    }

    private static RunResult finishMsd(RunMeta run, Object[] sums, TaskOutcome first) {
        List<RunResult.SpeciesResult> rows = new ArrayList<>();
        for (int s = 0; s < run.species().length; s++) {
            if (sums[s] == null) {
                rows.add(RunResult.SpeciesResult.empty(run.species()[s]));
                continue;
            }
            MsdResult m = ((MsdSums) sums[s]).result();
            TransportEstimate e = TransportEstimate.fromMsd(m, run.fitStartPs(), run.fitEndPs());
            rows.add(new RunResult.SpeciesResult(run.species()[s], m.particles(), m.timesPs(),
                    new double[][] {m.total(), m.x(), m.y(), m.z()}, null, e,
                    e.note() + "; drift reference: " + first.drift()));
        }
        return new RunResult(run.runId(), run.ridx(), TaskOutcome.Status.OK, null, first.drift(), rows, null, null);
    }

    private static RunResult finishVacf(RunMeta run, Object[] sums, TaskOutcome first) {
        VacfResult[] res = new VacfResult[run.species().length];
        for (int s = 0; s < res.length; s++) {
            res[s] = sums[s] == null ? null : ((VacfSums) sums[s]).result();
        }
        VdosResult vdos = null;
        String vdosNote = null;
        try {
            vdos = Vdos.ofSpecies(res, run.masses());
        } catch (IllegalArgumentException e) {
            vdosNote = "no VDOS: " + e.getMessage();
        }
        List<RunResult.SpeciesResult> rows = new ArrayList<>();
        for (int s = 0; s < res.length; s++) {
            VacfResult v = res[s];
            if (v == null) {
                rows.add(RunResult.SpeciesResult.empty(run.species()[s]));
                continue;
            }
            TransportEstimate e = TransportEstimate.fromVacf(v, run.fitStartPs(), run.fitEndPs());
            String note = e.note() + (vdosNote != null ? "; " + vdosNote : "");
            rows.add(new RunResult.SpeciesResult(run.species()[s], v.atoms(), v.timesPs(),
                    new double[][] {v.raw(), v.normalized(), v.runningIntegral()},
                    vdos == null ? null : vdos.partial(s), e, note + "; drift reference: " + first.drift()));
        }
        return new RunResult(run.runId(), run.ridx(), TaskOutcome.Status.OK, null, first.drift(), rows,
                vdos == null ? null : vdos.frequenciesTHz(), vdos == null ? null : vdos.total());
    }
}
