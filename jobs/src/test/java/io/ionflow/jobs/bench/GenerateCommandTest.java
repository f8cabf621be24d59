package io.ionflow.jobs.bench;

import io.ionflow.jobs.Main;
import io.ionflow.jobs.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `generate` writes an archive whose known D the `msd` job recovers within its error bars. */
class GenerateCommandTest {

    @Test
    void msdRecoversTheGeneratedDiffusionCoefficients(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        String archive = dir.resolve("syn").toString();
        assertEquals(0, Main.execute("generate", "--archive", archive, "--runs", "2", "--atoms", "120", "--frames", "1500"));
        Map<String, Double> truth = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("syn/report/generated_truth.csv")).subList(1, 5)) {
            String[] f = line.split(",");
            truth.put(f[0] + "/" + f[1], Double.parseDouble(f[2]));
        }
        assertEquals(0, Main.execute("msd", "--archive", archive));
        List<String> rows = Files.readAllLines(dir.resolve("syn/report/diffusion.csv"));
        int checked = 0;
        for (String line : rows.subList(1, rows.size())) {
            String[] f = line.split(",");
            if (!f[2].equals("msd") || !f[1].equals("Ag")) continue;
            double d = Double.parseDouble(f[3]), err = Double.parseDouble(f[4]), t = truth.get(f[0] + "/Ag");
            assertTrue(Math.abs(d - t) < 5 * err + 0.05 * t, f[0] + ": D = " + d + " ± " + err + ", truth " + t);
            checked++;
        }
        assertEquals(2, checked);
    }

    @Test
    void aSizeBeyondMemoryIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        String archive = dir.resolve("big").toString();
        io.ionflow.jobs.msd.JobTestSupport.Run r = io.ionflow.jobs.msd.JobTestSupport.cli("generate", "--archive",
                archive, "--atoms", "2000000000", "--frames", "1");
        assertEquals(2, r.rc(), r.err());
        r = io.ionflow.jobs.msd.JobTestSupport.cli("generate", "--archive", archive, "--atoms", "2000000000",
                "--frames", "2");
        assertEquals(2, r.rc(), r.err());
        assertTrue(r.err().contains("atom-frames per run"), r.err());
        r = io.ionflow.jobs.msd.JobTestSupport.cli("generate", "--archive", archive, "--atoms", "1000000000",
                "--frames", "2");
        assertEquals(2, r.rc(), r.err());
        assertTrue(r.err().contains("GB of memory"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(!Files.exists(dir.resolve("big")), "nothing written");
    }
}
