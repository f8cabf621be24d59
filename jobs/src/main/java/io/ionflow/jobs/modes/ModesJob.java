package io.ionflow.jobs.modes;

import io.ionflow.analyze.inm.SnapshotFrames;
import io.ionflow.simulate.archive.ShardFile;
import io.ionflow.simulate.archive.Publication;
import io.ionflow.jobs.archive.RunsReader;
import io.ionflow.simulate.archive.StagedPartitions;
import io.ionflow.jobs.archive.UserError;
import io.ionflow.jobs.modes.SnapshotAnalysis.Options;
import io.ionflow.jobs.modes.SnapshotAnalysis.RunMeta;
import io.ionflow.jobs.spark.Sessions;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.PotentialChoice;
import io.ionflow.simulate.archive.RunInfo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * The {@code modes} job: the runs of {@code runs/} (optionally filtered), each with the potential
 * {@link PotentialChoice} chose, are sampled into snapshots and analysed on Spark ({@link SnapshotAnalysis}); the
 * snapshot rows, the per-run INM DOS and {@code report/modes.csv} are published together ({@link ModesOutputs}).
 * A run that is refused (no usable potential), has an unreadable shard or a failing snapshot is named and left out;
 * the others are still written.
 */
public final class ModesJob {
    private ModesJob() {}

    /**
     * One invocation.
     *
     * @param filter            {@code --runs} condition on runs/, or null
     * @param potentialFile     {@code --potential}, or null
     * @param style             {@code --style} of the potential file, or null
     * @param overridePotential analyse runs whose stored potential differs from the given one with the given one
     */
    public record Request(String filter, Options options, Path potentialFile, String style, boolean overridePotential) {}

    /** The runs to analyse (by run id) with what the tasks and outputs need; the refused ones ("id: why"). */
    private record Selection(Map<String, RunMeta> metas, Map<String, Integer> nFrames, Map<String, double[]> conditions,
                             List<String> refused) {}

    /**
     * Runs the job, printing progress and each run's f_u to {@code out} and refused or failed runs to {@code err}.
     *
     * @return whether every selected run was analysed and written
     */
    public static boolean run(String archive, Request req, PrintStream out, PrintStream err) throws IOException {
        if (req.potentialFile() == null && (req.style() != null || req.overridePotential())) {
            throw new UserError("--style and --override-potential go with --potential FILE");
        }
        PotentialChoice.Given given = given(req);
        Archive a = Archive.at(archive);
        UserError.requireArchive(a);
        // finish what a killed job decided, then drop what it left undecided (see Publication)
        Publication.recover(a);
        StagedPartitions.recover(a, a.analysisTable("modes"), 1);
        StagedPartitions.recover(a, a.analysisTable("inm_dos"), 1);
        SparkSession spark = Sessions.get("modes");
        Map<String, String> badRows = new TreeMap<>();
        Selection sel = select(a, RunsReader.runs(spark, a, req.filter(), badRows),
                new PotentialChoice(a, given, req.overridePotential()), req.options().lagPs());
        if (given != null) {
            long n = sel.metas().values().stream().filter(m -> given.sha256().equals(m.potentialSha256())).count();
            out.printf(Locale.ROOT, "modes: --potential %s (%s, sha256 %s): %d run(s) analysed with it%n",
                    req.potentialFile(), given.style(), given.sha256(), n);
        }
        for (String msg : sel.refused()) err.println("modes: refused run " + msg);
        if (sel.metas().isEmpty()) return noRunLeft(badRows, err);
        Options o = req.options();
        out.printf(Locale.ROOT, "modes: %d runs, up to %d snapshots each (every %d frames, lag %.2f ps)%n",
                sel.metas().size(), o.maxSnapshots(), o.every(), o.lagPs());
        Map<String, String> failed = dropTooShortShards(a, sel.metas());
        failed.putAll(badRows);
        Dataset<Row> result = sel.metas().isEmpty() ? null : analyse(spark, a, sel, o, failed);
        if (result == null) return noRunLeft(failed, err);
        Dataset<Row> good = result.where(col("error").isNull()).where(col("run_id").isin(
                sel.metas().keySet().stream().filter(k -> !failed.containsKey(k)).toArray()));
        ModesOutputs.publish(a, good, sel.metas().keySet(), sel.conditions(), out);
        result.unpersist();
        for (var f : failed.entrySet()) err.println("modes: FAILED run " + f.getKey() + ": " + f.getValue());
        out.println("modes: wrote " + a.analysisTable("modes") + ", " + a.analysisTable("inm_dos") + ", "
                + ModesOutputs.csvPath(a));
        return failed.isEmpty() && sel.refused().isEmpty();
    }

