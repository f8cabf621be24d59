package io.ionflow.jobs;

import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.jobs.msd.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk fills while {@code fit} writes {@code analysis/fits} and while {@code report} writes {@code report/}, each
 * over the outputs of an earlier run: one line saying so and naming the file, exit code 3, and every file of the
 * archive (hidden ones too: nothing is left behind) the earlier run's, byte for byte; once there is space again both
 * jobs publish.
 */
class FitReportDiskFullTest {
    @Test
    void aFullDiskWhileFittingOrReportingKeepsThePublishedOutputs(@TempDir Path dir) throws Exception {
        Path local = dir.resolve("a");
        SyntheticRuns.write(local.toString(), SyntheticRuns.runs(new double[] {500, 600, 700}, 1, 300, 100, false));
        String archive = "fullfs://" + local.toAbsolutePath();
        for (String job : List.of("msd", "fit", "report")) {
            JobTestSupport.Run r = JobTestSupport.cli(job, "--archive", archive);
            assertEquals(0, r.rc(), job + ": " + r.out() + r.err());
        }
        Map<String, byte[]> before = files(local);
        assertTrue(before.containsKey("report/index.html") && before.keySet().stream()
                .anyMatch(k -> k.startsWith("analysis/fits/parameters/")), before.keySet().toString());

        String[] fit = {"fit", "--archive", archive, "--extrapolate-k", "350"};
        String[] report = {"report", "--archive", archive};
        for (Object[] c : new Object[][] {{"/analysis/fits/", fit}, {"/report/", fit}, {"/report/", report}}) {
            String under = (String) c[0];
            String[] args = (String[]) c[1];
            String what = args[0] + " with no space under " + under;
            JobTestSupport.Run failed = whileFull(under, args);
            assertEquals(3, failed.rc(), what + ": " + failed.out() + failed.err());
            List<String> lines = failed.err().lines().filter(l -> l.contains("no space left on device")).toList();
            assertEquals(1, lines.size(), failed.err());
            assertTrue(lines.get(0).startsWith("ionflow " + args[0] + ": I/O error: no space left on device (could not write ")
                    && lines.get(0).contains(local.toAbsolutePath() + under.substring(0, under.length() - 1)), what + ": one line naming the file: "
                    + lines.get(0));
            assertSameFiles(before, files(local), what);
        }

        assertEquals(0, JobTestSupport.cli("fit", "--archive", archive, "--extrapolate-k", "350").rc());
        assertEquals(0, JobTestSupport.cli("report", "--archive", archive).rc());
        Map<String, byte[]> after = files(local);
        assertTrue(new String(after.get("report/fits.csv")).contains("D_350K_cm2_s"), "the new fit is published");
        assertFalse(after.keySet().stream().anyMatch(k -> k.contains("pending-") || k.contains(".staging-")
                || k.contains(".old-") || k.contains(".publishing-")), after.keySet().toString());
    }

    /** The command with every file created under a path containing {@code under} refused for want of space. */
    private static JobTestSupport.Run whileFull(String under, String... args) {
        String was = FullDiskFileSystem.under;
        FullDiskFileSystem.under = under;
        FullDiskFileSystem.full = true;
        try {
            return JobTestSupport.cli(args);
        } finally {
            FullDiskFileSystem.full = false;
            FullDiskFileSystem.under = was;
        }
    }

    /** Every file of the archive but its frames and lock, hidden or not, by relative path. */
    private static Map<String, byte[]> files(Path root) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (!rel.startsWith("frames/") && !rel.equals(".ionflow.lock") && !rel.endsWith(".crc")) {
                    out.put(rel, Files.readAllBytes(f));
                }
            }
        }
        return out;
    }

    private static void assertSameFiles(Map<String, byte[]> want, Map<String, byte[]> got, String what) {
        assertEquals(want.keySet(), got.keySet(), what + ": the same files, none left behind");
        for (String k : want.keySet()) assertTrue(Arrays.equals(want.get(k), got.get(k)), what + ": " + k + " unchanged");
    }
}
