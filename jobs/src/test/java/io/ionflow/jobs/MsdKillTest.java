package io.ionflow.jobs;

import io.ionflow.jobs.bench.SyntheticArchive;
import io.ionflow.jobs.bench.SyntheticArchive.Kind;
import io.ionflow.jobs.bench.SyntheticArchive.SpeciesSpec;
import io.ionflow.jobs.msd.JobTestSupport;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill -9 a real {@code msd} process (a child JVM) at seeded random moments of its write phase, on an archive that
 * already holds the results of an earlier msd run with other options: afterwards every run's {@code analysis/msd}
 * partition, its {@code analysis/diffusion} msd rows and its {@code report/diffusion.csv} rows are each entirely the
 * old result or entirely the new one — never absent, no half-written visible file; after the recovery every IonFlow
 * job does first ({@link io.ionflow.simulate.archive.Publication#recover}) each run is old in all three or new in all three;
 * and a re-run completes with the new results everywhere and no hidden leftovers.
 */
class MsdKillTest {
    private static final List<SpeciesSpec> SPECIES = List.of(
            new SpeciesSpec("Ag", 107.8682, 24, Kind.LANGEVIN, 1.0, 10.0),
            new SpeciesSpec("Te", 127.60, 24, Kind.VIBRATE, 0.1, 15.0));
    private static final List<String> RUNS = List.of("R1", "R2", "R3", "R4");
    private static final String[] OLD = {"--max-lag-ps", "1"};

    @Test
    void aKilledMsdLeavesEachRunOldOrNew(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        Path template = dir.resolve("template");
        SyntheticArchive.write(io.ionflow.simulate.archive.Archive.at(template.toString()), RUNS.stream()
                .map(id -> new SyntheticArchive.RunSpec(id, 600, 0.0, SPECIES, 300, 0.02, 100, new double[] {0, 0, 0}, false,
                        id.hashCode(), 12.0)).toList(), 2);
        assertEquals(0, cli(concat(new String[] {"msd", "--archive", template.toString()}, OLD)).rc());
        Map<String, State> old = state(spark, template);
        Path fresh = dir.resolve("fresh");
        copy(template, fresh);
        assertEquals(0, cli("msd", "--archive", fresh.toString()).rc());
        Map<String, State> neu = state(spark, fresh);
        for (String id : RUNS) {
            assertNotEquals(old.get(id).msd, neu.get(id).msd, "old and new msd differ for " + id);
            assertNotEquals(old.get(id).diffusion, neu.get(id).diffusion, "old and new diffusion rows differ for " + id);
            assertNotEquals(old.get(id).csv, neu.get(id).csv, "old and new csv rows differ for " + id);
        }

        // three msd processes side by side (start-up dominates), each killed at its own point: while the tables are
        // being written (staged), just as they are swapped in, and a little later
        SplittableRandom rnd = new SplittableRandom(20261126L);
        int n = 3;
        String[] marker = {"msd: writing the results", "msd: publishing the results", "msd: publishing the results"};
        long[] delay = {rnd.nextLong(300), rnd.nextLong(20), 20 + rnd.nextLong(300)};
        Path[] archives = new Path[n];
        Path[] logs = new Path[n];
        Process[] procs = new Process[n];
        for (int i = 0; i < n; i++) {
            archives[i] = dir.resolve("k" + i);
            logs[i] = dir.resolve("k" + i + ".log");
            copy(template, archives[i]);
            procs[i] = start(logs[i], "msd", "--archive", archives[i].toString());
        }
        long[] markedAt = {-1, -1, -1};
        boolean[] over = new boolean[n];
        int killed = 0;
        long t0 = System.nanoTime();
        for (int left = n; left > 0; Thread.sleep(2)) {
            assertTrue(System.nanoTime() - t0 < 300e9, "no write phase within 5 min: " + Files.readString(logs[0]));
            for (int i = 0; i < n; i++) {
                if (over[i]) continue;
                if (markedAt[i] < 0 && Files.readString(logs[i]).contains(marker[i])) markedAt[i] = System.nanoTime();
                if (markedAt[i] >= 0 ? System.nanoTime() - markedAt[i] >= delay[i] * 1_000_000L : !procs[i].isAlive()) {
                    if (procs[i].isAlive()) {
                        procs[i].destroyForcibly(); // SIGKILL
                        killed++;
                    }
                    over[i] = true;
                    left--;
                }
            }
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            assertTrue(procs[i].waitFor(60, TimeUnit.SECONDS));
            Map<String, State> now = state(spark, archives[i]);
            StringBuilder what = new StringBuilder("kill " + delay[i] + " ms after '" + marker[i] + "':");
            for (String id : RUNS) {
                State s = now.get(id);
                what.append(' ').append(id).append('=').append(s.describe(old.get(id), neu.get(id)));
                assertFalse(s.describe(old.get(id), neu.get(id)).contains("?"), "a mixture or a missing output: " + what
                        + "\n" + Files.readString(logs[i]));
            }
            assertVisibleFilesComplete(archives[i]);
            // what the next IonFlow job sees: it finishes a decided publication first; then every run is old in every
            // output or new in every output
            io.ionflow.simulate.archive.Publication.recover(io.ionflow.simulate.archive.Archive.at(archives[i].toString()));
            Map<String, State> recovered = state(spark, archives[i]);
            what.append(" -> after recovery:");
            for (String id : RUNS) {
                String d = recovered.get(id).describe(old.get(id), neu.get(id));
                what.append(' ').append(id).append('=').append(d);
                assertTrue(d.equals("ooo") || d.equals("nnn"), "a run mixing old and new results after recovery: " + what
                        + "\n" + Files.readString(logs[i]));
            }
            assertVisibleFilesComplete(archives[i]);
            seen.add(what.toString());
        }
        Path last = archives[n - 1];
        System.out.println(String.join("\n", seen));
        assertTrue(killed >= 2, "the test must actually kill msd (killed " + killed + " of 3)");
        List<String> after = seen.stream().map(x -> x.substring(x.indexOf("after recovery:"))).toList();
        assertTrue(after.stream().anyMatch(x -> x.contains("=ooo")) && after.stream().anyMatch(x -> x.contains("=nnn")),
                "the kill points cover both sides of the decision (old kept, new completed): " + seen);

        // a re-run repairs and completes: the new results everywhere, no hidden leftovers
        JobTestSupport.Run again = cli("msd", "--archive", last.toString());
        assertEquals(0, again.rc(), again.out() + again.err());
        assertEquals(neu, state(spark, last));
        try (Stream<Path> files = Files.walk(last.resolve("analysis"))) {
            assertTrue(files.map(f -> f.getFileName().toString()).noneMatch(x -> x.contains(".old-") || x.startsWith(".staging-")
                    || x.startsWith(".spark-staging")), "no leftovers after the re-run");
        }
    }

    /** A child JVM running IonFlow's {@code Main} with {@code args}, its output going to {@code log}. */
    static Process start(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx768m");
        cmd.add("-XX:TieredStopAtLevel=1"); // the child lives a few seconds: start-up speed over peak speed
        cmd.add("-XX:+UseSerialGC");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.sql.shuffle.partitions=2"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** One run's results in the three outputs (sorted rows as text; empty when absent). */
    record State(List<String> msd, List<String> diffusion, List<String> csv) {
        String describe(State old, State neu) {
            return tag(msd, old.msd, neu.msd) + tag(diffusion, old.diffusion, neu.diffusion) + tag(csv, old.csv, neu.csv);
        }

        private static String tag(List<String> x, List<String> old, List<String> neu) {
            return x.equals(old) ? "o" : x.equals(neu) ? "n" : "?";
        }
    }

    static Map<String, State> state(SparkSession spark, Path archive) throws Exception {
        Map<String, List<String>> msd = byRun(spark, archive.resolve("analysis/msd"), null);
        Map<String, List<String>> diff = byRun(spark, archive.resolve("analysis/diffusion"), "method = 'msd'");
        Map<String, List<String>> csv = new TreeMap<>();
        List<String> lines = Files.readAllLines(archive.resolve("report/diffusion.csv"));
        for (String l : lines.subList(1, lines.size())) {
            csv.computeIfAbsent(l.substring(0, l.indexOf(',')), k -> new ArrayList<>()).add(l);
        }
        Map<String, State> out = new TreeMap<>();
        for (String id : RUNS) {
            out.put(id, new State(msd.getOrDefault(id, List.of()), diff.getOrDefault(id, List.of()),
                    csv.getOrDefault(id, List.of())));
        }
        return out;
    }

    static Map<String, List<String>> byRun(SparkSession spark, Path table, String where, String... dropColumns) {
        var df = spark.read().parquet(table.toString()).drop(dropColumns);
        if (where != null) df = df.where(where);
        Map<String, List<String>> out = new TreeMap<>();
        for (Row r : df.collectAsList()) {
            out.computeIfAbsent(r.getAs("run_id"), k -> new ArrayList<>()).add(r.toString());
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    /** Every visible file (no path component starting with '.' or '_') of the outputs is a complete file. */
    static void assertVisibleFilesComplete(Path archive) throws Exception {
        try (Stream<Path> files = Stream.concat(Files.walk(archive.resolve("analysis")), Files.walk(archive.resolve("report")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path rel = archive.relativize(f);
                boolean hidden = false;
                for (Path c : rel) {
                    hidden |= c.toString().startsWith(".") || c.toString().startsWith("_");
                }
                if (hidden) continue;
                String n = f.getFileName().toString();
                assertTrue(n.endsWith(".parquet") || n.endsWith(".csv"), "unexpected visible file " + rel);
                if (n.endsWith(".parquet")) {
                    byte[] b = Files.readAllBytes(f);
                    assertEquals("PAR1", new String(b, b.length - 4, 4, "US-ASCII"), "complete Parquet file " + rel);
                }
            }
        }
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
