package io.ionflow.simulate.archive;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second process for {@link ArchiveLockRaceTest}: takes an archive's lock and says on its standard output what
 * happened ({@code HELD}, or {@code BUSY} and the message). With a go-file argument it stops before deleting a stale
 * lock, says {@code PAUSED}, and goes on once that file exists, so that another process can contend meanwhile.
 */
final class LockContender {
    private LockContender() {}

    public static void main(String[] args) throws Exception {
        Archive a = Archive.at(args[0]);
        if (args.length > 1) {
            Path go = Path.of(args[1]);
            ArchiveLock.beforeStaleDelete = () -> waitFor(go);
        }
        try (ArchiveLock l = ArchiveLock.acquire(a, "contender", System.out)) {
            System.out.println("HELD");
        } catch (ArchiveLock.BusyException e) {
            System.out.println("BUSY " + e.getMessage());
        }
        System.out.flush();
    }

    private static void waitFor(Path go) {
        System.out.println("PAUSED");
        System.out.flush();
        long until = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(go) && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
