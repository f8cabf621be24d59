package io.ionflow.jobs.transport;

import io.ionflow.analyze.DriftReference;
import io.ionflow.analyze.TimeGrid;
import io.ionflow.jobs.cli.UserError;
import io.ionflow.jobs.spark.ArchiveTables;
import io.ionflow.jobs.spark.Publication;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ArchiveFormatException;
import io.ionflow.simulate.archive.RunInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.ionflow.jobs.transport.RunDiagnostics.fileHint;

/**
 * The {@code msd} and {@code vacf} Spark jobs: per (run, species) the windowed MSD with a GLS
 * diffusion fit, or the VACF with its Green–Kubo plateau and the VDOS, from the frames of an
 * archive, with the drift of a framework species removed.
 *
 * <p>Steps (no frame data is collected on the driver except frames 0 and T−1 of each run):
 * <ol>
 *   <li>{@code runs/} is read, filtered by the user's SQL condition, and every selected row is
 *       validated ({@link RunInfo}).</li>
 *   <li>Frames 0 and T−1 of each run (partition pruning plus Parquet row-group pruning): the species
 *       of every atom, and — unless {@code --framework} is given — the least mobile species, the one
 *       with the smallest first-to-last-frame mean-squared displacement relative to the system's
 *       centre of mass.</li>
 *   <li>One scan of the selected runs' frames ({@link FramePass}), which (a) aggregates per
 *       (run, frame) the row count, invalid rows (atom id out of range, species changed, non-finite
 *       or null values), the frame time and the framework's coordinate sums — exact integer sums,
 *       so the result does not depend on the order Spark adds them in — and (b) cuts the rows into
 *       per-atom {@link Piece}s of consecutive frames. Its output is persisted (serialized, memory
 *       and disk); only the per-frame statistics (frames × ~11 numbers per run) go to the driver,
 *       which checks frames 0..T−1 are all there with one time each (uniform, {@link TimeGrid}) and
 *       builds the framework reference series (centre-of-mass displacement, or mean velocity),
 *       broadcast to the tasks.</li>
 *   <li>The per-atom pass: the pieces of the valid runs are partitioned so that each task gets a
 *       contiguous range of whole accumulation blocks ({@link BlockPartitioner}), sorted within
 *       partitions by (run, atom, frame) ({@link KeyCodec}), and streamed one atom at a time into
 *       per-species accumulators ({@link AtomStreamer}), whose O(max lag) partial sums are emitted
 *       per block.</li>
 *   <li>{@link RunMerger}: partial sums combined per run in block order (so results are bit-identical
 *       whatever the partitioning or the other runs of the job); fits; result rows.</li>
 *   <li>Results are written by the executors under hidden staging directories; only when every table
 *       is complete are the processed runs' partitions swapped in, one rename pair per run partition
 *       ({@link ArchiveTables.StagedPartitions}), and {@code report/diffusion.csv} is replaced (temporary
 *       name, rename). Other runs' partitions are untouched. The renames are preceded by a journal
 *       ({@link Publication}) that the next IonFlow job (msd, vacf, fit, report) completes first, so a job killed
 *       at any moment leaves each run with the old results in every output or the new results in every output,
 *       as IonFlow reads them; stale staging directories are deleted.</li>
 * </ol>
 * Runs with atoms × frames ≤ {@value #DIRECT_MAX_ATOM_FRAMES} (Spark setting, default
 * {@value #DEFAULT_DIRECT_MAX_ATOM_FRAMES}; 0 = off) take the <b>direct path</b> instead of steps 3–5 ({@link DirectPass}):
 * one task per run reads its shards with the same scan and row loop, checks the run's complete statistics and runs
 * the same per-block accumulation and merge — no persist and no shuffle of positions. Its statistics still go to
 * the driver, which repeats the checks, so messages are the same on both paths.
 * A run that fails a check is reported (run, file when known, problem) and skipped; the others go on.
 * This class plans the job and publishes the results; the driver's checks of each run (its runs row against the
 * options, its frame statistics) are in {@link RunChecks}, the Spark passes in {@link Passes}.
 */
public final class TransportJob {
    private TransportJob() {}

    /** Which analysis. */
    public enum Kind {
        MSD("msd", "x, y, z", new String[] {"x", "y", "z"}),
        VACF("vacf", "vx, vy, vz", new String[] {"vx", "vy", "vz"});

        private final String method;
        private final String columns;
        private final String[] cols;

        Kind(String method, String columns, String[] cols) {
            this.method = method;
            this.columns = columns;
            this.cols = cols;
        }

