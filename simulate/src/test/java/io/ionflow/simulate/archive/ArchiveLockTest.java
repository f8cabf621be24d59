package io.ionflow.simulate.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One writer per archive: a live holder is named and refused, a dead one on this host taken over, the lock re-entrant. */
class ArchiveLockTest {

    static String host() throws Exception {
        return java.net.InetAddress.getLocalHost().getHostName();
    }

    static void foreignLock(Path root, long pid, String host) throws Exception {
        Files.createDirectories(root);
        Files.writeString(root.resolve(ArchiveLock.FILE), "command=simulate\npid=" + pid + "\nhost=" + host
                + "\nsince=2026-12-06T03:00:00Z\ntoken=other\n");
    }

    @Test
    void heldReentrantAndReleased(@TempDir Path dir) throws Exception {
        Archive a = Archive.at(dir.resolve("a").toString());
        Path file = dir.resolve("a").resolve(ArchiveLock.FILE);
        try (ArchiveLock outer = ArchiveLock.acquire(a, "demo", null)) {
            assertTrue(Files.exists(file));
            Map<String, String> m = ArchiveLock.read(a.fileSystem(), new org.apache.hadoop.fs.Path(a.root(), ArchiveLock.FILE));
            assertEquals(Long.toString(ProcessHandle.current().pid()), m.get("pid"));
            assertEquals("demo", m.get("command"));
            try (ArchiveLock inner = ArchiveLock.acquire(a, "msd", null)) {
                assertTrue(ArchiveLock.heldHere(a));
            }
            assertTrue(Files.exists(file), "the outer user still holds it");
        }
        assertFalse(Files.exists(file), "released");
        assertFalse(ArchiveLock.heldHere(a));
    }

    @Test
    void aLiveHolderIsNamedAndRefused(@TempDir Path dir) throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            foreignLock(dir.resolve("a"), other.pid(), host());
            Archive a = Archive.at(dir.resolve("a").toString());
            ArchiveLock.BusyException e = assertThrows(ArchiveLock.BusyException.class, () -> ArchiveLock.acquire(a, "msd", null));
            assertTrue(e.getMessage().contains("is in use by ionflow simulate (process " + other.pid() + " on " + host()
                    + " since 2026-12-06T03:00:00Z)"), e.getMessage());
            assertTrue(e.getMessage().contains(ArchiveLock.FILE), "says which file to delete: " + e.getMessage());
            assertTrue(Files.readString(dir.resolve("a").resolve(ArchiveLock.FILE)).contains("token=other"), "untouched");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aHolderOnAnotherHostIsNeverTakenOver(@TempDir Path dir) throws Exception {
        foreignLock(dir.resolve("a"), 1, "some-other-host.example");
        Archive a = Archive.at(dir.resolve("a").toString());
        assertThrows(ArchiveLock.BusyException.class, () -> ArchiveLock.acquire(a, "fit", null));
    }

    @Test
    void aDeadHolderOnThisHostIsTakenOver(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        foreignLock(dir.resolve("a"), gone.pid(), host());
        Archive a = Archive.at(dir.resolve("a").toString());
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (ArchiveLock l = ArchiveLock.acquire(a, "ingest", new PrintStream(said, true, StandardCharsets.UTF_8))) {
            assertTrue(said.toString(StandardCharsets.UTF_8).contains("taking over"), said.toString(StandardCharsets.UTF_8));
            assertTrue(Files.readString(dir.resolve("a").resolve(ArchiveLock.FILE)).contains("command=ingest"));
        }
    }
}
