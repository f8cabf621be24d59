package io.ionflow.jobs.transport;

import io.ionflow.jobs.cli.UserError;
import io.ionflow.jobs.transport.TransportJob.Kind;
import io.ionflow.jobs.transport.TransportJob.Options;
import io.ionflow.jobs.transport.TransportJob.Plan;
import io.ionflow.jobs.transport.TransportJob.Timings;
import io.ionflow.simulate.archive.RunInfo;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static io.ionflow.jobs.transport.RunDiagnostics.fileHint;
import static io.ionflow.jobs.transport.RunDiagnostics.filesOf;
import static io.ionflow.jobs.transport.RunDiagnostics.missingColumn;
import static io.ionflow.jobs.transport.TransportJob.DEFAULT_DIRECT_MAX_ATOM_FRAMES;
import static io.ionflow.jobs.transport.TransportJob.DIRECT_MAX_ATOM_FRAMES;
import static org.apache.spark.sql.functions.col;

/**
 * The Spark passes over {@code frames/} of a transport job ({@link TransportJob}, which orchestrates them): the
 * query of frames 0 and T−1, the first pass of the shuffle path ({@link FramePass}, persisted pieces and frame
 * statistics), the direct per-run pass ({@link DirectPass}) and the per-atom pass with its merge
 * ({@link AtomStreamer}, {@link RunMerger}); and the failure isolation of runs whose files cannot be read
 * ({@link #isolated}), which reports such a run as failed and repeats the pass without it.
 */
final class Passes {
    private Passes() {}

    // ---------------------------------------------------------------------------------------------
    // frames 0 and T-1

    private static Dataset<Row> endFramesQuery(Dataset<Row> frames, Map<String, Plan> plans, Set<String> ids) {
        Map<Integer, List<String>> byLast = new TreeMap<>();
        for (String id : ids) {
            byLast.computeIfAbsent(plans.get(id).info().nFrames() - 1, k -> new ArrayList<>()).add(id);
        }
        Dataset<Row> all = null;
        for (Map.Entry<Integer, List<String>> e : byLast.entrySet()) {
            Dataset<Row> d = frames
                    .where(col("run_id").isin(e.getValue().toArray()).and(col("frame").isin(0, e.getKey())))
                    .select("run_id", "frame", "atom", "species", "x", "y", "z", "vx");
            all = all == null ? d : all.union(d);
        }
        return all;
    }

    /**
     * Frames 0 and T−1 of {@code ids} (those still active) by one query: species of every atom, drift reference,
     * velocities. A run with a problem is failed (vacf: a run without velocities is skipped); the others get their
     * {@link EndFrames} and a line on {@code out}.
     */
    static void endFrames(SparkSession spark, Dataset<Row> frames, Kind kind, Options o, Map<String, Plan> plans,
                          Set<String> ids, Set<String> active, Map<String, EndFrames> ends,
                          Map<String, String> failed, Map<String, String> skipped, PrintStream out) {
        String tag = kind.method();
        Set<String> q = new TreeSet<>(ids);
        q.retainAll(active);
        if (q.isEmpty()) {
            return;
        }
        Set<String> asked = new TreeSet<>(q);
        List<Row> endRows = isolated(out, tag, "first/last frames", q, failed, x -> endFramesQuery(frames, plans, x)
                .collectAsList());
        for (String id : asked) {
            if (!q.contains(id)) {
                active.remove(id); // an unreadable file, reported by isolated()
            }
        }
        Map<String, List<Row>> endByRun = new HashMap<>();
        for (Row r : endRows) {
            endByRun.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
        }
        for (String id : q) {
            Plan p = plans.get(id);
            EndFrames e = EndFrames.of(p.info(), endByRun.getOrDefault(id, List.of()), o.framework(), o.driftMode(), kind);
            if (e.problem != null) {
                active.remove(id);
                String absent = e.problem.contains(" null")
                        ? missingColumn(spark, filesOf(frames, id, e.problemFrame), kind) : null;
                fail(out, tag, failed, id, absent != null ? absent : e.problem + fileHint(frames, id, e.problemFrame));
            } else if (kind == Kind.VACF && e.noVelocities) {
                active.remove(id);
                skipped.put(id, "no velocities (vx, vy, vz are null in frame 0), skipped by vacf");
                out.printf("%s: run %s: skipped: no velocities (vx, vy, vz are null in frame 0)%n", tag, id);
            } else {
                ends.put(id, e);
                describe(out, tag, p, e);
            }
        }
    }

