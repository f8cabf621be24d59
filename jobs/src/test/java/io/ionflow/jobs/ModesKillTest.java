package io.ionflow.jobs;

import io.ionflow.jobs.KilledJobs.Outputs;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.ionflow.jobs.KilledJobs.byRun;
import static io.ionflow.jobs.KilledJobs.copy;
import static io.ionflow.jobs.KilledJobs.csvByRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Kill -9 a real {@code modes} process (a child JVM) at seeded random moments of its write phase, on a simulated
 * archive that already holds the results of an earlier modes run with other options: afterwards every run's
 * {@code analysis/modes} partition, its {@code analysis/inm_dos} partition and its {@code report/modes.csv} row are each
 * entirely the old result or entirely the new one (a snapshot row compared without its wall time, {@code seconds});
 * after the recovery every IonFlow job does first each run is old in all three or new in all three; and a re-run
 * completes with the new results everywhere and no hidden leftovers.
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
        Map<String, Outputs> old = state(spark, template, runs);
        Path fresh = dir.resolve("fresh");
        copy(template, fresh);
        assertEquals(0, Main.execute(modes(fresh, NEW)));
        Map<String, Outputs> neu = state(spark, fresh, runs);
        for (String id : runs) {
            for (int k = 0; k < 3; k++) {
                assertNotEquals(old.get(id).each().get(k), neu.get(id).each().get(k), "old and new output " + k + " of " + id);
            }
        }

        // three modes processes side by side, each killed at its own point
        List<KilledJobs.Child> children = KilledJobs.killThree(dir, template, "modes", 20261207L, a -> modes(a, NEW));
        KilledJobs.checkEach(children, runs, old, neu, a -> state(spark, a, runs));

        // a re-run repairs and completes: the new results everywhere, no hidden leftovers
        Path last = children.get(children.size() - 1).archive();
        assertEquals(0, Main.execute(modes(last, NEW)));
        assertEquals(neu, state(spark, last, runs));
        KilledJobs.assertNoLeftovers(last);
    }

    private static String[] modes(Path archive, String[] options) {
        List<String> args = new ArrayList<>(List.of("modes", "--archive", archive.toString()));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    /** Each run's analysis/modes rows (without the wall time), analysis/inm_dos rows and report/modes.csv line. */
    private static Map<String, Outputs> state(SparkSession spark, Path archive, List<String> runs) throws Exception {
        Map<String, List<String>> modes = byRun(spark, archive.resolve("analysis/modes"), null, "seconds");
        Map<String, List<String>> dos = byRun(spark, archive.resolve("analysis/inm_dos"), null);
        Map<String, List<String>> csv = csvByRun(archive.resolve("report/modes.csv"));
        Map<String, Outputs> out = new TreeMap<>();
        for (String id : runs) {
            out.put(id, new Outputs(List.of(modes.getOrDefault(id, List.of()), dos.getOrDefault(id, List.of()),
                    csv.getOrDefault(id, List.of()))));
        }
        return out;
    }
}
