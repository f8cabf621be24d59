package io.ionflow.jobs.msd;

import io.ionflow.analyze.DriftReference;
import io.ionflow.analyze.transport.Method;
import io.ionflow.analyze.transport.RunMerger;
import io.ionflow.analyze.transport.RunMeta;
import io.ionflow.analyze.transport.RunResult;
import io.ionflow.analyze.transport.RunScan;
import io.ionflow.analyze.transport.RunTask;
import io.ionflow.analyze.transport.TaskOutcome;
import io.ionflow.jobs.archive.RunsReader;
import io.ionflow.jobs.archive.UserError;
import io.ionflow.simulate.archive.StagedPartitions;
import io.ionflow.simulate.archive.Publication;
import io.ionflow.simulate.archive.ShardFile;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ArchiveFormatException;
import io.ionflow.simulate.archive.RunInfo;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code msd} and {@code vacf} Spark jobs: per (run, species) the windowed MSD with a GLS diffusion fit, or the
 * VACF with its Green–Kubo plateau and the VDOS, from the frames of an archive, with the drift of a framework species
 * (or of the whole system) removed. One path for every run, on Spark's public API:
 * <ol>
 *   <li>{@code runs/} is read ({@link RunsReader}, with the {@code --runs} condition) and each selected row checked
 *       against the options ({@link RunChecks}).</li>
 *   <li>Each run becomes one task, or one task per block of atoms when it exceeds the per-task budget
 *       ({@link TaskPlan}). The tasks are {@code parallelize}d; each reads the run's shards itself with parquet-mr
 *       ({@link RunScan}): frames 0 and T−1 (species, drift reference), then every row (checks, the reference's
 *       exact sums, its atoms' values), and runs the kernel on its atoms ({@code BlockKernel}, all in analyze's {@code transport} package). A bad run comes back
 *       as a value naming the run and the file.</li>
 *   <li>The outcomes are grouped by run and merged in block order ({@link RunMerger}: fits, plateaus, VDOS from the
 *       {@code analyze} kernels), so results are bit-identical however runs are split.</li>
 *   <li>Each run's table partitions are written by a task, with the archive's table writer, under hidden staging
 *       directories ({@link AnalysisTables}); when
 *       all are complete a journal ({@link Publication}) decides the publication, then the processed runs'
 *       partitions are swapped in and {@code report/diffusion.csv} replaced. A job killed at any moment leaves each
 *       run with the old results in every output or the new ones in every output; other runs are untouched.</li>
 * </ol>
 * Driver memory: the runs table and one summary per run (no frame data, no curves).
 */
public final class MsdJob {
    private MsdJob() {}

    /**
     * Job options; null means default.
     *
     * @param runsFilter SQL condition on runs/ columns, e.g. {@code temperature_k >= 500}
     * @param maxLagPs   largest lag, ps (default: half of each run)
     * @param fitStartPs fit (MSD) or plateau (VACF) window start, ps (default: automatic)
     * @param fitEndPs   window end, ps
     * @param framework  drift reference species (implies {@code --drift framework}; default: see {@code drift})
     * @param drift      drift reference: auto, framework, system or none (null: auto, see {@link DriftReference})
     * @param partitions tasks of the merge of the runs' partial sums (default: the smaller of the number of runs and Spark's
     *                   default parallelism)
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
    public record Outcome(Method kind, List<String> processed, Map<String, String> failed, Map<String, String> skipped,
                          List<DiffusionCsv.Line> lines, double seconds) {}

    /** Spark setting: the largest atoms × frames one task holds ({@link TaskPlan}). */
    public static final String TASK_ATOM_FRAMES = TaskPlan.TASK_ATOM_FRAMES;

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
    public static Outcome run(SparkSession spark, String location, Method kind, Options o, PrintStream out)
            throws IOException {
        long t0 = System.nanoTime();
        RunChecks.checkOptions(o);
        Archive archive = openArchive(spark, location, kind);
        Timings tm = new Timings();
        Job job = new Job(spark, archive, kind, o, out);
        job.plan();
        tm.lap("runs table");
        List<RunResult> results = job.analyse();
        tm.lap(job.tasks.size() + " task(s) on " + job.metas.size() + " run(s) (scan, checks, kernel, merge)");
        job.publish(results);
        tm.lap("tables and publication");
        double secs = (System.nanoTime() - t0) * 1e-9;
        String tag = kind.method();
        out.printf(Locale.ROOT, "%s: %d run(s) done, %d failed, %d skipped in %.1f s; results in %s/analysis/%s%s, %s%n",
                tag, job.processed.size(), job.failed.size(), job.skipped.size(), secs, archive.root(), tag,
                kind == Method.VACF ? " and analysis/vdos" : "", DiffusionCsv.path(archive));
        out.println(tag + ": time per step: " + tm);
        job.lines.sort((a, b) -> a.runId().equals(b.runId()) ? a.species().compareTo(b.species())
                : a.runId().compareTo(b.runId()));
        return new Outcome(kind, job.processed, job.failed, job.skipped, job.lines, secs);
    }

