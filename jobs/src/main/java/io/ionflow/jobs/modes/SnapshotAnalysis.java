package io.ionflow.jobs.modes;

import io.ionflow.analyze.inm.InmSnapshot;
import io.ionflow.analyze.inm.SnapshotFrames;
import io.ionflow.analyze.inm.SnapshotFrames.Snapshot;
import io.ionflow.analyze.inm.SnapshotModes;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.PotentialStore;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.SerializableWritable;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.ionflow.jobs.archive.Tables.schema;

/**
 * Instantaneous normal modes on Spark. For every selected run, snapshots are sampled ({@code every}
 * frames, at most {@code maxSnapshots}); each snapshot's frame and the frame {@code lag} later are
 * gathered into one row (one Spark task per snapshot: the 3N×3N Hessian and its eigen-decomposition are
 * the unit of work, not a row), the run's potential is rebuilt from its {@code runs.potential} JSON (or the one the
 * user gave, see {@link io.ionflow.simulate.archive.PotentialChoice}; a compact JSON's parameter file is read from the
 * archive in the task), and
 * the kernel {@link SnapshotModes} (analyze) computes f_u and the rest of the snapshot's row.
 */
public final class SnapshotAnalysis {
    private SnapshotAnalysis() {}

    /** Settings of one invocation. */
    public record Options(int every, int maxSnapshots, double lagPs, boolean doubleWell, double dosBinThz,
                          double dosMaxThz, double latticeGuessA) implements Serializable {}

    /**
     * What a run needs on the executors. {@code potentialJson} is a {@code runs.potential} JSON, inline or compact (its
     * parameter file then read from {@code archiveRoot}'s {@code potentials/} in the task, see {@link PotentialStore});
     * {@code potentialFile} and {@code potentialSha256} name the parameter file used (recorded per snapshot).
     */
    public record RunMeta(String runId, String potentialJson, List<String> species, double[] masses, double[] cell,
                          double frameIntervalPs, int lagFrames, String archiveRoot, String potentialFile,
                          String potentialSha256) implements Serializable {}

    public static final StructType SNAPSHOT_SCHEMA = schema("run_id:s!", "frame:i!", "time_ps:d!", "n_atoms:i!",
            "n_modes:i!", "n_unstable:i!", "f_u:d!", "f_u_ag:d", "f_u_te:d", "f_dw:d", "mean_unstable_thz:d", "lag_ps:d",
            "hops:i", "hop_rate_per_ag_ps:d", "share_unstable_all_ag:d", "share_unstable_hopping_ag:d",
            "stable_amplitude:d", "mean_nearest_te_a:d", "dos_counts:d[]!", "dos_edges_thz:d[]!", "seconds:d!",
            "potential_file:s", "potential_sha256:s", "error:s");

    /** The snapshot frames of each run: every {@code o.every()} frames, at most {@code o.maxSnapshots()}. */
    static int[] snapshotFrames(RunMeta r, int nFrames, Options o) {
        List<Integer> out = new ArrayList<>();
        for (int f = 0, count = 0; f + r.lagFrames() < nFrames && count < o.maxSnapshots(); f += o.every(), count++) {
            out.add(f);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final Map<String, Potential> POTENTIALS = new ConcurrentHashMap<>();

    /** The kernel call for one snapshot (runs on an executor). */
    private static Row analyze(Snapshot at, Map<String, RunMeta> metas, Options o, Configuration conf) {
        long t0 = System.nanoTime();
        String runId = at.runId();
        int frame = at.frame();
        RunMeta meta = metas.get(runId);
        Structure s = new Structure(meta.species().toArray(new String[0]), meta.masses(), at.types(), at.x0(), at.v0(),
                Box.fromMatrix(meta.cell()));
        Double lagPs = at.x1() == null ? null : meta.lagFrames() * meta.frameIntervalPs();
        SnapshotModes.Result r = SnapshotModes.analyse(s, potential(meta, conf), at.x1(), lagPs == null ? 0 : lagPs,
                new SnapshotModes.Options(o.doubleWell(), o.dosBinThz(), o.dosMaxThz(), o.latticeGuessA()));
        InmSnapshot m = r.modes();
        SnapshotModes.Lagged lag = r.lagged();
        return RowFactory.create(runId, frame, frame * meta.frameIntervalPs(), at.types().length, m.modes(),
                m.unstable(), m.fu(), nan(r.fuAg()), nan(r.fuTe()), nan(m.fdw()), nan(m.meanUnstableFrequencyThz()), lagPs,
                lag == null ? null : lag.hops(), lag == null ? null : nan(lag.hopRatePerAgPs()),
                lag == null ? null : nan(lag.shareUnstableAllAg()), lag == null ? null : nan(lag.shareUnstableHoppingAg()),
                lag == null ? null : nan(lag.stableAmplitude()), nan(r.meanNearestTeA()), toList(m.dos().counts()),
                toList(m.dos().edgesThz()), (System.nanoTime() - t0) * 1e-9, meta.potentialFile(),
                meta.potentialSha256(), null);
    }

    /** The run's potential, parsed once per executor (a compact JSON's file read from the archive, hash verified). */
    static Potential potential(RunMeta meta, Configuration conf) {
        return POTENTIALS.computeIfAbsent(meta.runId() + "#" + meta.potentialJson().hashCode(), k -> {
            try {
                return PotentialStore.load(Archive.at(meta.archiveRoot(), conf), meta.potentialJson(), meta.species());
            } catch (IOException e) {
                throw new UncheckedIOException("archive " + meta.archiveRoot() + ": " + e.getMessage(), e);
            }
        });
    }

    private static Double nan(Double v) { return v == null || v.isNaN() ? null : v; }

    /** A Spark Row's external type for array<double> is a Scala Seq. */
    private static scala.collection.immutable.Seq<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double d : a) l.add(d);
        return scala.jdk.javaapi.CollectionConverters.asScala(l).toList();
    }

    /**
     * The INM of every snapshot: one task per run reads its snapshot frames (analyze's {@link SnapshotFrames}), the
     * snapshots are spread one per task, and each is analysed ({@link #analyze}); a snapshot that fails, or a run whose
     * shard cannot be read (frame −1), yields a row with only its error set.
     */
    public static Dataset<Row> run(SparkSession spark, List<SnapshotFrames.Task> tasks, Map<String, RunMeta> metas,
                                   Options o) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableWritable<org.apache.hadoop.conf.Configuration> conf = new SerializableWritable<>(
                spark.sparkContext().hadoopConfiguration());
        int snapshots = tasks.stream().mapToInt(t -> t.bases().length).sum();
        JavaRDD<Row> results = jsc.parallelize(tasks, Math.max(1, tasks.size()))
                .flatMap(t -> SnapshotFrames.read(t, conf.value()).iterator())
                .repartition(Math.max(1, snapshots))
                .map(snap -> snap.problem() == null ? analyzeOrError(snap, metas, o, conf.value())
                        : errorRow(snap.runId(), snap.frame(), snap.problem()));
        return spark.createDataFrame(results, SNAPSHOT_SCHEMA);
    }

    private static Row analyzeOrError(Snapshot snap, Map<String, RunMeta> metas, Options o, Configuration conf) {
        try {
            return analyze(snap, metas, o, conf);
        } catch (RuntimeException e) {
            return errorRow(snap.runId(), snap.frame(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Row errorRow(String runId, int frame, String msg) {
        return RowFactory.create(runId, frame, Double.NaN, 0, 0, 0, Double.NaN, null, null, null, null, null, null, null,
                null, null, null, null, toList(new double[0]), toList(new double[0]), 0.0, null, null, msg);
    }
}