    /** The line on {@code out} of a run whose end frames are known: size, frame interval, max lag, drift reference. */
    static void describe(PrintStream out, String tag, Plan p, EndFrames e) {
        out.printf(Locale.ROOT, "%s: run %s: %d atoms, %d frames, dt %s ps, max lag %d frames; drift reference %s%n",
                tag, p.info().runId(), p.info().nAtoms(), p.info().nFrames(),
                DiffusionCsv.plain(p.info().frameIntervalPs()), p.maxLag(), e.describe());
    }

    // ---------------------------------------------------------------------------------------------
    // per-(run, frame) checks and framework sums (the shuffle path)

    /** The persisted output of the first pass and the frame statistics collected from it. */
    record FirstPass(JavaRDD<Object> rdd, List<FrameStats> stats) {}

    /**
     * The first pass over the runs {@code ids} of the shuffle path ({@link FramePass}): its output (pieces and frame
     * statistics) is persisted, serialized in memory and on disk; only the statistics are collected.
     */
    static FirstPass firstPass(Dataset<Row> frames, Kind kind, Set<String> ids,
                               Broadcast<Map<String, PassRun>> runs, KeyCodec codec) {
        String[] c = kind.cols();
        String[] cols = {"run_id", "frame", "time_ps", "atom", "species", c[0], c[1], c[2]};
        Dataset<Row> sel = frames.where(col("run_id").isin(ids.toArray()))
                .select(cols[0], Arrays.copyOfRange(cols, 1, 8));
        FramePass pass = new FramePass(kind == Kind.VACF, runs, codec);
        JavaRDD<Object> out = null;
        // the default vectorized Parquet reader: read its column vectors, no row conversion
        FileSourceScanExec scan = columnarScan(sel);
        int[] idx = scan == null ? null : columnIndex(scan, cols);
        if (idx != null) {
            out = scan.executeColumnar().toJavaRDD().mapPartitions(it -> pass.callColumnar(it, idx));
        }
        if (out == null) {
            out = sel.queryExecution().toRdd().toJavaRDD().mapPartitions(pass);
        }
        out = out.persist(StorageLevel.MEMORY_AND_DISK_SER());
        List<FrameStats> stats = new ArrayList<>();
        for (Object x : out.filter(x -> x instanceof FrameStats).collect()) {
            stats.add((FrameStats) x);
        }
        return new FirstPass(out, stats);
    }

    // ---------------------------------------------------------------------------------------------
    // the direct path