    /** The archive, checked to hold runs/ and frames/, with what a killed job left repaired. */
    private static Archive openArchive(SparkSession spark, String location, Method kind) throws IOException {
        Archive archive = Archive.at(location, spark.sparkContext().hadoopConfiguration());
        UserError.requireArchive(archive);
        if (!archive.fileSystem().exists(archive.framesDir())) {
            throw new UserError("archive " + archive.root() + " has no frames/ directory");
        }
        Publication.recover(archive);
        for (String table : kind == Method.MSD ? List.of("msd") : List.of("vacf", "vdos")) {
            StagedPartitions.recover(archive, archive.analysisTable(table), 1);
        }
        StagedPartitions.recover(archive, archive.analysisTable("diffusion"), 2);
        return archive;
    }

    /** One job's state: its runs, tasks and what became of each run. */
    private static final class Job {
        final SparkSession spark;
        final Archive archive;
        final Method kind;
        final Options o;
        final PrintStream out;
        final String tag;
        final Map<String, String> failed = new TreeMap<>();
        final Map<String, String> skipped = new TreeMap<>();
        final List<String> processed = new ArrayList<>();
        final List<DiffusionCsv.Line> lines = new ArrayList<>();
        final Map<Integer, RunMeta> metas = new HashMap<>();
        final Map<String, double[]> conditions = new HashMap<>();
        final List<RunTask> tasks = new ArrayList<>();
        final Map<String, RunInfo> infos = new HashMap<>();
        /** The merged results, persisted on the executors until the tables are written. */
        private JavaRDD<RunResult> results;
        /** The Hadoop configuration, for the tasks that read the shards and write the tables. */
        private Broadcast<SerializableWritable<Configuration>> conf;

        Job(SparkSession spark, Archive archive, Method kind, Options o, PrintStream out) {
            this.spark = spark;
            this.archive = archive;
            this.kind = kind;
            this.o = o;
            this.out = out;
            this.tag = kind.method();
        }

        /** Reads runs/, checks each selected run against the options, and cuts the good ones into tasks. */
        void plan() throws IOException {
            List<RunInfo> selected = RunsReader.runs(spark, archive, o.runsFilter(), failed);
            failed.forEach((id, m) -> out.printf("%s: run %s: FAILED: %s%n", tag, id, m));
            out.printf(Locale.ROOT, "%s: archive %s, %d run(s) selected%s%n", tag, archive.root(),
                    selected.size() + failed.size(), o.runsFilter() == null ? "" : " by --runs \"" + o.runsFilter() + "\"");
            long budget = TaskPlan.budget(spark);
            for (RunInfo r : selected) {
                String problem = RunChecks.planProblem(r, kind, o);
                if (problem == null) {
                    problem = archive.tooShortShard(r.runId());
                }
                if (problem != null) {
                    fail(r.runId(), problem);
                    continue;
                }
                int ridx = metas.size();
                int maxLag = RunChecks.maxLag(r, o);
                List<RunTask> ts = TaskPlan.tasks(ridx, r, maxLag, ShardFile.files(archive, r.runId()), kind, o, budget);
                tasks.addAll(ts);
                infos.put(r.runId(), r);
                metas.put(ridx, new RunMeta(ridx, r.runId(), r.nFrames(), maxLag, r.species(), r.masses(),
                        ts.get(0).fitStartPs(), ts.get(0).fitEndPs(), ts.size()));
                conditions.put(r.runId(), new double[] {r.temperatureK(), r.vacancyFraction()});
            }
            TaskPlan.largestFirst(tasks);
        }

