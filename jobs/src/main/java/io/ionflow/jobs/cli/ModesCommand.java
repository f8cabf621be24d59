package io.ionflow.jobs.cli;

import io.ionflow.jobs.spark.ArchiveTables;
import io.ionflow.jobs.spark.Publication;
import io.ionflow.analyze.inm.RunModeSummary;
import io.ionflow.jobs.spark.ModesJob;
import io.ionflow.jobs.spark.Sessions;
import io.ionflow.jobs.msd.MsdJob;
import io.ionflow.simulate.archive.ArchiveFormatException;
import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;

@Command(name = "modes", mixinStandardHelpOptions = true,
        description = {"Instantaneous normal modes of sampled snapshots of every run (one Spark task per snapshot):",
                "f_u (fraction of unstable modes, also per species and optionally double-well only), the INM density of",
                "states, Ag hops over a lag, the share of the Ag displacement carried by unstable modes, Ag–Te separation.",
                "Writes analysis/modes/, analysis/inm_dos/ (partitioned by run_id) and report/modes.csv.",
                "Runs whose potential IonFlow does not know (e.g. ingested from other engines) are refused unless",
                "--potential FILE gives one (species matched by name); the file is stored in ARCHIVE/potentials/ and",
                "each snapshot row of analysis/modes names the potential used (potential_file, potential_sha256)."},
        footer = {"", "Examples:", "  java -jar jobs/target/ionflow.jar modes --archive demo-archive --every 100 --max-snapshots 4",
                "  java -jar jobs/target/ionflow.jar modes --archive a --runs \"source = 'extxyz'\" --potential nep.txt"})
public final class ModesCommand implements Callable<Integer> {

    @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI")
    String archive;

    @Option(names = "--runs", description = "SQL filter on runs/, e.g. \"temperature_k >= 500\"")
    String filter;

    @Option(names = "--every", defaultValue = "50", description = "frames between snapshots (default ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--max-snapshots", defaultValue = "8", description = "snapshots per run at most (default ${DEFAULT-VALUE})")
    int maxSnapshots;

    @Option(names = "--lag-ps", defaultValue = "1.0", description = "lag τ for hops and displacement projections, ps (default ${DEFAULT-VALUE}); 0 disables them")
    double lagPs;

    @Option(names = "--double-well", description = "classify unstable modes into double-well and shoulder modes (1-D energy profiles; slower)")
    boolean doubleWell;

    @Option(names = "--dos-bin-thz", defaultValue = "0.1", description = "INM DOS bin width, THz (default ${DEFAULT-VALUE})")
    double dosBin;

    @Option(names = "--dos-max-thz", defaultValue = "8", description = "INM DOS half range, THz (default ${DEFAULT-VALUE})")
    double dosMax;

    @Option(names = "--lattice-guess", defaultValue = "6.6", description = "conventional lattice constant used to count cells for the hop sites, Å (default ${DEFAULT-VALUE})")
    double latticeGuess;

    @Option(names = "--potential", paramLabel = "FILE", description = "potential parameter file for runs whose archive"
            + " carries none (ingested); species are matched by name")
    java.nio.file.Path potentialFile;

    @Option(names = "--style", description = "style of --potential (e.g. nep, vashishta); default: nep when the file name"
            + " contains 'nep', else the file's extension")
    String style;

