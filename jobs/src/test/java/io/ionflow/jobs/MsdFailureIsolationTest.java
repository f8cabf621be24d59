package io.ionflow.jobs;

import io.ionflow.jobs.bench.SyntheticArchive;
import io.ionflow.jobs.bench.SyntheticArchive.Kind;
import io.ionflow.jobs.bench.SyntheticArchive.SpeciesSpec;
import io.ionflow.jobs.msd.DiffusionCsv;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.simulate.archive.Archive;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import io.ionflow.jobs.msd.MsdJob;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad runs are named and skipped, the others' results are written: a NaN position, a missing shard
 * (frame gap), an irregular time step and a corrupt shard give exit code 1 with one line each naming run, file and problem;
 * a run without velocities is skipped by vacf without failing; a bad --runs condition exits 2.
 * Run with the default per-task budget (one task per run) and with a budget of one atom-frame (every run cut into
 * blocks of atoms), which must give the same messages, word for word.
 */
class MsdFailureIsolationTest {
    /** Budget → the FAILED lines of msd (archive directory replaced by a placeholder). */
    private static final Map<String, List<String>> FAILED_LINES = new TreeMap<>();

    private static final List<SpeciesSpec> SPECIES = List.of(
            new SpeciesSpec("Ag", 107.8682, 8, Kind.LANGEVIN, 1.0, 10.0),
            new SpeciesSpec("Te", 127.60, 8, Kind.VIBRATE, 0.1, 15.0));

    private static SyntheticArchive.RunSpec run(String id, boolean velocities) {
        return new SyntheticArchive.RunSpec(id, 600, 0.0, SPECIES, 60, 0.02, 20, new double[] {0.1, 0, 0}, velocities,
                id.hashCode(), 10.0);
    }

    @ParameterizedTest(name = "taskAtomFrames = {0}")
    @ValueSource(strings = {"default", "1"})
    void badRunsAreNamedAndSkipped(String budget, @TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        if (budget.equals("default")) {
            spark.sparkContext().setLocalProperty(MsdJob.TASK_ATOM_FRAMES, null);
        } else {
            spark.sparkContext().setLocalProperty(MsdJob.TASK_ATOM_FRAMES, String.valueOf(budget));
        }
        try {
            badRuns(budget, dir, spark);
        } finally {
            spark.sparkContext().setLocalProperty(MsdJob.TASK_ATOM_FRAMES, null);
        }
    }