    /** The Spark setting {@link TransportJob#DIRECT_MAX_ATOM_FRAMES} (default when unset), checked. */
    static long directBudget(SparkSession spark) {
        String v = spark.conf().get(DIRECT_MAX_ATOM_FRAMES, Long.toString(DEFAULT_DIRECT_MAX_ATOM_FRAMES)).strip();
        try {
            long b = (long) Double.parseDouble(v);
            if (b >= 0) {
                return b;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UserError(DIRECT_MAX_ATOM_FRAMES + " must be a number of atom-frames >= 0 (0: off), got '" + v
                + "'");
    }

    /**
     * The direct runs' output: each run's complete frame statistics, its result rows without arrays (small), and the
     * end frames of the runs whose task found them.
     */
    record DirectRuns(List<FrameStats> stats, List<Row> rows, List<DirectPass.Ends> ends) {}

    /** Whether a run takes the direct path (one task reads and analyses it whole). */
    static boolean direct(RunInfo info, long budget) {
        long atomFrames = (long) info.nAtoms() * info.nFrames();
        return budget > 0 && atomFrames <= budget && atomFrames < Integer.MAX_VALUE - 16;
    }

    /** What the direct task of a run needs besides its frames ({@code e} null: the task finds the end frames). */
    static DirectPass.Spec spec(Plan p, EndFrames e, Options o) {
        RunInfo info = p.info();
        return new DirectPass.Spec(info.runId(), info.frameIntervalPs(), p.maxLag(), info.masses(),
                e == null ? -1 : e.referenceAtoms(), e == null ? null : e.drift, info.temperatureK(),
                info.vacancyFraction(), o.fitStartPs() == null ? Double.NaN : o.fitStartPs(),
                o.fitEndPs() == null ? Double.NaN : o.fitEndPs(), o.framework(), o.driftMode());
    }

    /** The direct pass over {@code ids} (those still active), isolating runs with unreadable files. */
    static DirectRuns directRuns(JavaSparkContext jsc, Dataset<Row> frames, Kind kind, Set<String> ids,
                                 Map<String, PassRun> passRuns, Map<String, DirectPass.Spec> specs,
                                 Broadcast<Map<String, PassRun>> bcPass, KeyCodec codec,
                                 ResultTables tables, Set<String> active, Map<String, String> failed, Options o,
                                 PrintStream out, SparkSession spark) {
        String tag = kind.method();
        DirectRuns[] dh = new DirectRuns[1];
        try (Progress ignored = new Progress(spark, tag + " direct runs", out, TransportJob.progress(o))) {
            isolated(out, tag, "direct runs", active, failed, act -> {
                Set<String> d = new TreeSet<>(act);
                d.retainAll(ids);
                dh[0] = d.isEmpty() ? null : directPass(jsc, frames, kind, d, passRuns, specs, bcPass, codec, tables);
                return dh[0];
            });
        }
        return dh[0] == null ? new DirectRuns(List.of(), List.of(), List.of()) : dh[0];
    }

    /**
     * The direct path: per run one scan (the first pass's columnar scan, restricted to the run),
     * coalesced to one task that holds the whole run ({@link DirectPass}); one Spark job over all
     * direct runs (a union, one partition per run).
     */
    @SuppressWarnings("unchecked")
    private static DirectRuns directPass(JavaSparkContext jsc, Dataset<Row> frames, Kind kind, Set<String> ids,
                                         Map<String, PassRun> passRuns, Map<String, DirectPass.Spec> specs,
                                         Broadcast<Map<String, PassRun>> bcPass, KeyCodec codec,
                                         ResultTables tables) {
        String[] c = kind.cols();
        String[] cols = {"run_id", "frame", "time_ps", "atom", "species", c[0], c[1], c[2]};
        FramePass pass = new FramePass(kind == Kind.VACF, bcPass, codec);
        List<JavaRDD<Object>> parts = new ArrayList<>();
        for (String id : ids) {
            Dataset<Row> sel = frames.where(col("run_id").equalTo(id)).select(cols[0], Arrays.copyOfRange(cols, 1, 8));
            DirectPass dp = new DirectPass(kind, pass, passRuns.get(id), specs.get(id), tables);
            FileSourceScanExec scan = columnarScan(sel);
            int[] idx = scan == null ? null : columnIndex(scan, cols);
            if (idx != null) {
                parts.add(scan.executeColumnar().toJavaRDD().coalesce(1).mapPartitions(it -> dp.call(it, idx)));
            } else {
                parts.add(sel.queryExecution().toRdd().toJavaRDD().coalesce(1)
                        .mapPartitions(it -> dp.call(it, null)));
            }
        }
        JavaRDD<Object> all = parts.size() == 1 ? parts.get(0) : jsc.union(parts.toArray(new JavaRDD[0]));
        List<FrameStats> stats = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<DirectPass.Ends> ends = new ArrayList<>();
        for (Object x : all.collect()) {
            if (x instanceof FrameStats fs) {
                stats.add(fs);
            } else if (x instanceof DirectPass.Ends e) {
                ends.add(e);
            } else {
                rows.add((Row) x);
            }
        }
        return new DirectRuns(stats, rows, ends);
    }

    /** The query's Parquet scan when it can produce columnar batches (the default vectorized reader), else null. */
    private static FileSourceScanExec columnarScan(Dataset<Row> sel) {
        FileSourceScanExec scan = null;
        for (SparkPlan leaf : CollectionConverters.asJava(sel.queryExecution().executedPlan().collectLeaves())) {
            if (leaf instanceof FileSourceScanExec f) {
                scan = f;
            }
        }
        return scan != null && scan.supportsColumnar() ? scan : null;
    }

    /** Batch column index of each of {@code cols} in the scan's output; null if one is absent. */
    private static int[] columnIndex(FileSourceScanExec scan, String[] cols) {
        List<String> names = new ArrayList<>();
        for (Attribute at : CollectionConverters.asJava(scan.output())) {
            names.add(at.name());
        }
        int[] idx = new int[cols.length];
        for (int k = 0; k < cols.length; k++) {
            idx[k] = names.indexOf(cols[k]);
            if (idx[k] < 0) {
                return null;
            }
        }
        return idx;
    }

    // ---------------------------------------------------------------------------------------------
    // the per-atom pass and the outputs

    /**
     * The per-atom pass of the shuffle-path runs among {@code metas} (the pieces of {@code first}, partitioned by
     * accumulation block, streamed per atom, merged per run, tables written by the merging task), plus the result
     * rows of the direct runs among {@code metas}.
     *
     * @return per (run, species): ridx, run_id, species, status, message, err_frame, n_atoms, d, err, fit start,
     *         fit end, note
     */
    static List<Row> perAtomPass(SparkSession spark, FirstPass first, DirectRuns direct, KeyCodec codec, Kind kind,
                                 Options o, Map<String, RunMeta> metas, ResultTables tables, PrintStream out,
                                 Timings tm) {
        String tag = kind.method();
        int nIdx = 0;
        for (RunMeta m : metas.values()) {
            nIdx = Math.max(nIdx, m.ridx + 1);
        }
        Map<Integer, RunMeta> byIdx = new HashMap<>();
        long[] boff = new long[nIdx];
        int[] apb = new int[nIdx];
        Arrays.fill(apb, 1);
        long total = 0;
        java.util.HashSet<Integer> good = new java.util.HashSet<>();
        java.util.HashSet<Integer> directIdx = new java.util.HashSet<>();
        if (direct != null) {
            for (FrameStats fs : direct.stats()) {
                directIdx.add(fs.ridx);
            }
        }
        boolean shuffled = false;
        for (RunMeta m : metas.values()) {
            byIdx.put(m.ridx, m);
            good.add(m.ridx);
            if (!directIdx.contains(m.ridx)) {
                shuffled = true;
                boff[m.ridx] = total;
                apb[m.ridx] = RunMeta.atomsPerBlock(m.nAtoms);
                total += m.blocks();
            }
        }
        List<Row> rows = new ArrayList<>();
        if (first != null && shuffled) { // runs of the shuffle path: merged per run, tables written by the merging task
            int parallelism = spark.sparkContext().defaultParallelism();
            int p = o.partitions() != null ? o.partitions() : (int) Math.max(1, Math.min(parallelism, total));
            int p2 = Math.max(1, Math.min(metas.size(), parallelism));
            JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
            Broadcast<Map<Integer, RunMeta>> bc = jsc.broadcast(byIdx);
            KeyCodec kc = codec;
            try (Progress ignored = new Progress(spark, tag + " per-atom pass", out, TransportJob.progress(o))) {
                @SuppressWarnings("unchecked")
                JavaPairRDD<Long, byte[]> pieces = first.rdd()
                        .filter(x -> x instanceof Tuple2
                                && good.contains(kc.run((Long) ((Tuple2<Long, byte[]>) x)._1())))
                        .mapToPair(x -> (Tuple2<Long, byte[]>) x);
                JavaRDD<Row> partialRows = pieces
                        .repartitionAndSortWithinPartitions(new BlockPartitioner(p, codec, boff, apb, total))
                        .mapPartitions(new AtomStreamer(kind, bc, codec));
                Dataset<Row> partials = spark.createDataFrame(partialRows, Schemas.PARTIAL);
                rows.addAll(partials.repartition(p2, col("ridx")).sortWithinPartitions("ridx", "species", "part")
                        .mapPartitions(new RunMerger(kind, bc), Encoders.row(Schemas.RESULT))
                        .toJavaRDD().mapPartitions(tables::write).collect());
            } finally {
                bc.destroy();
            }
            tm.lap("per-atom pass, fits and tables");
        }
        if (direct != null) { // computed and written by the direct tasks
            for (Row r : direct.rows()) {
                if (good.contains(r.getInt(0))) {
                    rows.add(r);
                }
            }
        }
        List<Row> summary = new ArrayList<>();
        for (Row r : rows) { // ridx, run_id, species, status, message, err_frame, n_atoms, d, err, fit start, end, note,
            // diffusive
            summary.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
                    r.get(14), r.get(15), r.get(16), r.get(17), r.get(18), r.get(19)));
        }
        return summary;
    }

