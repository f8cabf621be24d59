package io.ionflow.jobs.cli;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ArchiveLock;
import io.ionflow.simulate.archive.RunReplacement;

import java.io.IOException;
import java.util.concurrent.Callable;

/** The archive lock ({@link ArchiveLock}) around one command. */
public final class Locks {
    private Locks() {}

    /**
     * Takes the archive for the command, then finishes any run replacement an interrupted ingest left decided
     * ({@link RunReplacement}). A command that does not create archives does not create one either:
     * for a location that does not exist or is not a directory it takes no lock and lets the command report it.
     *
     * @param location the archive option
     * @param command  the sub-command, for the line another process sees
     * @param creates  whether the command creates the archive when it is absent
     * @return the lock to close, or null
     * @throws ArchiveLock.BusyException naming the holder when another process writes the archive
     */
    public static ArchiveLock hold(String location, String command, boolean creates) throws IOException {
        if (location == null || location.isBlank()) {
            return null;
        }
        Archive a = Archive.at(location);
        if (!creates && !(a.fileSystem().exists(a.root()) && a.fileSystem().getFileStatus(a.root()).isDirectory())) {
            return null;
        }
        ArchiveLock lock = ArchiveLock.acquire(a, command, System.out);
        try {
            for (String run : RunReplacement.recover(a)) {
                System.out.println("ionflow: finished the replacement of run " + run + " that an interrupted ingest had"
                        + " decided (" + a.root() + ")");
            }
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /** Runs a command's {@code body} while it holds the archive ({@link #hold}); the lock is released however it ends. */
    public static Integer whileHolding(String location, String command, boolean creates, Callable<Integer> body)
            throws Exception {
        try (ArchiveLock lock = hold(location, command, creates)) {
            return body.call();
        }
    }
}
