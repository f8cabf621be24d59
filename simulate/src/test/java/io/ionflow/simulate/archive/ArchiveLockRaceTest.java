package io.ionflow.simulate.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two processes find the same stale lock (its holder was killed). The first stops just before deleting it; the second
 * comes meanwhile. Without a guard the second would take the lock over, and the first, resuming, would delete the
 * second's new lock and write its own: two writers. The second must refuse instead, and the first hold the archive.
 * The order is forced (the first waits for a file the test creates), so the outcome does not depend on timing.
 */
class ArchiveLockRaceTest {

    @Test
    void twoProcessesFindingOneStaleLockNeverBothHoldIt(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path root = dir.resolve("a");
        ArchiveLockTest.foreignLock(root, gone.pid(), ArchiveLockTest.host());
        Path go = dir.resolve("go");

        Process first = contender(root, go);
        try (BufferedReader firstOut = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> firstLines = new ArrayList<>();
            for (String line = firstOut.readLine(); line != null && !line.equals("PAUSED"); line = firstOut.readLine()) {
                firstLines.add(line);
            }
            assertTrue(first.isAlive(), "the first process stopped before deleting the stale lock: " + firstLines);

            Process second = contender(root, null);
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second process ended");
            String secondSaid = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(secondSaid.contains("BUSY") && secondSaid.contains("is taking over the lock of a process that is gone"),
                    "the second refuses while the first takes over: " + secondSaid);
            assertTrue(Files.readString(root.resolve(ArchiveLock.FILE)).contains("token=other"),
                    "the stale lock is still there for the first process");

            Files.createFile(go);
            assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the first process ended");
            for (String line = firstOut.readLine(); line != null; line = firstOut.readLine()) {
                firstLines.add(line);
            }
            assertEquals(0, first.exitValue());
            assertTrue(firstLines.contains("HELD"), "the first took the stale lock over: " + firstLines);
        } finally {
            first.destroyForcibly().waitFor();
        }
        assertFalse(Files.exists(root.resolve(ArchiveLock.FILE)), "released");
        assertFalse(Files.exists(root.resolve(ArchiveLock.FILE + ArchiveLock.TAKEOVER)), "no take-over file left");
    }

    private static Process contender(Path root, Path go) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockContender.class.getName(), root.toString()));
        if (go != null) {
            cmd.add(go.toString());
        }
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