    @Option(names = "--override-potential", description = "analyse runs whose stored potential differs from --potential"
            + " with the given one (without it such runs are refused)")
    boolean overridePotential;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        try (io.ionflow.simulate.archive.ArchiveLock lock = Locks.hold(archive, "modes", false)) {
            return callHolding();
        }
    }

    private Integer callHolding() throws Exception {
        if (every < 1 || maxSnapshots < 1 || lagPs < 0 || !(dosBin > 0) || !(dosMax > 0)) {
            throw new UserError("--every and --max-snapshots must be >= 1, --lag-ps >= 0, DOS settings > 0");
        }
        if (potentialFile == null && (style != null || overridePotential)) {
            throw new UserError("--style and --override-potential go with --potential FILE");
        }
        ModesPotentials.Given given = potentialFile == null ? null : ModesPotentials.read(potentialFile, style);
        Archive a = Archive.at(archive);
        FileSystem fs = a.fileSystem();
        if (!fs.exists(a.runsDir())) throw new UserError("archive " + a.root() + ": no runs/ table (not an IonFlow archive, or empty)");
        // finish what a killed job decided, then drop what it left undecided (see Publication)
        Publication.recover(a);
        ArchiveTables.recoverPartitions(a, a.analysisTable("modes"), 1);
        ArchiveTables.recoverPartitions(a, a.analysisTable("inm_dos"), 1);
        SparkSession spark = Sessions.get("modes");
        List<Row> rows = runRows(a, spark);
        Map<String, ModesJob.RunMeta> metas = new LinkedHashMap<>();
        Map<String, Integer> nFrames = new HashMap<>();
        Map<String, double[]> conditions = new HashMap<>();
        List<String> refused = select(a, rows, new ModesPotentials(a, given, overridePotential), metas, nFrames, conditions);
        if (given != null) {
            long n = metas.values().stream().filter(m -> given.sha256().equals(m.potentialSha256())).count();
            System.out.printf(Locale.ROOT, "modes: --potential %s (%s, sha256 %s): %d run(s) analysed with it%n",
                    potentialFile, given.style(), given.sha256(), n);
        }
        for (String msg : refused) System.err.println("modes: refused run " + msg);
        if (metas.isEmpty()) {
            System.err.println("modes: no run left to analyse");
            return ExitCodes.PARTIAL_FAILURE;
        }
        ModesJob.Options o = new ModesJob.Options(every, maxSnapshots, lagPs, doubleWell, dosBin, dosMax, latticeGuess);
        System.out.printf(Locale.ROOT, "modes: %d runs, up to %d snapshots each (every %d frames, lag %.2f ps)%n",
                metas.size(), maxSnapshots, every, lagPs);
        Map<String, String> failed = dropTooShortShards(a, metas);
        if (metas.isEmpty()) {
            failed.forEach((run, why) -> System.err.println("modes: FAILED run " + run + ": " + why));
            System.err.println("modes: no run left to analyse");
            return ExitCodes.PARTIAL_FAILURE;
        }
        Dataset<Row> result;
        List<Row> errors;
        while (true) { // a run with an unreadable shard is named and left out, the others go on
            Dataset<Row> frames = spark.read().schema(io.ionflow.jobs.spark.FrameSource.FRAMES).parquet(a.framesDir().toString())
                    .where(col("run_id").isin(metas.keySet().toArray()));
            Dataset<Row> snaps = ModesJob.snapshots(spark, frames, new ArrayList<>(metas.values()), nFrames, o);
            result = ModesJob.run(snaps, metas, o).cache();
            try {
                errors = result.where(col("error").isNotNull()).select("run_id", "frame", "error").collectAsList();
                break;
            } catch (Exception e) { // Spark throws its checked SparkException from Scala code
                result.unpersist();
                String[] u = io.ionflow.jobs.spark.FrameSource.unreadableFile(e, metas.keySet());
                if (u == null) throw e;
                metas.remove(u[0]);
                failed.put(u[0], u[1]);
                if (metas.isEmpty()) {
                    failed.forEach((run, why) -> System.err.println("modes: FAILED run " + run + ": " + why));
                    System.err.println("modes: no run left to analyse");
                    return ExitCodes.PARTIAL_FAILURE;
                }
            }
        }
        for (Row e : errors) failed.putIfAbsent(e.getString(0), "frame " + e.getInt(1) + ": " + e.getString(2));
        Dataset<Row> good = result.where(col("error").isNull()).where(col("run_id").isin(
                metas.keySet().stream().filter(k -> !failed.containsKey(k)).toArray()));

        publish(a, fs, spark, good, metas.keySet(), conditions);
        result.unpersist();
        for (var f : failed.entrySet()) System.err.println("modes: FAILED run " + f.getKey() + ": " + f.getValue());
        System.out.println("modes: wrote " + a.analysisTable("modes") + ", " + a.analysisTable("inm_dos") + ", "
                + new Path(a.reportDir(), "modes.csv"));
        return failed.isEmpty() && refused.isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL_FAILURE;
    }

    /**
     * Fills {@code metas}, {@code nFrames} and {@code conditions} with the runs to analyse, each with the potential
     * {@link ModesPotentials} chose; returns the refused runs ("id: why"). Stores a --potential file some run uses.
     */
    private List<String> select(Archive a, List<Row> rows, ModesPotentials pots, Map<String, ModesJob.RunMeta> metas,
                                Map<String, Integer> nFrames, Map<String, double[]> conditions) throws java.io.IOException {
        List<String> refused = new ArrayList<>();
        boolean givenUsed = false;
        for (Row r : rows) {
            String id = r.getString(0);
            List<String> species = List.copyOf(r.getList(2));
            ModesPotentials.Choice c;
            try {
                c = pots.choose(id, r.isNullAt(1) ? null : r.getString(1), r.getString(9), species);
            } catch (ModesPotentials.Refused e) {
                refused.add(id + ": " + e.getMessage());
                continue;
            }
            givenUsed |= c.given();
            double dt = r.getDouble(5);
            List<Double> m = r.getList(3), cell = r.getList(4);
            metas.put(id, new ModesJob.RunMeta(id, c.json(), species, m.stream().mapToDouble(Double::doubleValue).toArray(),
                    cell.stream().mapToDouble(Double::doubleValue).toArray(), dt, (int) Math.round(lagPs / dt),
                    a.root().toString(), c.file(), c.sha256()));
            nFrames.put(id, r.getInt(6));
            conditions.put(id, new double[] {r.getDouble(7), r.getDouble(8)});
        }
        pots.storeIfUsed(givenUsed);
        return refused;
    }

    /** The selected rows of the runs table (the columns modes needs); a damaged table is bad input, none left a usage error. */
    private List<Row> runRows(Archive a, SparkSession spark) throws ArchiveFormatException {
        Dataset<Row> runs;
        try {
            runs = spark.read().parquet(a.runsDir().toString());
        } catch (Exception e) {
            throw new ArchiveFormatException(a.runsDir(), "cannot read the runs table: " + ArchiveTables.rootFirstLine(e));
        }
        runs = io.ionflow.jobs.msd.RunsFilter.apply(runs, filter, String.join(", ", runs.columns()));
        List<Row> rows;
        try {
            rows = runs.select("run_id", "potential", "species", "masses", "cell", "frame_interval_ps", "n_frames",
                    "temperature_k", "vacancy_fraction", "source").collectAsList();
        } catch (Exception e) {
            throw new ArchiveFormatException(a.runsDir(), "cannot read the runs table: " + ArchiveTables.rootFirstLine(e));
        }
        if (rows.isEmpty()) throw new UserError("no run in " + a.root() + " matches" + (filter == null ? "" : " --runs " + filter));
        return rows;
    }

    /**
     * Stages the snapshot rows, the per-run INM DOS and the updated report/modes.csv, prints each run's f_u and
     * publishes them together behind a journal (see {@link Publication}).
     */
    private static void publish(Archive a, FileSystem fs, SparkSession spark, Dataset<Row> good, java.util.Set<String> analysed,
                                Map<String, double[]> conditions) throws java.io.IOException {
        // every output is staged (hidden) first and published together behind a journal, so a killed modes leaves
        // each run's snapshots, DOS and CSV row all old or all new
        List<ArchiveTables.StagedPartitions> staged = new ArrayList<>();
        staged.add(ArchiveTables.stagePartitions(a, a.analysisTable("modes"), good.drop("dos_counts", "dos_edges_thz", "error"),
                "run_id"));

        // per-run INM DOS (mean over snapshots) and per-run summaries, small enough for the driver
        Map<String, RunModeSummary> summaries = summaries(good.select("run_id", "f_u", "dos_counts", "dos_edges_thz").collectAsList());
        List<Row> dosRows = new ArrayList<>();
        for (var e : summaries.entrySet()) {
            RunModeSummary m = e.getValue();
            for (int i = 0; i < m.binCentreThz().length; i++) {
                dosRows.add(RowFactory.create(e.getKey(), m.binCentreThz()[i], m.modesPerBin()[i], m.dosPerThz()[i]));
            }
        }
        StructType dosSchema = new StructType().add("run_id", DataTypes.StringType).add("freq_thz", DataTypes.DoubleType)
                .add("modes_per_bin", DataTypes.DoubleType).add("dos_per_thz", DataTypes.DoubleType);
        staged.add(ArchiveTables.stagePartitions(a, a.analysisTable("inm_dos"), spark.createDataFrame(dosRows, dosSchema),
                "run_id"));

        Map<String, String> csv = readCsv(fs, new Path(a.reportDir(), "modes.csv"));
        for (String id : analysed) csv.remove(id);
        for (var e : summaries.entrySet()) {
            RunModeSummary m = e.getValue();
            double[] c = conditions.get(e.getKey());
            csv.put(e.getKey(), String.format(Locale.ROOT, "%s,%s,%s,%.8g,%.8g,%d", e.getKey(), c[0], c[1], m.fuMean(), m.fuErr(),
                    m.snapshots()));
            System.out.printf(Locale.ROOT, "  %-32s T=%6.1f K vac=%.3f  f_u = %.4f ± %.4f  (%d snapshots)%n",
                    e.getKey(), c[0], c[1], m.fuMean(), m.fuErr(), m.snapshots());
        }
        StringBuilder text = new StringBuilder("run_id,temperature_k,vacancy_fraction,f_u,f_u_err,n_snapshots\n");
        for (String row : csv.values()) text.append(row).append('\n');
        Publication.begin(a, staged, Map.of(new Path(a.reportDir(), "modes.csv"), text.toString())).complete();
    }

    /** Per run (sorted by id): the snapshots' f_u and INM DOS summarised by {@link RunModeSummary}. */
    private static Map<String, RunModeSummary> summaries(List<Row> perSnapshot) {
        Map<String, List<Double>> fu = new TreeMap<>();
        Map<String, List<double[]>> dos = new HashMap<>();
        Map<String, double[]> edges = new HashMap<>();
        for (Row r : perSnapshot) {
            String id = r.getString(0);
            fu.computeIfAbsent(id, k -> new ArrayList<>()).add(r.getDouble(1));
            List<Double> cnt = r.getList(2), edg = r.getList(3);
            dos.computeIfAbsent(id, k -> new ArrayList<>()).add(cnt.stream().mapToDouble(Double::doubleValue).toArray());
            edges.putIfAbsent(id, edg.stream().mapToDouble(Double::doubleValue).toArray());
        }
        Map<String, RunModeSummary> out = new TreeMap<>();
        fu.forEach((id, v) -> out.put(id, RunModeSummary.of(v, dos.get(id), edges.get(id))));
        return out;
    }

    /** Rows of an existing CSV by run id (first column), header dropped; empty when absent. */
    static Map<String, String> readCsv(FileSystem fs, Path p) throws java.io.IOException {
        Map<String, String> m = new TreeMap<>();
        if (!fs.exists(p)) return m;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) m.put(line.substring(0, line.indexOf(',')), line);
            }
        }
        return m;
    }


    /** Runs with a shard too short to be Parquet (Spark would skip it without a word), left out and named. */
    private static Map<String, String> dropTooShortShards(Archive a, Map<String, ModesJob.RunMeta> metas)
            throws java.io.IOException {
        Map<String, String> failed = new TreeMap<>();
        for (String id : new ArrayList<>(metas.keySet())) {
            String empty = a.tooShortShard(id);
            if (empty != null) {
                metas.remove(id);
                failed.put(id, empty);
            }
        }
        return failed;
    }
}