    // ---------------------------------------------------------------------------------------------
    // failure isolation (the messages are in RunDiagnostics)

    /**
     * Runs a Spark action over the active runs; when it fails because of a file of one run (a
     * corrupt or unreadable shard, a column of the wrong type), that run is marked failed with the
     * file and the problem, and the action is repeated without it.
     */
    static <T> T isolated(PrintStream out, String tag, String step, Set<String> active, Map<String, String> failed,
                          Function<Set<String>, T> action) {
        while (true) {
            try {
                return action.apply(active);
            } catch (Exception e) { // Spark throws its checked SparkException from Scala code
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof ResultTables.WriteFailure w) { // the job cannot write its outputs: an I/O error
                        throw new java.io.UncheckedIOException(w.getMessage(), w.getCause());
                    }
                }
                String[] u = RunDiagnostics.unreadableFile(e, active);
                if (u == null) {
                    throw Passes.<RuntimeException>sneaky(e);
                }
                active.remove(u[0]);
                fail(out, tag, failed, u[0], u[1]);
                if (active.isEmpty()) {
                    @SuppressWarnings("unchecked")
                    T empty = (T) List.of();
                    return empty;
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Exception e) throws E {
        throw (E) e;
    }

    /** Marks {@code run} failed with {@code message} and says so on {@code out}. */
    static void fail(PrintStream out, String tag, Map<String, String> failed, String run, String message) {
        failed.put(run, message);
        out.printf("%s: run %s: FAILED: %s%n", tag, run, message);
    }
}
