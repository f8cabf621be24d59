package io.ionflow.jobs.cli;

import io.ionflow.jobs.FullDiskFileSystem;
import io.ionflow.jobs.SharedSpark;
import io.ionflow.jobs.msd.JobTestSupport;
import io.ionflow.jobs.msd.SyntheticRuns;
import io.ionflow.simulate.archive.ArchiveLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.ionflow.jobs.msd.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two IonFlow processes on one archive: while another live process holds it, a writing command refuses at once with
 * one line naming the holder (exit 3) and writes nothing; once that process is gone (killed), the next command takes
 * the stale lock over, says so, and works.
 */
class ArchiveLockCliTest {

    @Test
    void aSecondWriterRefusesThenTakesOverAStaleLock(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        String archive = dir.resolve("a").toString();
        SyntheticRuns.write(archive, SyntheticRuns.runs(new double[] {500}, 2, 100, 20, false));
        Process holder = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(dir.resolve("a").resolve(ArchiveLock.FILE), "command=simulate\npid=" + holder.pid() + "\nhost="
                    + java.net.InetAddress.getLocalHost().getHostName() + "\nsince=2026-12-06T04:00:00Z\ntoken=t\n");
            for (String cmd : new String[] {"msd", "fit", "report"}) {
                JobTestSupport.Run r = cli(cmd, "--archive", archive);
                assertEquals(3, r.rc(), r.out() + r.err());
                assertTrue(r.err().contains("I/O error: archive ") && r.err().contains("is in use by ionflow simulate (process "
                        + holder.pid()), r.err());
                assertTrue(r.err().strip().lines().count() <= 2 && !r.err().contains("\tat "),
                        "one line (and the --verbose hint), no stack trace: " + r.err());
            }
            assertFalse(Files.exists(dir.resolve("a/analysis")), "nothing written");
            assertFalse(Files.exists(dir.resolve("a/report")), "nothing written");
        } finally {
            holder.destroyForcibly().waitFor(); // like kill -9: its lock stays behind
        }
        JobTestSupport.Run r = cli("msd", "--archive", archive, "--progress-seconds", "1000");
        assertEquals(0, r.rc(), r.out() + r.err());
        assertTrue(r.out().contains("taking over") && r.out().contains("is gone"), r.out());
        assertFalse(Files.exists(dir.resolve("a").resolve(ArchiveLock.FILE)), "released after the job");
    }

    /**
     * A full disk when the lock is written: one line saying so, naming the lock file (exit 3), and no empty lock left
     * behind that would name nobody and refuse every later command.
     */
    @Test
    void aFullDiskWhenTakingTheLockLeavesNoLock(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        Path local = dir.resolve("a");
        SyntheticRuns.write(local.toString(), SyntheticRuns.runs(new double[] {500}, 1, 100, 20, false));
        String archive = "fullfs://" + local.toAbsolutePath();
        String was = FullDiskFileSystem.under;
        FullDiskFileSystem.under = "/" + ArchiveLock.FILE;
        FullDiskFileSystem.full = true;
        JobTestSupport.Run r;
        try {
            r = cli("msd", "--archive", archive);
        } finally {
            FullDiskFileSystem.full = false;
            FullDiskFileSystem.under = was;
        }
        assertEquals(3, r.rc(), r.out() + r.err());
        assertTrue(r.err().contains("I/O error: no space left on device (could not write the archive lock ")
                && r.err().contains(local.toAbsolutePath() + "/" + ArchiveLock.FILE), r.err());
        assertFalse(r.err().contains("in use by"), r.err());
        assertFalse(Files.exists(local.resolve(ArchiveLock.FILE)), "no empty lock left");
        assertFalse(Files.exists(local.resolve("analysis")), "nothing written");
        JobTestSupport.Run again = cli("msd", "--archive", archive, "--progress-seconds", "1000");
        assertEquals(0, again.rc(), again.out() + again.err());
    }
}