        /**
         * The tasks, then the merge of each run; the results stay on the executors (persisted) for the tables,
         * the driver gets one summary per run.
         */
        List<RunResult> analyse() {
            if (tasks.isEmpty()) {
                return List.of();
            }
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            conf = jsc.broadcast(
                    new SerializableWritable<>(spark.sparkContext().hadoopConfiguration()));
            Broadcast<Map<Integer, RunMeta>> runs = jsc.broadcast(metas);
            Broadcast<SerializableWritable<Configuration>> hadoop = conf;
            Method k = kind;
            int parts = o.partitions() != null ? o.partitions() : Math.min(metas.size(), jsc.defaultParallelism());
            out.printf(Locale.ROOT, "%s: %d run(s) in %d task(s)%n", tag, metas.size(), tasks.size());
            results = jsc.parallelize(tasks, tasks.size())
                    .map(t -> RunScan.run(t, hadoop.value().value()))
                    .mapToPair(t -> new Tuple2<>(t.ridx(), t))
                    .groupByKey(Math.max(1, parts))
                    .map(g -> RunMerger.merge(runs.value().get(g._1()), k, g._2()))
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            try (Progress ignored = new Progress(spark, tag + " runs", out, progress(o))) {
                List<RunResult> summaries = new ArrayList<>(results.map(RunResult::summary).collect());
                summaries.sort((a, b) -> a.runId().compareTo(b.runId()));
                return summaries;
            }
        }

        /** Reports each run, stages the tables of the good ones and publishes them with the diffusion CSV. */
        void publish(List<RunResult> summaries) throws IOException {
            for (RunResult r : summaries) {
                report(r);
            }
            if (processed.isEmpty()) {
                unpersist();
                return;
            }
            try {
                out.printf("%s: writing the results of %d run(s) (staged, published when all are done)%n", tag,
                        processed.size());
                Publication.publish(archive, staged -> {
                    staged.addAll(AnalysisTables.stage(archive, kind, results, conditions, conf));
                    out.printf("%s: publishing the results of %d run(s)%n", tag, processed.size());
                }, () -> Map.of(DiffusionCsv.path(archive),
                        DiffusionCsv.updatedText(archive, tag, new LinkedHashSet<>(processed), lines)));
            } finally {
                unpersist();
            }
        }

        private void unpersist() {
            if (results != null) {
                results.unpersist(false);
            }
        }

        private void report(RunResult r) {
            String id = r.runId();
            if (r.status() == TaskOutcome.Status.FAILED) {
                fail(id, r.message());
                return;
            }
            if (r.status() == TaskOutcome.Status.SKIPPED) {
                skipped.put(id, r.message());
                out.printf("%s: run %s: skipped: %s%n", tag, id, r.message());
                return;
            }
            RunInfo info = infos.get(id);
            RunMeta m = metas.get(r.ridx());
            out.printf(Locale.ROOT, "%s: run %s: %d atoms, %d frames, dt %s ps, max lag %d frames; drift reference %s%n",
                    tag, id, info.nAtoms(), info.nFrames(), DiffusionCsv.plain(info.frameIntervalPs()), m.maxLag(),
                    r.drift());
            processed.add(id);
            for (RunResult.SpeciesResult s : r.species()) {
                lines.add(new DiffusionCsv.Line(id, s.species(), tag, s.d(), s.err(), s.start(), s.end(),
                        s.diffusive()));
            }
        }

        private void fail(String run, String message) {
            failed.put(run, message);
            out.printf("%s: run %s: FAILED: %s%n", tag, run, message);
        }
    }

    static double progress(Options o) {
        return o.progressSeconds() == null ? 10.0 : o.progressSeconds();
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
}
