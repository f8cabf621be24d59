package io.ionflow.jobs.bench;

import io.ionflow.jobs.Main;
import io.ionflow.simulate.archive.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `bench archive` end to end at a tiny size: child JVMs for scan, msd and the kernel alone at 1 and 2 cores, the table, the D check. */
class BenchArchiveTest {

    @Test
    void tinyBenchPrintsTheTableAndRecoversD(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("work");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            rc = Main.execute("bench", "archive", "--runs", "2", "--atoms", "16", "--frames", "200",
                    "--frames-per-shard", "100", "--rounds", "2", "--child-jvm-opt", "-Xmx512m",
                    // start-up dominates at this size: C1 only and the serial collector make the four children faster
                    "--child-jvm-opt", "-XX:TieredStopAtLevel=1", "--child-jvm-opt", "-XX:+UseSerialGC", "--dir", work.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(0, rc, out);
        for (String field : new String[] {"| atom-frames | 6.40e+03 |", "| bytes on disk (frames/) |", "| bytes/atom-frame |",
                "with velocities: ", "| write time |", "| quantity | 1 core | 2 cores | speed-up 2 vs 1 |",
                "| scan s (count + sum(x+y+z)) |", "| scan atom-frames/s |", "| msd job s |", "| msd job atom-frames/s |",
                "| msd process s", "| msd process CPU s |", "| scan process CPU s", "| msd load average |",
                "| msd / scan (median of the rounds' ratios) |", "| kernel alone s (2 runs in memory, one per core, no Spark) |", "msd steps, 2 core(s), round 2: ", "2 round(s), medians",
                "| msd job s, warm (the second job in the child's JVM) |", "msd steps, warm, 2 core(s), round 2: ",
                "bench archive: OK"}) {
            assertTrue(out.contains(field), "missing `" + field + "` in:\n" + out);
        }
        assertTrue(out.contains("D check: PASS (1 core(s): 2 of 2 Ag runs"), out);
        assertTrue(out.contains("D check: PASS (2 core(s): 2 of 2 Ag runs"), out);
        assertFalse(out.contains("failed |"), out);
        assertFalse(out.contains("| msd process CPU s | 0.0 |"), "child CPU time is sampled: " + out);
        assertFalse(Files.exists(work.resolve("archive")), "the archive is deleted without --keep");
    }

    @Test
    void theDCheckFailsOnAWrongResult(@TempDir Path dir) throws Exception {
        Archive a = Archive.at(dir.resolve("a").toString());
        Files.createDirectories(dir.resolve("a/report"));
        String truth = "run_id,species,d_cm2_s\nsyn_r000,Ag,1.5e-05\nsyn_r000,Te,0\nsyn_r001,Ag,1.875e-05\nsyn_r001,Te,0\n";
        String head = "run_id,species,method,d_cm2_s,d_err_cm2_s,fit_start_ps,fit_end_ps\n";
        Files.writeString(dir.resolve("a/report/diffusion.csv"), head
                + "syn_r000,Ag,msd,1.52e-05,2e-07,1,10\nsyn_r001,Ag,msd,1.88e-05,3e-07,1,10\n");
        assertTrue(ArchiveBench.checkD(a, truth, 1).startsWith("D check: PASS"), ArchiveBench.checkD(a, truth, 1));
        Files.writeString(dir.resolve("a/report/diffusion.csv"), head
                + "syn_r000,Ag,msd,1.52e-05,2e-07,1,10\nsyn_r001,Ag,msd,2.5e-05,3e-07,1,10\n");
        assertTrue(ArchiveBench.checkD(a, truth, 1).startsWith("D check: FAIL"), ArchiveBench.checkD(a, truth, 1));
        Files.writeString(dir.resolve("a/report/diffusion.csv"), head + "syn_r000,Ag,msd,1.52e-05,2e-07,1,10\n");
        assertTrue(ArchiveBench.checkD(a, truth, 1).startsWith("D check: FAIL"), "a missing run fails the check");
    }
}
