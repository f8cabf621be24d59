package io.ionflow.jobs.cli;

import io.ionflow.jobs.Main;
import io.ionflow.jobs.SharedSpark;
import io.ionflow.jobs.TestConf;
import io.ionflow.jobs.msd.JobTestSupport;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code modes} on bad input: a truncated shard in one run (that run named with its file, the other analysed,
 * exit 1), an unknown run id, no runs table and a runs table that is not Parquet (exit 2); one line each and no
 * stack trace.
 */
class ModesBadInputTest {

    @Test
    void badInputIsNamedInOneLine(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        Path campaign = dir.resolve("c.json");
        Files.writeString(campaign, Files.readString(TestConf.tinyCampaign(dir))
                .replace("\"temperatures_k\": [500, 700]", "\"temperatures_k\": [700]")
                .replace("\"production_ps\": 1.6", "\"production_ps\": 0.8"));
        Path archive = dir.resolve("a");
        assertEquals(0, Main.execute("simulate", "--campaign", campaign.toString(), "--archive", archive.toString()));
        List<String> runs;
        try (var s = Files.list(archive.resolve("frames"))) {
            runs = s.map(p -> p.getFileName().toString().substring("run_id=".length())).sorted().toList();
        }
        assertEquals(2, runs.size(), runs.toString());
        String good = runs.get(0);
        String broken = runs.get(1);
        Path shard = archive.resolve("frames/run_id=" + broken + "/part-00000.parquet");
        byte[] b = Files.readAllBytes(shard);
        Files.write(shard, Arrays.copyOf(b, (int) (b.length * 0.6)));

        JobTestSupport.Run r = cli("modes", "--archive", archive.toString(), "--every", "5", "--max-snapshots", "1",
                "--lag-ps", "0.08");
        assertEquals(ExitCodes.PARTIAL_FAILURE, r.rc(), r.out() + r.err());
        List<String> failed = r.err().lines().filter(l -> l.startsWith("modes: FAILED run")).toList();
        assertEquals(1, failed.size(), r.err());
        assertTrue(failed.get(0).contains(broken) && failed.get(0).contains("run_id=" + broken + "/part-00000.parquet")
                && failed.get(0).contains("cannot be read"), failed.get(0));
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), "no stack trace: " + r.err());
        Set<String> analysed = new TreeSet<>();
        for (Row row : SharedSpark.session().read().parquet(archive.resolve("analysis/modes").toString()).select("run_id")
                .collectAsList()) {
            analysed.add(row.getString(0));
        }
        assertEquals(Set.of(good), analysed);
        List<String> csv = Files.readAllLines(archive.resolve("report/modes.csv"));
        assertEquals(2, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith(good + ","), csv.toString());

        // the same shard at 0 bytes (Spark would skip it without a word): named as such
        Files.write(shard, new byte[0]);
        JobTestSupport.Run z = cli("modes", "--archive", archive.toString(), "--every", "5", "--max-snapshots", "1",
                "--lag-ps", "0.08");
        assertEquals(ExitCodes.PARTIAL_FAILURE, z.rc(), z.out() + z.err());
        assertTrue(z.err().contains("modes: FAILED run " + broken + ": file ") && z.err().contains("run_id=" + broken
                + "/part-00000.parquet is empty (0 bytes)"), z.err());

        JobTestSupport.Run unknown = cli("modes", "--archive", archive.toString(), "--runs", "run_id = 'nope'");
        assertEquals(ExitCodes.BAD_INPUT, unknown.rc(), unknown.err());
        assertOneLine(unknown, "no run in", "matches --runs \"run_id = 'nope'\"");

        Path noRuns = dir.resolve("no-runs");
        Files.createDirectories(noRuns.resolve("frames"));
        JobTestSupport.Run nr = cli("modes", "--archive", noRuns.toString());
        assertEquals(ExitCodes.BAD_INPUT, nr.rc(), nr.err());
        assertOneLine(nr, noRuns.getFileName().toString(), "no runs/ table");

        Path badRuns = dir.resolve("bad-runs");
        Files.createDirectories(badRuns.resolve("runs"));
        Files.writeString(badRuns.resolve("runs/r.parquet"), "not parquet");
        JobTestSupport.Run br = cli("modes", "--archive", badRuns.toString());
        assertEquals(ExitCodes.BAD_INPUT, br.rc(), br.err());
        assertOneLine(br, "bad-runs/runs", "cannot read the runs table");
    }

    private static void assertOneLine(JobTestSupport.Run r, String what, String problem) {
        List<String> lines = r.err().lines().filter(l -> l.startsWith("ionflow modes:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(what) && lines.get(0).contains(problem), lines.get(0));
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
