package io.ionflow.jobs.transport;

import io.ionflow.analyze.DriftReference;
import io.ionflow.analyze.FftThreads;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The direct path of a transport job, for runs small enough to be held by one task (atoms × frames
 * ≤ {@code spark.ionflow.transport.directMaxAtomFrames}): one task reads all of a run's shards (the
 * same columnar scan as the first pass), checks and accumulates them with the same row loop
 * ({@link FramePass}, direct mode: rows placed into the run's arrays instead of cut into pieces),
 * evaluates the frame checks on the run's complete statistics and, if they pass, runs the per-atom
 * kernel ({@link AtomStreamer#directPartials}, same blocks) and the merge ({@link RunMerger}) in the
 * same task. No persist, no shuffle of positions.
 *
 * <p>Emits the run's complete {@link FrameStats} (always: the driver checks them again with the
 * same code and writes the same messages as for the shuffle path) and, when the checks pass, writes
 * the run's tables into the job's staging directories ({@link ResultTables}) and emits its
 * {@link Schemas#RESULT} rows without their arrays. Memory per task: atoms × frames × 12 bytes (+1 bit, +1 byte
 * when the species are recorded; frame-major, so the rows are written in file order) plus 64 atoms' series and the
 * kernel's accumulators.
 */
final class DirectPass implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final org.apache.logging.log4j.Logger LOG =
            org.apache.logging.log4j.LogManager.getLogger(DirectPass.class);

    /** What a direct task needs to know about its run beyond {@link PassRun}. */
    static final class Spec implements Serializable {
        private static final long serialVersionUID = 1L;
        final String runId;
        final double frameIntervalPs;
        final int maxLag;
        final double[] masses;
        /** Atoms of the drift reference (−1: not known yet). */
        final int nFramework;
        /** The drift reference (null: not known yet). */
        final DriftReference.Choice choice;
        final double temperatureK;
        final double vacancyFraction;
        final double fitStartPs;
        final double fitEndPs;
        /** --framework, or null; used when the task finds the end frames itself. */
        final String frameworkOption;
        /** --drift; used when the task finds the end frames itself. */
        final DriftReference.Mode drift;

        Spec(String runId, double frameIntervalPs, int maxLag, double[] masses, int nFramework,
             DriftReference.Choice choice, double temperatureK,
             double vacancyFraction, double fitStartPs, double fitEndPs, String frameworkOption, DriftReference.Mode drift) {
            this.runId = runId;
            this.frameIntervalPs = frameIntervalPs;
            this.maxLag = maxLag;
            this.masses = masses;
            this.nFramework = nFramework;
            this.choice = choice;
            this.temperatureK = temperatureK;
            this.vacancyFraction = vacancyFraction;
            this.fitStartPs = fitStartPs;
            this.fitEndPs = fitEndPs;
            this.frameworkOption = frameworkOption;
            this.drift = drift;
        }
    }

    /**
     * The end frames a task found for a run whose species were not known in advance ({@code ends} null: the run is
     * not clean enough to be checked that way — the driver takes it through the end-frames query and the task again).
     */
    record Ends(String runId, EndFrames ends) implements Serializable {}

    private final TransportJob.Kind kind;
    private final FramePass pass;
    private final PassRun run;
    private final Spec spec;
    private final ResultTables tables;

    DirectPass(TransportJob.Kind kind, FramePass pass, PassRun run, Spec spec, ResultTables tables) {
        this.kind = kind;
        this.pass = pass;
        this.run = run;
        this.spec = spec;
        this.tables = tables;
    }

    /** One task: all batches ({@code columns} given) or rows of the run. */
    Iterator<Object> call(Iterator<?> input, int[] columns) {
        FftThreads.set(1);
        long t0 = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debug("direct run " + spec.runId + ": task started");
        }
        Object[] filled = pass.fillDirect(input, columns, spec.runId, run);
        FrameStats fs = (FrameStats) filled[0];
        DirectArrays d = (DirectArrays) filled[1];
        filled[1] = null;
        List<Object> out = new ArrayList<>();
        PassRun run = this.run;
        int nFramework = spec.nFramework;
        DriftReference.Choice drift = spec.choice;
        if (run.speciesOfAtom == null) { // frames 0 and T−1 from the arrays, every row's species checked against frame 0
            EndFrames e = (Boolean) filled[2] || d == null ? null : endFrames(d, fs);
            out.add(new Ends(spec.runId, e));
            if (e == null) {
                release(d);
                return out.iterator();
            }
            run = new PassRun(run.ridx, run.nAtoms, run.nFrames, e.speciesOfAtom, run.species, e.inReference());
            nFramework = e.referenceAtoms();
            drift = e.drift;
        }
        out.add(fs);
        long t1 = System.nanoTime();
        FrameChecks c = FrameChecks.of(run.nAtoms, run.nFrames, spec.frameIntervalPs, kind, fs, nFramework, drift,
                EndFrames.atomsPerSpecies(run.speciesOfAtom, run.species.length));
        if (c.skip != null || c.problem != null || d == null) {
            release(d);
            return out.iterator(); // the driver repeats the checks and reports
        }
        RunMeta meta = new RunMeta(run.ridx, spec.runId, run.nAtoms, run.nFrames, c.dtPs, spec.maxLag, run.species,
                spec.masses, run.speciesOfAtom, drift.description(), c.reference, spec.temperatureK, spec.vacancyFraction,
                spec.fitStartPs, spec.fitEndPs);
        List<Row> partials;
        if (d.dupAtom >= 0) {
            partials = List.of(RowFactory.create(run.ridx, -1, 0, 0, null, null, String.format(
                    "atom %d: frame %d appears more than once (duplicated frame)", d.dupAtom, d.dupFrame), d.dupFrame));
        } else {
            partials = new ArrayList<>(AtomStreamer.directPartials(kind, meta, d.a, d.b, d.c));
            partials.sort(Comparator.<Row>comparingInt(r -> r.getInt(1)).thenComparingInt(r -> r.getInt(2)));
        }
        release(d);
        d = null;
        long t2 = System.nanoTime();
        tables.write(new RunMerger(kind, null).merge(partials.iterator(), Map.of(run.ridx, meta))).forEachRemaining(out::add);
        if (LOG.isDebugEnabled()) {
            LOG.debug(String.format(java.util.Locale.ROOT, "direct run %s: read and checked %d rows in %.2f s (row loop %.2f s,"
                            + " the rest Spark's reader), kernel %.2f s, merge, fits and tables %.2f s", spec.runId,
                    (long) run.nAtoms * run.nFrames, (t1 - t0) * 1e-9, (Long) filled[3] * 1e-9, (t2 - t1) * 1e-9,
                    (System.nanoTime() - t2) * 1e-9));
        }
        return out.iterator();
    }

    private static void release(DirectArrays d) {
        if (d != null) {
            d.release();
        }
    }

    /**
     * For a run read without its species (clean rows only): {@link EndFrames} from frames 0 and T−1 of the arrays,
     * exactly as the driver's query would give them; then every row's species is compared with its atom's in frame 0
     * and the framework's exact coordinate sums are added to {@code fs}, as the row loop does when the species are
     * known. Null when the end frames have a problem, a row's species differs or a row is missing (the driver's path
     * reports it).
     */
    private EndFrames endFrames(DirectArrays d, FrameStats fs) {
        int n = run.nAtoms;
        int last = run.nFrames - 1;
        List<Row> rows = new ArrayList<>(2 * n);
        for (int f : last == 0 ? new int[] {0} : new int[] {0, last}) {
            for (int a = 0; a < n; a++) {
                int i = f * n + a;
                if (d.seen(i)) {
                    rows.add(RowFactory.create(spec.runId, f, a, run.species[d.species[i]], d.a[i], d.b[i], d.c[i], null));
                }
            }
        }
        EndFrames e = EndFrames.of(spec.runId, run.species, n, run.nFrames, spec.masses, rows, spec.frameworkOption,
                spec.drift, kind);
        if (e.problem != null) {
            return null;
        }
        int[] soa = e.speciesOfAtom;
        byte[] sp = d.species; // −1 where no row was seen
        for (int f = 0, i = 0; f <= last; f++) {
            int differ = 0;
            for (int a = 0; a < n; a++, i++) {
                differ |= sp[i] ^ soa[a];
            }
            if (differ != 0) {
                return null; // a species differs from frame 0, or a row is missing: the driver's path names it
            }
        }
        int[] refAtoms = new int[e.referenceAtoms()];
        boolean[] ref = e.inReference();
        for (int a = 0, k = 0; a < n; a++) {
            if (ref[soa[a]]) {
                refAtoms[k++] = a;
            }
        }
        long[][] sums = fs.sums;
        for (int f = 0; f <= last; f++) {
            int base = f * n;
            for (int a : refAtoms) {
                int s = 6 * soa[a];
                FrameStats.addExact(sums[s], sums[s + 1], f, d.a[base + a]);
                FrameStats.addExact(sums[s + 2], sums[s + 3], f, d.b[base + a]);
                FrameStats.addExact(sums[s + 4], sums[s + 5], f, d.c[base + a]);
            }
            fs.nfw[f] += refAtoms.length;
        }
        return e;
    }
}
