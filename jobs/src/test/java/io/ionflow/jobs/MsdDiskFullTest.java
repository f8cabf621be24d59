package io.ionflow.jobs;

import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.jobs.msd.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk fills while msd writes its tables over the results of an earlier msd run: one line saying so and naming the
 * file, exit code 3, and every visible file of analysis/ and report/ still the earlier run's, byte for byte; once there
 * is space again a re-run publishes exactly what a run on an untouched copy publishes, with no hidden leftovers.
 */
class MsdDiskFullTest {
    @Test
    void aFullDiskWhileWritingKeepsThePublishedResults(@TempDir Path dir) throws Exception {
        Path local = dir.resolve("a");
        SyntheticRuns.write(local.toString(), SyntheticRuns.runs(new double[] {500, 600}, 1, 300, 100, false));
        String archive = "fullfs://" + local.toAbsolutePath();
        assertEquals(0, JobTestSupport.cli("msd", "--archive", archive, "--max-lag-ps", "1").rc());
        Map<String, byte[]> before = visibleFiles(local);
        assertTrue(before.keySet().stream().anyMatch(k -> k.startsWith("analysis/msd/")), before.keySet().toString());
        Path copy = dir.resolve("copy");
        KilledJobs.copy(local, copy);

        FullDiskFileSystem.full = true;
        JobTestSupport.Run failed;
        try {
            failed = JobTestSupport.cli("msd", "--archive", archive);
        } finally {
            FullDiskFileSystem.full = false;
        }
        assertEquals(3, failed.rc(), failed.out() + failed.err());
        List<String> lines = failed.err().lines().filter(l -> l.contains("no space left on device")).toList();
        assertEquals(1, lines.size(), failed.err());
        assertTrue(lines.get(0).contains("results already published are kept") && lines.get(0).contains("/analysis/"),
                "one line naming the file being written: " + lines.get(0));
        assertSameFiles(before, visibleFiles(local));

        assertEquals(0, JobTestSupport.cli("msd", "--archive", archive).rc());
        assertEquals(0, JobTestSupport.cli("msd", "--archive", copy.toString()).rc());
        Map<String, byte[]> after = visibleFiles(local), reference = visibleFiles(copy);
        assertNotEquals(before.get("report/diffusion.csv").length, 0);
        assertTrue(!java.util.Arrays.equals(before.get("report/diffusion.csv"), after.get("report/diffusion.csv")),
                "the re-run published the new options' results");
        assertEquals(new String(reference.get("report/diffusion.csv")), new String(after.get("report/diffusion.csv")));
        assertEquals(JobTestSupport.table(SharedSpark.session(), copy.resolve("analysis/msd").toString()),
                JobTestSupport.table(SharedSpark.session(), local.resolve("analysis/msd").toString()));
        try (Stream<Path> files = Files.walk(local.resolve("analysis"))) {
            assertTrue(files.map(f -> f.getFileName().toString()).noneMatch(x -> x.contains(".old-") || x.startsWith(".staging-")
                    || x.startsWith(".spark-staging")), "no leftovers after the re-run");
        }
    }

    /** Every file under analysis/ and report/ whose path has no hidden (".", "_") component, by relative path. */
    private static Map<String, byte[]> visibleFiles(Path root) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        for (String top : new String[] {"analysis", "report"}) {
            if (!Files.isDirectory(root.resolve(top))) continue;
            try (Stream<Path> files = Files.walk(root.resolve(top))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path rel = root.relativize(f);
                    boolean hidden = false;
                    for (Path c : rel) hidden |= c.toString().startsWith(".") || c.toString().startsWith("_");
                    if (!hidden) out.put(rel.toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
        }
        return out;
    }

    private static void assertSameFiles(Map<String, byte[]> want, Map<String, byte[]> got) {
        assertEquals(want.keySet(), got.keySet(), "the same visible files");
        for (String k : want.keySet()) assertTrue(java.util.Arrays.equals(want.get(k), got.get(k)), k + " unchanged");
    }
}
