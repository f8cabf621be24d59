package io.ionflow.jobs;

import io.ionflow.simulate.archive.Publication;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.ionflow.jobs.MsdKillTest.assertVisibleFilesComplete;
import static io.ionflow.jobs.MsdKillTest.byRun;
import static io.ionflow.jobs.MsdKillTest.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill -9 a real {@code modes} process (a child JVM) at seeded random moments of its write phase, on a simulated
 * archive that already holds the results of an earlier modes run with other options: afterwards every run's
 * {@code analysis/modes} partition, its {@code analysis/inm_dos} partition and its {@code report/modes.csv} row are each
 * entirely the old result or entirely the new one (a snapshot row compared without its wall time, {@code seconds}); after the recovery every IonFlow job does first each run is old in
 * all three or new in all three; and a re-run completes with the new results everywhere and no hidden leftovers.
 */
class ModesKillTest {
    private static final String[] OLD = {"--every", "15", "--max-snapshots", "2", "--lag-ps", "0.4"};
    private static final String[] NEW = {"--every", "10", "--max-snapshots", "3", "--lag-ps", "0.4"};

    @Test
    void aKilledModesLeavesEachRunOldOrNew(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        Path template = dir.resolve("template");
        assertEquals(0, Main.execute("simulate", "--campaign", TestConf.tinyCampaign(dir).toString(), "--archive",
                template.toString()));
        assertEquals(0, Main.execute(modes(template, OLD)));
        List<String> runs = RunsTableReader.readAll(Archive.at(template.toString())).stream().map(RunInfo::runId).toList();
        assertEquals(4, runs.size(), "the tiny campaign's four runs: " + runs);
        Map<String, State> old = state(spark, template, runs);
        Path fresh = dir.resolve("fresh");
        copy(template, fresh);
        assertEquals(0, Main.execute(modes(fresh, NEW)));
        Map<String, State> neu = state(spark, fresh, runs);
        for (String id : runs) {
            assertNotEquals(old.get(id).modes, neu.get(id).modes, "old and new snapshot rows differ for " + id);
            assertNotEquals(old.get(id).dos, neu.get(id).dos, "old and new INM DOS differ for " + id);
            assertNotEquals(old.get(id).csv, neu.get(id).csv, "old and new modes.csv rows differ for " + id);
        }

        // three modes processes side by side, each killed at its own point: while the tables are being staged, just as
        // they are swapped in, and a little later
        SplittableRandom rnd = new SplittableRandom(20261207L);
        int n = 3;
        String[] marker = {"modes: writing the results", "modes: publishing the results", "modes: publishing the results"};
        long[] delay = {rnd.nextLong(300), rnd.nextLong(20), 20 + rnd.nextLong(300)};
        Path[] archives = new Path[n];
        Path[] logs = new Path[n];
        Process[] procs = new Process[n];
        for (int i = 0; i < n; i++) {
            archives[i] = dir.resolve("k" + i);
            logs[i] = dir.resolve("k" + i + ".log");
            copy(template, archives[i]);
            procs[i] = MsdKillTest.start(logs[i], modes(archives[i], NEW));
        }
        int killed = killAtMarkers(procs, logs, marker, delay);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            assertTrue(procs[i].waitFor(60, TimeUnit.SECONDS));
            seen.add(check(spark, archives[i], runs, old, neu,
                    "kill " + delay[i] + " ms after '" + marker[i] + "':", Files.readString(logs[i])));
        }
        System.out.println(String.join("\n", seen));
        assertTrue(killed >= 2, "the test must actually kill modes (killed " + killed + " of 3)");
        List<String> after = seen.stream().map(x -> x.substring(x.indexOf("after recovery:"))).toList();
        assertTrue(after.stream().anyMatch(x -> x.contains("=ooo")) && after.stream().anyMatch(x -> x.contains("=nnn")),
                "the kill points cover both sides of the decision (old kept, new completed): " + seen);

        // a re-run repairs and completes: the new results everywhere, no hidden leftovers
        Path last = archives[n - 1];
        assertEquals(0, Main.execute(modes(last, NEW)));
        assertEquals(neu, state(spark, last, runs));
        try (Stream<Path> files = Files.walk(last.resolve("analysis"))) {
            assertTrue(files.map(f -> f.getFileName().toString()).noneMatch(x -> x.contains(".old-")
                    || x.startsWith(".staging-") || x.startsWith(".spark-staging")), "no leftovers after the re-run");
        }
    }

    private static String[] modes(Path archive, String[] options) {
        List<String> args = new ArrayList<>(List.of("modes", "--archive", archive.toString()));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    /** Kills each process {@code delay[i]} ms after {@code marker[i]} appears in its log; returns how many it killed. */
    private static int killAtMarkers(Process[] procs, Path[] logs, String[] marker, long[] delay) throws Exception {
        int n = procs.length;
        long[] markedAt = new long[n];
        java.util.Arrays.fill(markedAt, -1);
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
     * Each run old or new in each output as the kill left them (no mixture within an output, nothing missing), then
     * old in all three or new in all three after {@link Publication#recover}; visible files complete both times.
     */
    private static String check(SparkSession spark, Path archive, List<String> runs, Map<String, State> old,
                                Map<String, State> neu, String what, String log) throws Exception {
        StringBuilder seen = new StringBuilder(what);
        Map<String, State> now = state(spark, archive, runs);
        for (String id : runs) {
            String d = now.get(id).describe(old.get(id), neu.get(id));
            seen.append(' ').append(id).append('=').append(d);
            assertFalse(d.contains("?"), "a mixture or a missing output: " + seen + "\n" + log);
        }
        assertVisibleFilesComplete(archive);
        Publication.recover(Archive.at(archive.toString()));
        Map<String, State> recovered = state(spark, archive, runs);
        seen.append(" -> after recovery:");
        for (String id : runs) {
            String d = recovered.get(id).describe(old.get(id), neu.get(id));
            seen.append(' ').append(id).append('=').append(d);
            assertTrue(d.equals("ooo") || d.equals("nnn"), "a run mixing old and new results after recovery: " + seen
                    + "\n" + log);
        }
        assertVisibleFilesComplete(archive);
        return seen.toString();
    }

    /** One run's results in the three outputs (sorted rows as text; empty when absent). */
    record State(List<String> modes, List<String> dos, List<String> csv) {
        String describe(State old, State neu) {
            return tag(modes, old.modes, neu.modes) + tag(dos, old.dos, neu.dos) + tag(csv, old.csv, neu.csv);
        }

        private static String tag(List<String> x, List<String> old, List<String> neu) {
            return x.equals(old) ? "o" : x.equals(neu) ? "n" : "?";
        }
    }

    /** Each run's results (empty lists where an output has none). */
    static Map<String, State> state(SparkSession spark, Path archive, List<String> runs) throws Exception {
        Map<String, List<String>> modes = byRun(spark, archive.resolve("analysis/modes"), null, "seconds"); // wall time
        Map<String, List<String>> dos = byRun(spark, archive.resolve("analysis/inm_dos"), null);
        Map<String, List<String>> csv = new TreeMap<>();
        List<String> lines = Files.readAllLines(archive.resolve("report/modes.csv"));
        for (String l : lines.subList(1, lines.size())) {
            csv.computeIfAbsent(l.substring(0, l.indexOf(',')), k -> new ArrayList<>()).add(l);
        }
        Map<String, State> out = new TreeMap<>();
        for (String id : runs) {
            out.put(id, new State(modes.getOrDefault(id, List.of()), dos.getOrDefault(id, List.of()),
                    csv.getOrDefault(id, List.of())));
        }
        return out;
    }
}
