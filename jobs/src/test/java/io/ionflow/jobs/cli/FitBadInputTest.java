package io.ionflow.jobs.cli;

import io.ionflow.jobs.SharedSpark;
import io.ionflow.jobs.msd.JobTestSupport;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fit} on malformed inputs: a non-number in report/diffusion.csv or report/modes.csv, and an unreadable
 * file in analysis/modes, each give exit code 2 and one line naming the file (and the run where there is one),
 * without a stack trace; the same archive with the input repaired fits (exit 0), so the failures come from the
 * damage alone.
 */
class FitBadInputTest {

    @Test
    void malformedInputsAreNamedInOneLine(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        Path archive = dir.resolve("a");
        SyntheticArchive.write(spark, archive, true);
        String bad = SyntheticArchive.runId(600, 0.05);

        // report/diffusion.csv alone (no analysis/diffusion), one D that is not a number
        List<String> csv = new ArrayList<>(List.of("run_id,species,method,d_cm2_s,d_err_cm2_s,fit_start_ps,fit_end_ps"));
        for (Row r : spark.read().parquet(archive.resolve("analysis/diffusion").toString()).orderBy("run_id", "species", "method")
                .collectAsList()) {
            csv.add(String.join(",", r.<String>getAs("run_id"), r.getAs("species"), r.getAs("method"),
                    r.getAs("d_cm2_s").toString(), r.getAs("d_err_cm2_s").toString(), "1", "10"));
        }
        deleteTree(archive.resolve("analysis/diffusion"));
        Path diffCsv = archive.resolve("report/diffusion.csv");
        Files.write(diffCsv, csv);
        JobTestSupport.Run ok = cli("fit", "--archive", archive.toString(), "--species", "Ag");
        assertEquals(0, ok.rc(), "the intact CSV fits: " + ok.out() + ok.err());

        List<String> broken = new ArrayList<>(csv);
        int row = indexOf(broken, bad + ",Ag,msd,");
        String[] f = broken.get(row).split(",");
        f[3] = "1.2e-5x";
        broken.set(row, String.join(",", f));
        Files.write(diffCsv, broken);
        JobTestSupport.Run r = cli("fit", "--archive", archive.toString(), "--species", "Ag");
        assertEquals(ExitCodes.BAD_INPUT, r.rc(), r.out() + r.err());
        assertOneLine(r, "report/diffusion.csv", bad, "d_cm2_s '1.2e-5x' is not a number");
        Files.write(diffCsv, csv);

        // report/modes.csv with an f_u that is not a number
        Path modesCsv = archive.resolve("report/modes.csv");
        List<String> modes = Files.readAllLines(modesCsv);
        List<String> brokenModes = new ArrayList<>(modes);
        int m = indexOf(brokenModes, bad + ",");
        String[] g = brokenModes.get(m).split(",");
        g[3] = "n/a";
        brokenModes.set(m, String.join(",", g));
        Files.write(modesCsv, brokenModes);
        JobTestSupport.Run rm = cli("fit", "--archive", archive.toString(), "--species", "Ag");
        assertEquals(ExitCodes.BAD_INPUT, rm.rc(), rm.out() + rm.err());
        assertOneLine(rm, "report/modes.csv", bad, "f_u 'n/a' is not a number");
        Files.delete(modesCsv);

        // analysis/modes with a part file that is not Parquet
        Path part = archive.resolve("analysis/modes/run_id=" + bad + "/part-00000.parquet");
        Files.createDirectories(part.getParent());
        Files.writeString(part, "not parquet");
        JobTestSupport.Run pm = cli("fit", "--archive", archive.toString(), "--species", "Ag");
        assertEquals(ExitCodes.BAD_INPUT, pm.rc(), pm.out() + pm.err());
        assertOneLine(pm, "analysis/modes", "", "analysis/modes");
    }

    private static void assertOneLine(JobTestSupport.Run r, String file, String run, String problem) {
        List<String> lines = r.err().lines().filter(l -> l.startsWith("ionflow fit:")).toList();
        assertEquals(1, lines.size(), r.err());
        String l = lines.get(0);
        assertTrue(l.contains(file) && l.contains(run) && l.contains(problem), l);
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), "no stack trace: " + r.err());
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) return i;
        }
        throw new AssertionError("no line " + prefix + " in " + lines);
    }

    static void deleteTree(Path p) throws Exception {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