    private void badRuns(String budget, Path dir, SparkSession spark) throws Exception {
        String archive = dir.resolve("a").toString();
        Archive a = Archive.at(archive);
        SyntheticArchive.write(a, List.of(run("Good", true), run("Gap", true), run("NaNpos", true), run("Corrupt", true),
                run("NoVel", false), run("Swap", true), run("NoLast", true), run("Jitter", true)), 2);
        Path frames = dir.resolve("a/frames");
        // a frame gap: the middle shard (frames 20..39) is gone
        Files.delete(frames.resolve("run_id=Gap/part-00001.parquet"));
        // a NaN x at frame 25, atom 3, written by another tool (Spark) into the run's shard
        Path shard = frames.resolve("run_id=NaNpos/part-00001.parquet");
        Dataset<Row> d = spark.read().parquet(shard.toString());
        d = d.withColumn("x", when(col("frame").equalTo(25).and(col("atom").equalTo(3)), lit(Float.NaN)).otherwise(col("x")));
        Path tmp = dir.resolve("nan-out");
        d.coalesce(1).write().parquet(tmp.toString());
        File part = List.of(tmp.toFile().listFiles()).stream().filter(f -> f.getName().endsWith(".parquet")).findFirst()
                .orElseThrow();
        Files.move(part.toPath(), shard, StandardCopyOption.REPLACE_EXISTING);
        // atom 2 (Ag) is Te in frame 30 only: a clean row (no null, dictionary-encoded) whose species is wrong, which the
        // direct path only finds once it knows frame 0 (its task then hands the run back to the end-frames query)
        Path swap = frames.resolve("run_id=Swap/part-00001.parquet");
        Dataset<Row> sw = spark.read().parquet(swap.toString());
        sw = sw.withColumn("species", when(col("frame").equalTo(30).and(col("atom").equalTo(2)), lit("Te"))
                .otherwise(col("species")));
        Path tmp2 = dir.resolve("swap-out");
        sw.coalesce(1).write().parquet(tmp2.toString());
        File part2 = List.of(tmp2.toFile().listFiles()).stream().filter(f -> f.getName().endsWith(".parquet")).findFirst()
                .orElseThrow();
        Files.move(part2.toPath(), swap, StandardCopyOption.REPLACE_EXISTING);
        // frame 30 stamped 5 fs late (one time per frame, but an irregular step): named with the file of frame 29
        Path jitter = frames.resolve("run_id=Jitter/part-00001.parquet");
        Dataset<Row> ji = spark.read().parquet(jitter.toString());
        ji = ji.withColumn("time_ps", when(col("frame").equalTo(30), col("time_ps").plus(0.005)).otherwise(col("time_ps")));
        Path tmp3 = dir.resolve("jitter-out");
        ji.coalesce(1).write().parquet(tmp3.toString());
        File part3 = List.of(tmp3.toFile().listFiles()).stream().filter(f -> f.getName().endsWith(".parquet")).findFirst()
                .orElseThrow();
        Files.move(part3.toPath(), jitter, StandardCopyOption.REPLACE_EXISTING);
        // the last shard (frames 40..59) is gone: the end frames are incomplete
        Files.delete(frames.resolve("run_id=NoLast/part-00002.parquet"));
        // a corrupt shard: not Parquet at all
        Files.write(frames.resolve("run_id=Corrupt/part-00002.parquet"), "this is not a parquet file".getBytes());

        JobTestSupport.Run r = cli("msd", "--archive", archive);
        assertEquals(1, r.rc(), r.out() + r.err());
        String err = r.err();
        assertTrue(err.contains("6 run(s) failed"), err);
        assertTrue(line(err, "FAILED Jitter").contains("irregular frame spacing between frame 29")
                && line(err, "FAILED Jitter").contains("(file ") && line(err, "FAILED Jitter").contains("run_id=Jitter/part-00001.parquet"),
                err);
        assertTrue(line(err, "FAILED Swap").contains("frame 30") && line(err, "FAILED Swap").contains("atom 2")
                && line(err, "FAILED Swap").contains("Te"), err);
        assertTrue(line(err, "FAILED NoLast").contains("frame 59"), err);
        assertTrue(line(err, "FAILED Gap").contains("frames 20..39 are missing"), err);
        assertTrue(line(err, "FAILED Gap").contains("part-00000.parquet") && line(err, "FAILED Gap").contains("part-00002.parquet"),
                "names the neighbouring shards: " + err);
        assertTrue(line(err, "FAILED NaNpos").contains("frame 25, atom 3")
                && line(err, "FAILED NaNpos").contains("x is NaN")
                && line(err, "FAILED NaNpos").contains("run_id=NaNpos/part-00001.parquet"), err);
        assertTrue(line(err, "FAILED Corrupt").contains("run_id=Corrupt/part-00002.parquet"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertTrue(r.out().contains(" task(s)"), r.out());
        List<String> failedLines = err.lines().filter(l -> l.strip().startsWith("FAILED"))
                .map(l -> l.replace(dir.toString(), "<dir>")).sorted().toList();
        assertEquals(6, failedLines.size(), err);
        FAILED_LINES.put(budget, failedLines);
        if (FAILED_LINES.size() == 2) {
            assertEquals(FAILED_LINES.get("1"), FAILED_LINES.get("default"), "same messages however the runs are split");
        }

        Set<String> written = new TreeSet<>();
        for (Row row : spark.read().parquet(archive + "/analysis/msd").select("run_id").distinct().collectAsList()) {
            written.add(row.getString(0));
        }
        assertEquals(Set.of("Good", "NoVel"), written);
        List<String> csvRuns = new ArrayList<>();
        DiffusionCsv.read(a).forEach(l -> csvRuns.add(l.runId() + "/" + l.species()));
        assertEquals(List.of("Good/Ag", "Good/Te", "NoVel/Ag", "NoVel/Te"), csvRuns);

        // vacf skips the run without velocities, and that is not a failure
        JobTestSupport.Run v = cli("vacf", "--archive", archive, "--runs", "run_id IN ('Good', 'NoVel')");
        assertEquals(0, v.rc(), v.out() + v.err());
        assertTrue(v.out().contains("run NoVel: skipped: no velocities"), v.out());
        assertEquals(List.of("Good/vacf/Ag", "Good/vacf/Te"), spark.read().parquet(archive + "/analysis/diffusion")
                .where("method = 'vacf'").orderBy("species").collectAsList().stream()
                .map(x -> x.getAs("run_id") + "/vacf/" + x.getAs("species")).toList());

        // bad input: one line, exit code 2
        JobTestSupport.Run bad = cli("msd", "--archive", archive, "--runs", "no_such_column > 1");
        assertEquals(2, bad.rc());
        assertTrue(bad.err().contains("--runs") && !bad.err().contains("\tat "), bad.err());
        assertEquals(2, cli("msd", "--archive", dir.resolve("nowhere").toString()).rc());
        assertEquals(2, cli("msd", "--archive", archive, "--fit-start-ps", "1").rc());
        // the reason is the sentence after Spark's colon, not an empty tail
        assertTrue(bad.err().matches("(?s).*cannot be resolved.*") || bad.err().matches("(?s).*UNRESOLVED_COLUMN.*"), bad.err());
        JobTestSupport.Run syntax = cli("msd", "--archive", archive, "--runs", "temperature_k >");
        assertEquals(2, syntax.rc());
        assertTrue(syntax.err().contains("Syntax error") && !syntax.err().strip().endsWith(":"), syntax.err());
        // a condition nested thousands deep: one line, not a stack overflow
        JobTestSupport.Run deep = cli("msd", "--archive", archive, "--runs", "(".repeat(3000) + "true" + ")".repeat(3000));
        assertEquals(2, deep.rc(), deep.err());
        assertTrue(deep.err().contains("nests parentheses 3000 deep; at most 100") && !deep.err().contains("\tat "),
                deep.err());
        JobTestSupport.Run drift = cli("msd", "--archive", archive, "--drift", "lattice");
        assertEquals(2, drift.rc(), drift.err());
        assertTrue(drift.err().contains("--drift must be auto, framework, system or none, got 'lattice'"), drift.err());
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.strip().startsWith(start)).findFirst().orElse("<no line starting with " + start + ">");
    }
}