        /** @return the method name in diffusion.csv ({@code msd} / {@code vacf}) */
        public String method() {
            return method;
        }

        String columns() {
            return columns;
        }

        /** @return the three per-atom columns the job reads (the shared array: not to be modified) */
        String[] cols() {
            return cols;
        }
    }

    /**
     * Job options; null means default.
     *
     * @param runsFilter SQL condition on runs/ columns, e.g. {@code temperature_k >= 500}
     * @param maxLagPs   largest lag, ps (default: half of each run)
     * @param fitStartPs fit (MSD) or plateau (VACF) window start, ps (default: automatic)
     * @param fitEndPs   window end, ps
     * @param framework  drift reference species (implies {@code --drift framework}; default: see {@code drift})
     * @param drift      drift reference: auto, framework, system or none (null: auto, see {@link DriftReference})
     * @param partitions tasks of the per-atom pass (default: Spark's default parallelism)
     * @param progressSeconds seconds between progress lines of long steps (default 10)
     */
    public record Options(String runsFilter, Double maxLagPs, Double fitStartPs, Double fitEndPs, String framework,
                          String drift, Integer partitions, Double progressSeconds) {
        /** @return all defaults */
        public static Options defaults() {
            return new Options(null, null, null, null, null, null, null, null);
        }

        /** @return the drift mode asked for (auto when not given) */
        public DriftReference.Mode driftMode() {
            return drift == null ? DriftReference.Mode.AUTO : DriftReference.Mode.parse(drift);
        }
    }

    /**
     * What a job did.
     *
     * @param kind      the analysis
     * @param processed runs whose results were written
     * @param failed    run (or runs row) → one-line problem
     * @param skipped   run → why it was skipped without failing (VACF without velocities)
     * @param lines     this job's diffusion.csv rows
     * @param seconds   wall time
     */
    public record Outcome(Kind kind, List<String> processed, Map<String, String> failed, Map<String, String> skipped,
                          List<DiffusionCsv.Line> lines, double seconds) {}



    /** Spark setting: largest atoms × frames of a run read by one task (the direct path); 0 disables the path. */
    public static final String DIRECT_MAX_ATOM_FRAMES = "spark.ionflow.transport.directMaxAtomFrames";
    /** Default: 4e7 atom-frames, a run's positions as floats ≈ 480 MB in one task. */
    public static final long DEFAULT_DIRECT_MAX_ATOM_FRAMES = 40_000_000L;

    /** A selected, validated run with its derived settings. */
    record Plan(RunInfo info, int maxLag) {}

