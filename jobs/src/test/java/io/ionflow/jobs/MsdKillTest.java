package io.ionflow.jobs;

import io.ionflow.jobs.KilledJobs.Outputs;
import io.ionflow.jobs.bench.SyntheticArchive;
import io.ionflow.jobs.bench.SyntheticArchive.Kind;
import io.ionflow.jobs.bench.SyntheticArchive.SpeciesSpec;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.simulate.archive.ArchiveLock;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.ionflow.jobs.KilledJobs.byRun;
import static io.ionflow.jobs.KilledJobs.copy;
import static io.ionflow.jobs.KilledJobs.csvByRun;
import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Kill -9 a real {@code msd} process (a child JVM) at seeded random moments of its write phase, on an archive that
 * already holds the results of an earlier msd run with other options: afterwards every run's {@code analysis/msd}
 * partition, its {@code analysis/diffusion} msd rows and its {@code report/diffusion.csv} rows are each entirely the
 * old result or entirely the new one — never absent, no half-written visible file; after the recovery every IonFlow
 * job does first ({@link io.ionflow.simulate.archive.Publication#recover}) each run is old in all three or new in all
 * three; and a re-run completes with the new results everywhere and no hidden leftovers.
 */
class MsdKillTest {
    private static final List<SpeciesSpec> SPECIES = List.of(
            new SpeciesSpec("Ag", 107.8682, 24, Kind.LANGEVIN, 1.0, 10.0),
            new SpeciesSpec("Te", 127.60, 24, Kind.VIBRATE, 0.1, 15.0));
    private static final List<String> RUNS = List.of("R1", "R2", "R3", "R4");

    @Test
    void aKilledMsdLeavesEachRunOldOrNew(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        Path template = dir.resolve("template");
        OldAndNew results = oldAndNew(spark, dir, template);
        Map<String, Outputs> old = results.old();
        Map<String, Outputs> neu = results.neu();

        // three msd processes side by side (start-up dominates), each killed at its own point
        List<KilledJobs.Child> children = KilledJobs.killThree(dir, template, "msd", 20261126L,
                a -> new String[] {"msd", "--archive", a.toString()});
        KilledJobs.checkEach(children, RUNS, old, neu, a -> state(spark, a));

        // a re-run repairs and completes: the new results everywhere, no hidden leftovers
        Path last = children.get(children.size() - 1).archive();
        JobTestSupport.Run again = cli("msd", "--archive", last.toString());
        assertEquals(0, again.rc(), again.out() + again.err());
        assertEquals(neu, state(spark, last));
        KilledJobs.assertNoLeftovers(last);
    }

    /**
     * An msd process killed while it writes its results leaves its lock and its staging behind; two msd processes then
     * start on that archive at once. One takes the stale lock over, clears the staging and writes; the other refuses
     * with the lock's message (exit 3), whichever comes first. The archive ends with the new results, no lock and no leftovers.
     */
    @Test
    void twoMsdProcessesAfterAKilledOneLeaveOneWriterAndTheNewResults(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        Path template = dir.resolve("template");
        Map<String, Outputs> neu = oldAndNew(spark, dir, template).neu();
        // 50 ms into the staging, which takes ≥ 0.2 s in a fresh child JVM: always killed, its lock and staging left
        KilledJobs.Child killed = KilledJobs.kill(dir, template, "msd", new String[] {"writing"}, new long[] {50},
                a -> new String[] {"msd", "--archive", a.toString()}).get(0);
        Path archive = killed.archive();
        assertFalse(Files.readString(killed.log()).contains("run(s) done"), "killed before the end: "
                + Files.readString(killed.log()));
        assertTrue(Files.exists(archive.resolve(ArchiveLock.FILE)), "a killed process leaves its lock");

        Process[] two = new Process[2];
        Path[] logs = {dir.resolve("b.log"), dir.resolve("c.log")};
        for (int i = 0; i < 2; i++) {
            two[i] = KilledJobs.start(logs[i], "msd", "--archive", archive.toString());
        }
        int wrote = 0;
        for (int i = 0; i < 2; i++) {
            assertTrue(two[i].waitFor(300, TimeUnit.SECONDS));
            String log = Files.readString(logs[i]);
            System.out.println("second msd process " + i + ": exit " + two[i].exitValue() + ", "
                    + log.lines().filter(l -> l.startsWith("ionflow")).toList());
            if (two[i].exitValue() == 0) {
                wrote++;
            } else {
                assertEquals(3, two[i].exitValue(), log);
                assertTrue(log.contains("is in use by ionflow msd") || log.contains("is taking over the lock")
                        || log.contains("another process took it at the same moment"), "the lock's message: " + log);
            }
        }
        assertTrue(wrote >= 1, "one of the two wrote: " + Files.readString(logs[0]) + Files.readString(logs[1]));
        assertEquals(neu, state(spark, archive));
        KilledJobs.assertNoLeftovers(archive);
        assertFalse(Files.exists(archive.resolve(ArchiveLock.FILE)), "no lock left");
        assertFalse(Files.exists(archive.resolve(ArchiveLock.FILE + ".takeover")), "no take-over file left");
    }

    /** Each run's outputs as an earlier msd with other options left them (old), and as msd gives them now (new). */
    private record OldAndNew(Map<String, Outputs> old, Map<String, Outputs> neu) {}

    /** An archive at {@code template} holding msd results with other options, and both sets of results. */
    private static OldAndNew oldAndNew(SparkSession spark, Path dir, Path template) throws Exception {
        SyntheticArchive.write(io.ionflow.simulate.archive.Archive.at(template.toString()), RUNS.stream()
                .map(id -> new SyntheticArchive.RunSpec(id, 600, 0.0, SPECIES, 300, 0.02, 100, new double[] {0, 0, 0}, false,
                        id.hashCode(), 12.0)).toList(), 2);
        assertEquals(0, cli("msd", "--archive", template.toString(), "--max-lag-ps", "1").rc());
        Map<String, Outputs> old = state(spark, template);
        Path fresh = dir.resolve("fresh");
        copy(template, fresh);
        assertEquals(0, cli("msd", "--archive", fresh.toString()).rc());
        Map<String, Outputs> neu = state(spark, fresh);
        for (String id : RUNS) {
            for (int k = 0; k < 3; k++) {
                assertNotEquals(old.get(id).each().get(k), neu.get(id).each().get(k), "old and new output " + k + " of " + id);
            }
        }
        return new OldAndNew(old, neu);
    }

    /** Each run's analysis/msd rows, analysis/diffusion msd rows and report/diffusion.csv lines. */
    private static Map<String, Outputs> state(SparkSession spark, Path archive) throws Exception {
        Map<String, List<String>> msd = byRun(spark, archive.resolve("analysis/msd"), null);
        Map<String, List<String>> diff = byRun(spark, archive.resolve("analysis/diffusion"), "method = 'msd'");
        Map<String, List<String>> csv = csvByRun(archive.resolve("report/diffusion.csv"));
        Map<String, Outputs> out = new TreeMap<>();
        for (String id : RUNS) {
            out.put(id, new Outputs(List.of(msd.getOrDefault(id, List.of()), diff.getOrDefault(id, List.of()),
                    csv.getOrDefault(id, List.of()))));
        }
        return out;
    }
}
