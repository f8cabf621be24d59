package io.ionflow.jobs;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.Publication;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real IonFlow jobs (child JVMs) killed with SIGKILL at seeded moments of their publication, on copies of an archive
 * that holds an earlier run's results, and the check that every run is then old or new in each output, and old in all
 * or new in all after the recovery that every IonFlow job does first.
 */
final class KilledJobs {
    private KilledJobs() {}

    /** A run's outputs, each as its sorted rows (as text; empty when absent). */
    record Outputs(List<List<String>> each) {
        /** One letter per output: o (old), n (new) or ? (neither: a mixture, or missing). */
        String describe(Outputs old, Outputs neu) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < each.size(); i++) {
                List<String> x = each.get(i);
                b.append(x.equals(old.each.get(i)) ? 'o' : x.equals(neu.each.get(i)) ? 'n' : '?');
            }
            return b.toString();
        }
    }

    /** Reads every run's outputs from an archive. */
    interface State {
        Map<String, Outputs> of(Path archive) throws Exception;
    }

    /** A child job: its archive copy, its log, and when it was killed. */
    record Child(Path archive, Path log, String when) {}

    /**
     * Three copies of {@code template}, one child job on each, killed: a random 0–50 ms after the job prints
     * "{@code <job>}: writing the results" (staging), 0–20 ms and 20–320 ms after "publishing the results" (the
     * journal and the swaps). A child that ends before its moment is not killed; at least two must be.
     */
    static List<Child> killThree(Path dir, Path template, String job, long seed, Function<Path, String[]> args)
            throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        // the first well inside the staging (which takes ≥ 0.2 s in a fresh child JVM), so one child keeps the old side
        long[] delay = {rnd.nextLong(50), rnd.nextLong(20), 20 + rnd.nextLong(300)};
        return kill(dir, template, job, new String[] {"writing", "publishing", "publishing"}, delay, args);
    }

    /**
     * One copy of {@code template} per kill point, one child job on each, killed {@code delay[i]} ms after the job
     * prints "{@code <job>}: {@code stage[i]} the results". A child that ends before its moment is not killed; all but
     * one must be.
     */
    static List<Child> kill(Path dir, Path template, String job, String[] stage, long[] delay,
                            Function<Path, String[]> args) throws Exception {
        int n = stage.length;
        String[] marker = new String[n];
        Path[] logs = new Path[n];
        Process[] procs = new Process[n];
        List<Child> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            marker[i] = job + ": " + stage[i] + " the results";
            Path archive = dir.resolve("k" + i);
            logs[i] = dir.resolve("k" + i + ".log");
            copy(template, archive);
            procs[i] = start(logs[i], args.apply(archive));
            children.add(new Child(archive, logs[i], "kill " + delay[i] + " ms after '" + marker[i] + "':"));
        }
        int killed = killAtMarkers(procs, logs, marker, delay);
        for (Process p : procs) assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(killed >= n - 1, "the test must actually kill " + job + " (killed " + killed + " of " + n + ")");
        return children;
    }

    /** Kills each process {@code delay[i]} ms after {@code marker[i]} appears in its log; returns how many it killed. */
    private static int killAtMarkers(Process[] procs, Path[] logs, String[] marker, long[] delay) throws Exception {
        int n = procs.length;
        long[] markedAt = new long[n];
        Arrays.fill(markedAt, -1);
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
        return killed;
    }

    /**
     * For each child: every run old or new in each output as the kill left them (no mixture inside an output, nothing
     * missing), then old in all or new in all after {@link Publication#recover}; visible files complete both times.
     * Both sides of the decision must be seen among the children.
     *
     * @return one line per child, what it left
     */
    static List<String> checkEach(List<Child> children, List<String> runs, Map<String, Outputs> old,
                                  Map<String, Outputs> neu, State state) throws Exception {
        List<String> seen = new ArrayList<>();
        for (Child c : children) {
            StringBuilder what = new StringBuilder(c.when());
            String log = Files.readString(c.log());
            Map<String, Outputs> now = state.of(c.archive());
            for (String id : runs) {
                String d = now.get(id).describe(old.get(id), neu.get(id));
                what.append(' ').append(id).append('=').append(d);
                assertFalse(d.contains("?"), "a mixture or a missing output: " + what + "\n" + log);
            }
            assertVisibleFilesComplete(c.archive());
            Publication.recover(Archive.at(c.archive().toString())); // what the next IonFlow job does first
            Map<String, Outputs> recovered = state.of(c.archive());
            what.append(" -> after recovery:");
            for (String id : runs) {
                String d = recovered.get(id).describe(old.get(id), neu.get(id));
                what.append(' ').append(id).append('=').append(d);
                assertTrue(d.matches("o+|n+"), "a run mixing old and new results after recovery: " + what + "\n" + log);
            }
            assertVisibleFilesComplete(c.archive());
            seen.add(what.toString());
        }
        System.out.println(String.join("\n", seen));
        List<String> after = seen.stream().map(x -> x.substring(x.indexOf("after recovery:"))).toList();
        assertTrue(after.stream().anyMatch(x -> x.matches(".*=o+( .*|$)")) && after.stream().anyMatch(x -> x.matches(".*=n+( .*|$)")),
                "the kill points cover both sides of the decision (old kept, new completed): " + seen);
        return seen;
    }

    /** No hidden leftovers (old partitions, staging directories) under {@code analysis/}. */
    static void assertNoLeftovers(Path archive) throws Exception {
        try (Stream<Path> files = Files.walk(archive.resolve("analysis"))) {
            assertTrue(files.map(f -> f.getFileName().toString()).noneMatch(x -> x.contains(".old-")
                    || x.startsWith(".staging-") || x.startsWith(".spark-staging")), "no leftovers after the re-run");
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

    /** A table's rows by run (each as text, sorted), without {@code dropColumns}, filtered by {@code where}. */
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

    /** A CSV's lines by run (first column), header dropped. */
    static Map<String, List<String>> csvByRun(Path csv) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String l : lines.subList(1, lines.size())) {
            out.computeIfAbsent(l.substring(0, l.indexOf(',')), k -> new ArrayList<>()).add(l);
        }
        return out;
    }

    /**
     * Every visible file (no path component starting with '.' or '_') of the outputs is a complete file: Parquet, PNG,
     * SVG and HTML files end as their formats end.
     */
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
                byte[] b = Files.readAllBytes(f);
                String tail = new String(b, Math.max(0, b.length - 16), Math.min(16, b.length), "ISO-8859-1").strip();
                String end = n.endsWith(".parquet") ? "PAR1" : n.endsWith(".png") ? "IEND\u00AEB`\u0082"
                        : n.endsWith(".svg") ? "</svg>" : n.endsWith(".html") ? "</html>" : n.endsWith(".csv") ? "" : null;
                assertTrue(end != null, "unexpected visible file " + rel);
                assertTrue(tail.endsWith(end), "complete file " + rel + " (ends with " + end + ")");
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
}