    /**
     * Runs the job on the archive at {@code location} with the given (active) Spark session.
     *
     * @param spark    the session (reused, never stopped)
     * @param location archive directory or Hadoop URI
     * @param kind     MSD or VACF
     * @param o        options
     * @param out      progress and results
     * @return what was done
     * @throws IOException on I/O errors; {@link UserError} / {@link ArchiveFormatException} for bad input
     */
    public static Outcome run(SparkSession spark, String location, Kind kind, Options o, PrintStream out)
            throws IOException {
        long t0 = System.nanoTime();
        String tag = kind.method();
        checkOptions(o);
        Archive archive = Archive.at(location, spark.sparkContext().hadoopConfiguration());
        if (!archive.fileSystem().exists(archive.runsDir())) {
            throw new UserError("archive " + archive.root() + " has no runs/ table (not a trajectory archive?)");
        }
        if (!archive.fileSystem().exists(archive.framesDir())) {
            throw new UserError("archive " + archive.root() + " has no frames/ directory");
        }
        Map<String, String> failed = new TreeMap<>();
        Map<String, String> skipped = new TreeMap<>();
        Timings tm = new Timings();
        // finish a publication a killed job left decided (journal), then clean what it left undecided
        Publication.recover(archive);
        for (String table : kind == Kind.MSD ? List.of("msd") : List.of("vacf", "vdos")) {
            ArchiveTables.recoverPartitions(archive, archive.analysisTable(table), 1);
        }
        ArchiveTables.recoverPartitions(archive, archive.analysisTable("diffusion"), 2);
        List<ArchiveTables.StagedPartitions> staged = new ArrayList<>();
        List<ArchiveTables.StagedPartitions> jobTables = new ArrayList<>();
        List<RunInfo> selected = RunsTable.readRuns(spark, archive, o.runsFilter(), failed);
        out.printf(Locale.ROOT, "%s: archive %s, %d run(s) selected%s%n", tag, archive.root(),
                selected.size() + failed.size(), o.runsFilter() == null ? "" : " by --runs \"" + o.runsFilter() + "\"");

        Map<String, Plan> plans = new LinkedHashMap<>();
        for (RunInfo r : selected) {
            String problem = RunChecks.planProblem(r, kind, o);
            if (problem == null) {
                problem = archive.tooShortShard(r.runId());
            }
            if (problem != null) {
                Passes.fail(out, tag, failed, r.runId(), problem);
            } else {
                plans.put(r.runId(), new Plan(r, maxLag(r, o)));
            }
        }
        Dataset<Row> frames = spark.read().schema(Schemas.FRAMES).parquet(archive.framesDir().toString());
        tm.lap("runs table");

        // frames 0 and T-1: species of every atom, framework species, presence of velocities. MSD runs that take the
        // direct path find them in their own task (no query); the others are read by one query now
        Map<String, EndFrames> ends = new HashMap<>();
        Set<String> active = new TreeSet<>(plans.keySet());
        long budget = Passes.directBudget(spark);
        Set<String> endsInTask = new TreeSet<>();
        for (String id : active) {
            RunInfo info = plans.get(id).info();
            if (kind == Kind.MSD && Passes.direct(info, budget) && info.species().length < Byte.MAX_VALUE) {
                endsInTask.add(id);
            }
        }
        Set<String> queried = new TreeSet<>(active);
        queried.removeAll(endsInTask);
        Passes.endFrames(spark, frames, kind, o, plans, queried, active, ends, failed, skipped, out);
        tm.lap(endsInTask.isEmpty() ? "first/last frames" : "first/last frames (" + queried.size() + " run(s))");

        // one scan: per-(run, frame) checks and framework sums, and the rows cut into per-atom pieces
        Map<String, RunMeta> metas = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(active);
        Map<String, Integer> ridxOf = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            ridxOf.put(order.get(i), i);
        }
        Passes.FirstPass first = null;
        Passes.DirectRuns direct = null;
        List<String> processed = new ArrayList<>();
        List<DiffusionCsv.Line> lines = new ArrayList<>();
        try {
            if (!active.isEmpty()) {
                int maxAtoms = 1;
                int maxFrames = 1;
                Map<String, PassRun> passRuns = new HashMap<>();
                for (String id : order) {
                    RunInfo info = plans.get(id).info();
                    EndFrames e = ends.get(id);
                    maxAtoms = Math.max(maxAtoms, info.nAtoms());
                    maxFrames = Math.max(maxFrames, info.nFrames());
                    passRuns.put(id, new PassRun(ridxOf.get(id), info.nAtoms(), info.nFrames(),
                            e == null ? null : e.speciesOfAtom, info.species(), e == null ? null : e.inReference()));
                }
                KeyCodec codec = new KeyCodec(order.size(), maxAtoms, maxFrames);
                JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
                Broadcast<Map<String, PassRun>> bcPass = jsc.broadcast(passRuns);
                // every run's tables are written by the task that finishes it, into staging directories made now
                Map<String, String> stagingDirs = new HashMap<>();
                for (Map.Entry<String, Integer> t : ResultTables.tables(kind).entrySet()) {
                    ArchiveTables.StagedPartitions sp = ArchiveTables.newStaging(archive, archive.analysisTable(t.getKey()),
                            t.getValue());
                    staged.add(sp);
                    jobTables.add(sp);
                    stagingDirs.put(t.getKey(), sp.stagingDir().toString());
                }
                Map<String, double[]> conditions = new HashMap<>();
                for (String id : order) {
                    RunInfo info = plans.get(id).info();
                    conditions.put(id, new double[] {info.temperatureK(), info.vacancyFraction()});
                }
                ResultTables tables = new ResultTables(kind, stagingDirs, spark.sparkContext().hadoopConfiguration(),
                        conditions);
                out.printf("%s: writing the results of each run as it is finished (staged, published when all are done)%n",
                        tag);
                // runs that fit one task take the direct path (no persist, no shuffle of positions)
                Set<String> directIds = new TreeSet<>();
                Map<String, DirectPass.Spec> specs = new HashMap<>();
                for (String id : order) {
                    if (Passes.direct(plans.get(id).info(), budget)) {
                        directIds.add(id);
                        specs.put(id, Passes.spec(plans.get(id), ends.get(id), o));
                    }
                }
                if (!directIds.isEmpty()) {
                    direct = Passes.directRuns(jsc, frames, kind, directIds, passRuns, specs, bcPass, codec, tables,
                            active, failed, o, out, spark);
                    // runs whose task could not find clean end frames: the query, then the task again with them
                    Set<String> redo = new TreeSet<>();
                    for (DirectPass.Ends e : direct.ends()) {
                        if (e.ends() == null) {
                            redo.add(e.runId());
                        } else if (active.contains(e.runId())) {
                            ends.put(e.runId(), e.ends());
                            Passes.describe(out, tag, plans.get(e.runId()), e.ends());
                        }
                    }
                    if (!redo.isEmpty()) {
                        Passes.endFrames(spark, frames, kind, o, plans, redo, active, ends, failed, skipped, out);
                        redo.retainAll(active);
                        for (String id : redo) {
                            EndFrames e = ends.get(id);
                            RunInfo info = plans.get(id).info();
                            passRuns.put(id, new PassRun(ridxOf.get(id), info.nAtoms(), info.nFrames(),
                                    e.speciesOfAtom, info.species(), e.inReference()));
                            specs.put(id, Passes.spec(plans.get(id), e, o));
                        }
                        if (!redo.isEmpty()) {
                            Passes.DirectRuns again = Passes.directRuns(jsc, frames, kind, redo, passRuns, specs,
                                    bcPass, codec, tables, active, failed, o, out, spark);
                            List<FrameStats> st = new ArrayList<>(direct.stats());
                            st.addAll(again.stats());
                            List<Row> rs = new ArrayList<>(direct.rows());
                            rs.addAll(again.rows());
                            direct = new Passes.DirectRuns(st, rs, List.of());
                        }
                    }
                    tm.lap(directIds.size() + " direct run(s) (scan, checks, kernel, fits, tables)");
                }
                Passes.FirstPass[] holder = new Passes.FirstPass[1];
                if (!directIds.containsAll(active)) {
                    try (Progress ignored = new Progress(spark, tag + " scan", out, progress(o))) {
                        Passes.isolated(out, tag, "scan", active, failed, ids -> {
                            if (holder[0] != null) {
                                holder[0].rdd().unpersist(false);
                            }
                            Set<String> s = new TreeSet<>(ids);
                            s.removeAll(directIds);
                            holder[0] = s.isEmpty() ? null : Passes.firstPass(frames, kind, s, bcPass, codec);
                            return holder[0];
                        });
                    }
                    first = holder[0];
                    tm.lap("scan (checks, framework sums, pieces)");
                }
                RunChecks.checkFrames(first, direct, frames, kind, o, plans, order, ridxOf, ends, active, metas,
                        failed, skipped, out);
                tm.lap("frame checks");

                // the per-atom pass, the merge, the outputs
                if (!metas.isEmpty()) {
                    List<Row> summary = Passes.perAtomPass(spark, first, direct, codec, kind, o, metas, tables, out,
                            tm);
                    for (Row r : summary) {
                        String id = r.getString(1);
                        if ("failed".equals(r.getString(3))) {
                            int ef = r.isNullAt(5) ? -1 : r.getInt(5);
                            Passes.fail(out, tag, failed, id, r.getString(4) + fileHint(frames, id, ef));
                        }
                    }
                    for (Row r : summary) {
                        String id = r.getString(1);
                        if ("ok".equals(r.getString(3)) && !failed.containsKey(id)) {
                            if (!processed.contains(id)) {
                                processed.add(id);
                            }
                            lines.add(new DiffusionCsv.Line(id, r.getString(2), tag, dbl(r, 7), dbl(r, 8), dbl(r, 9),
                                    dbl(r, 10), r.isNullAt(12) ? null : r.getBoolean(12)));
                        }
                    }
                    processed.sort(null);
                }
                bcPass.destroy();
            }
            // every output is complete (staged, hidden) and the new CSV is computed; a journal decides the
            // publication, then the run partitions are swapped in and the CSV replaced (Publication)
            if (!processed.isEmpty()) {
                for (ArchiveTables.StagedPartitions sp : jobTables) {
                    for (String id : order) {
                        if (!processed.contains(id)) {
                            sp.dropRun(id); // failed after its task wrote it (e.g. another species' merge failed)
                        }
                    }
                }
                out.printf("%s: publishing the results of %d run(s)%n", tag, processed.size());
                Map<org.apache.hadoop.fs.Path, String> texts = processed.isEmpty() ? Map.of()
                        : Map.of(DiffusionCsv.path(archive),
                                DiffusionCsv.updatedText(archive, tag, new LinkedHashSet<>(processed), lines));
                Publication publication = Publication.begin(archive, staged, texts);
                staged.clear(); // decided: from here the journal owns the staged tables (never discard them)
                publication.complete();
            }
            staged.clear();
        } finally {
            if (first != null) {
                first.rdd().unpersist(false);
            }
            for (ArchiveTables.StagedPartitions st : staged) {
                st.discard();
            }
        }
        tm.lap("published");
        lines.sort((a, b) -> a.runId().equals(b.runId()) ? a.species().compareTo(b.species()) : a.runId().compareTo(b.runId()));
        double secs = (System.nanoTime() - t0) * 1e-9;
        out.printf(Locale.ROOT, "%s: %d run(s) done, %d failed, %d skipped in %.1f s; results in %s/analysis/%s%s, %s%n", tag,
                processed.size(), failed.size(), skipped.size(), secs, archive.root(), tag,
                kind == Kind.VACF ? " and analysis/vdos" : "", DiffusionCsv.path(archive));
        out.println(tag + ": time per step: " + tm);
        return new Outcome(kind, processed, failed, skipped, lines, secs);
    }

    /** Wall time of the steps of a job. */
    static final class Timings {
        private long last = System.nanoTime();
        private final StringBuilder text = new StringBuilder();

        void lap(String step) {
            long now = System.nanoTime();
            text.append(text.length() == 0 ? "" : ", ").append(step)
                    .append(String.format(Locale.ROOT, " %.1f s", (now - last) * 1e-9));
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // runs/

    private static void checkOptions(Options o) {
        if ((o.fitStartPs() == null) != (o.fitEndPs() == null)) {
            throw new UserError("--fit-start-ps and --fit-end-ps must be given together");
        }
        if (o.fitStartPs() != null && !(o.fitStartPs() >= 0 && o.fitEndPs() > o.fitStartPs())) {
            throw new UserError("fit window [" + o.fitStartPs() + ", " + o.fitEndPs() + "] ps: need 0 <= start < end");
        }
        if (o.maxLagPs() != null && !(o.maxLagPs() > 0)) {
            throw new UserError("--max-lag-ps must be positive, got " + o.maxLagPs());
        }
        if (o.partitions() != null && o.partitions() < 1) {
            throw new UserError("--partitions must be >= 1, got " + o.partitions());
        }
    }

    static double progress(Options o) {
        return o.progressSeconds() == null ? 10.0 : o.progressSeconds();
    }

    static int maxLag(RunInfo r, Options o) {
        int t = r.nFrames();
        if (o.maxLagPs() == null) {
            return Math.max(1, (t - 1) / 2);
        }
        long l = (long) Math.floor(o.maxLagPs() / r.frameIntervalPs() + 1e-9);
        return (int) Math.max(1, Math.min(t - 1, l));
    }

    /**
     * When a Spark action failed because a frame shard of one of {@code runs} cannot be read (not Parquet, truncated,
     * a damaged footer, a column of the wrong type), names it.
     *
     * @return {run id, "file … cannot be read: <problem>"}, or null when the failure is not tied to one run's file
     */
    public static String[] unreadableFile(Throwable e, Set<String> runs) {
        return RunDiagnostics.unreadableFile(e, runs);
    }

    /** The archive's frame schema (columns and types of frames/ as the contract defines them). */
    public static StructType framesSchema() {
        return Schemas.FRAMES;
    }

    static double dbl(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }

    static double[] doubles(Row r, int i) {
        List<Object> l = r.getList(i);
        double[] out = new double[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((Number) l.get(k)).doubleValue();
        }
        return out;
    }

    static String[] strings(Row r, int i) {
        List<Object> l = r.getList(i);
        String[] out = new String[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = (String) l.get(k);
        }
        return out;
    }

    /** Formats this job's rows as a table, D in cm²/s with its standard error. */
    public static List<String> table(List<DiffusionCsv.Line> lines) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "  %-28s %-8s %-6s %13s %11s  %s", "run_id", "species", "method", "D (cm^2/s)",
                "+/- (cm^2/s)", "window (ps)"));
        for (DiffusionCsv.Line l : lines) {
            out.add(String.format(Locale.ROOT, "  %-28s %-8s %-6s %13s %11s  %s", l.runId(), l.species(), l.method(),
                    Double.isFinite(l.dCm2PerS()) ? String.format(Locale.ROOT, "%.4e", l.dCm2PerS()) : "-",
                    Double.isFinite(l.errCm2PerS()) ? String.format(Locale.ROOT, "%.2e", l.errCm2PerS()) : "-",
                    (Double.isFinite(l.fitStartPs()) ? DiffusionCsv.plain(l.fitStartPs()) + " to " + DiffusionCsv.plain(l.fitEndPs())
                            : "-") + (Boolean.FALSE.equals(l.diffusive()) ? "  not diffusive (see note)" : "")));
        }
        return out;
    }
}
