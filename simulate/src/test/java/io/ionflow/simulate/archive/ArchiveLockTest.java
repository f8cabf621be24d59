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
        foreignLock(root, pid, host, "");
    }

    /** A lock written by another process; {@code extra} adds lines (e.g. its start time). */
    static void foreignLock(Path root, long pid, String host, String extra) throws Exception {
        Files.createDirectories(root);
        Files.writeString(root.resolve(ArchiveLock.FILE), "command=simulate\npid=" + pid + "\nhost=" + host
                + "\nsince=2026-12-06T03:00:00Z\ntoken=other\n" + extra);
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

    @Test
    void aLockRecordsItsProcessStartTime(@TempDir Path dir) throws Exception {
        Archive a = Archive.at(dir.resolve("a").toString());
        try (ArchiveLock l = ArchiveLock.acquire(a, "msd", null)) {
            String text = Files.readString(dir.resolve("a").resolve(ArchiveLock.FILE));
            assertTrue(text.contains("started=" + ProcessHandle.current().info().startInstant().orElseThrow()), text);
        }
    }

    @Test
    void aLiveProcessThatReusedTheHoldersIdIsNotTheHolder(@TempDir Path dir) throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path root = dir.resolve("a");
            Archive a = Archive.at(root.toString());
            String started = other.info().startInstant().orElseThrow().toString();
            foreignLock(root, other.pid(), host(), "started=" + started + "\n");
            assertThrows(ArchiveLock.BusyException.class, () -> ArchiveLock.acquire(a, "msd", null),
                    "the process that wrote the lock still runs");

            foreignLock(root, other.pid(), host(), "started=2026-12-01T00:00:00Z\n");
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            try (ArchiveLock l = ArchiveLock.acquire(a, "msd", new PrintStream(said, true, StandardCharsets.UTF_8))) {
                assertTrue(said.toString(StandardCharsets.UTF_8).contains("taking over"), said.toString(StandardCharsets.UTF_8));
            }
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aLockNamingThisProcessThatItDoesNotHoldIsAnEarlierProcesses(@TempDir Path dir) throws Exception {
        // a restarted container: the new process has the killed one's id, and the same host name
        Path root = dir.resolve("a");
        foreignLock(root, ProcessHandle.current().pid(), host(), "started=2026-12-01T00:00:00Z\n");
        Archive a = Archive.at(root.toString());
        try (ArchiveLock l = ArchiveLock.acquire(a, "simulate", null)) {
            assertTrue(Files.readString(root.resolve(ArchiveLock.FILE)).contains("command=simulate\n")
                    && !Files.readString(root.resolve(ArchiveLock.FILE)).contains("token=other"));
        }
        assertFalse(Files.exists(root.resolve(ArchiveLock.FILE)));
    }

    @Test
    void aTakeOverLeftByAKilledProcessIsClearedAndOneByALiveOneRefuses(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path root = dir.resolve("a");
        Archive a = Archive.at(root.toString());
        Path takeover = root.resolve(ArchiveLock.FILE + ArchiveLock.TAKEOVER);
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            foreignLock(root, gone.pid(), host());
            Files.writeString(takeover, "command=msd\npid=" + other.pid() + "\nhost=" + host() + "\ntoken=t\n");
            ArchiveLock.BusyException e = assertThrows(ArchiveLock.BusyException.class, () -> ArchiveLock.acquire(a, "fit", null));
            assertTrue(e.getMessage().contains("(process " + other.pid() + " on " + host() + ") is taking over")
                    && e.getMessage().contains(takeover.getFileName().toString()), e.getMessage());
            assertTrue(Files.readString(root.resolve(ArchiveLock.FILE)).contains("token=other"), "left to the taker");
        } finally {
            other.destroyForcibly().waitFor();
        }
        Files.writeString(takeover, "command=msd\npid=" + gone.pid() + "\nhost=" + host() + "\ntoken=t\n");
        try (ArchiveLock l = ArchiveLock.acquire(a, "fit", null)) {
            assertTrue(Files.readString(root.resolve(ArchiveLock.FILE)).contains("command=fit"));
            assertFalse(Files.exists(takeover));
        }
    }

    @Test
    void anEmptyLockIsAFailedWritesLeftoverOnceItIsAMinuteOld(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("a");
        Files.createDirectories(root);
        Path file = root.resolve(ArchiveLock.FILE);
        Files.writeString(file, "");
        Archive a = Archive.at(root.toString());
        assertThrows(ArchiveLock.BusyException.class, () -> ArchiveLock.acquire(a, "msd", null),
                "a lock just created may be being written");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - ArchiveLock.UNFILLED_MS - 5_000));
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (ArchiveLock l = ArchiveLock.acquire(a, "msd", new PrintStream(said, true, StandardCharsets.UTF_8))) {
            assertTrue(said.toString(StandardCharsets.UTF_8).contains("it names no process"), said.toString(StandardCharsets.UTF_8));
            assertTrue(Files.readString(file).contains("command=msd"));
        }
    }
}