    private static boolean noRunLeft(Map<String, String> failed, PrintStream err) {
        failed.forEach((run, why) -> err.println("modes: FAILED run " + run + ": " + why));
        err.println("modes: no run left to analyse");
        return false;
    }

    /** The potential file of {@code --potential}, read and checked; null without one. */
    private static PotentialChoice.Given given(Request req) {
        if (req.potentialFile() == null) return null;
        try {
            return PotentialChoice.read(req.potentialFile(), req.style());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /**
     * The runs to analyse, each with the potential {@link PotentialChoice} chose, and the refused ones. Stores a
     * --potential file some run uses.
     */
    private static Selection select(Archive a, List<RunInfo> runs, PotentialChoice pots, double lagPs) throws IOException {
        Selection sel = new Selection(new LinkedHashMap<>(), new HashMap<>(), new HashMap<>(), new ArrayList<>());
        boolean givenUsed = false;
        for (RunInfo r : runs) {
            String id = r.runId();
            List<String> species = List.of(r.species());
            PotentialChoice.Choice c;
            try {
                c = pots.choose(r.potential(), r.source(), species);
            } catch (PotentialChoice.Refused e) {
                sel.refused().add(id + ": " + e.getMessage());
                continue;
            }
            givenUsed |= c.given();
            double dt = r.frameIntervalPs();
            sel.metas().put(id, new RunMeta(id, c.json(), species, r.masses(), r.cell(), dt, (int) Math.round(lagPs / dt),
                    a.root().toString(), c.file(), c.sha256()));
            sel.nFrames().put(id, r.nFrames());
            sel.conditions().put(id, new double[] {r.temperatureK(), r.vacancyFraction()});
        }
        pots.storeIfUsed(givenUsed);
        return sel;
    }

    /** Runs with a shard too short to be Parquet (Spark would skip it without a word), left out and named. */
    private static Map<String, String> dropTooShortShards(Archive a, Map<String, RunMeta> metas) throws IOException {
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

    /**
     * The snapshot rows of the selected runs (cached; unpersist when done), or null when no run is left. A run with an
     * unreadable shard is named in {@code failed} and left out (as are its outputs); a run with a failing snapshot is
     * named in {@code failed} with its first error.
     */
    private static Dataset<Row> analyse(SparkSession spark, Archive a, Selection sel, Options o, Map<String, String> failed)
            throws IOException {
        Map<String, RunMeta> metas = sel.metas();
        List<SnapshotFrames.Task> tasks = new ArrayList<>();
        for (RunMeta m : metas.values()) {
            tasks.add(new SnapshotFrames.Task(m.runId(), m.species(), m.lagFrames(),
                    SnapshotAnalysis.snapshotFrames(m, sel.nFrames().get(m.runId()), o), ShardFile.files(a, m.runId())));
        }
        Dataset<Row> result = SnapshotAnalysis.run(spark, tasks, metas, o).cache();
        for (Row e : result.where(col("error").isNotNull()).select("run_id", "frame", "error").collectAsList()) {
            if (e.getInt(1) < 0) { // an unreadable shard: the run is left out
                metas.remove(e.getString(0));
                failed.put(e.getString(0), e.getString(2));
            } else {
                failed.putIfAbsent(e.getString(0), "frame " + e.getInt(1) + ": " + e.getString(2));
            }
        }
        if (metas.isEmpty()) {
            result.unpersist();
            return null;
        }
        return result;
    }
}
