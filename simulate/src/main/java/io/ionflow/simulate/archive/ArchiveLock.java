package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One writer per archive: every IonFlow command that writes into an archive ({@code simulate},
 * {@code ingest}, {@code generate}, {@code msd}, {@code vacf}, {@code modes}, {@code fit}, {@code report})
 * holds {@code ARCHIVE/.ionflow.lock} while it runs. A second process refuses at once with one line naming
 * the holder (command, process id, host, since when); it never mixes its work with the holder's.
 *
 * <p>Why a lock and not optimistic commits: a run is written over minutes to hours as many shards, a
 * checkpoint and finally its runs row, and the analysis jobs publish several tables per run; making every
 * one of those steps a conflict-checked commit (an Iceberg or Delta table per part) would change the public
 * archive format that other tools read. One lock file keeps the format as it is.
 *
 * <p>Atomicity: the lock is created with "create only if absent" — {@code O_CREAT|O_EXCL} on a local
 * file system ({@code file:}), an HDFS create without overwrite (atomic in the NameNode). On object stores
 * ({@code s3a:}) a create is not exclusive: two processes started at the same instant could both believe
 * they hold the lock, so the README tells users not to share an s3a archive between concurrent writers.
 *
 * <p>Stale locks: a holder killed with {@code kill -9} leaves its lock behind. A process on the same host
 * whose id no longer runs is taken over (with a message); a holder on another host cannot be checked, and
 * the message says which file to delete once that process is known to be gone. Re-entrant within one JVM
 * (the {@code demo} and {@code pipeline} commands run several steps), released when the last user closes it
 * or the JVM exits.
 */
public final class ArchiveLock implements AutoCloseable {
    /** The lock file's name in the archive root. */
    public static final String FILE = ".ionflow.lock";

    private static final Map<String, ArchiveLock> HELD = new HashMap<>();
    private static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ArchiveLock::releaseAll, "ionflow-archive-locks"));
    }

    private final Archive archive;
    private final Path path;
    private final String token;
    private int users;

    /** Another process holds the archive. */
    public static final class BusyException extends IOException {
        private static final long serialVersionUID = 1L;

        BusyException(String message) {
            super(message);
        }
    }

    private ArchiveLock(Archive archive, Path path, String token) {
        this.archive = archive;
        this.path = path;
        this.token = token;
    }

    /**
     * Takes the archive for this process.
     *
     * @param archive the archive
     * @param command what this process does (for the holder line others see)
     * @param out     where a take-over of a stale lock is announced (null: nowhere)
     * @return the lock; close it when done
     * @throws BusyException naming the holder when another live process holds the archive
     * @throws IOException   when the lock file cannot be written
     */
    public static synchronized ArchiveLock acquire(Archive archive, String command, java.io.PrintStream out)
            throws IOException {
        String key = archive.root().toString();
        ArchiveLock held = HELD.get(key);
        if (held != null) {
            held.users++;
            return held;
        }
        FileSystem fs = archive.fileSystem();
        if (!fs.exists(archive.root())) {
            fs.mkdirs(archive.root());
        }
        Path p = new Path(archive.root(), FILE);
        String token = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            if (tryCreate(archive, p, content(command, token))) {
                ArchiveLock lock = new ArchiveLock(archive, p, token);
                lock.users = 1;
                HELD.put(key, lock);
                return lock;
            }
            Map<String, String> holder = read(fs, p);
            if (holder == null) {
                continue; // released between our create and our read: try again
            }
            if (!stale(holder)) {
                throw new BusyException(String.format("archive %s is in use by ionflow %s (process %s on %s since %s); wait for"
                        + " it to finish, or if that process no longer exists, delete %s", archive.root(),
                        holder.getOrDefault("command", "?"), holder.getOrDefault("pid", "?"), holder.getOrDefault("host", "?"),
                        holder.getOrDefault("since", "?"), p));
            }
            Map<String, String> again = read(fs, p);
            if (holder.equals(again)) {
                fs.delete(p, false);
                if (out != null) {
                    out.printf("ionflow: taking over %s: its holder, ionflow %s (process %s on %s since %s), is gone%n", p,
                            holder.get("command"), holder.get("pid"), holder.get("host"), holder.get("since"));
                }
            }
        }
        throw new BusyException("archive " + archive.root() + ": could not take " + p + " (another process took it at the"
                + " same moment); try again");
    }

    /** Releases one use; the last one deletes the lock file (if it is still ours). */
    @Override
    public synchronized void close() throws IOException {
        synchronized (ArchiveLock.class) {
            if (--users > 0) {
                return;
            }
            HELD.remove(archive.root().toString());
            Map<String, String> now = read(archive.fileSystem(), path);
            if (now != null && token.equals(now.get("token"))) {
                archive.fileSystem().delete(path, false);
            }
        }
    }

    /** Deletes every lock this JVM still holds (a JVM ending on a signal or an uncaught error). */
    private static synchronized void releaseAll() {
        for (ArchiveLock l : HELD.values()) {
            try {
                Map<String, String> now = read(l.archive.fileSystem(), l.path);
                if (now != null && l.token.equals(now.get("token"))) {
                    l.archive.fileSystem().delete(l.path, false);
                }
            } catch (IOException | RuntimeException e) {
                // the JVM is ending; a lock left behind is taken over as stale by the next process on this host
            }
        }
        HELD.clear();
    }

    /** @return true if a lock of this JVM is held on the archive */
    public static synchronized boolean heldHere(Archive archive) {
        return HELD.containsKey(archive.root().toString());
    }

    private static boolean tryCreate(Archive archive, Path p, byte[] body) throws IOException {
        FileSystem fs = archive.fileSystem();
        if ("file".equals(fs.getUri().getScheme())) {
            try {
                Files.write(java.nio.file.Path.of(p.toUri()), body, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        }
        try (FSDataOutputStream o = fs.create(p, false)) {
            o.write(body);
            o.hsync();
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(p)) {
                return false; // some file systems report "exists" as a plain IOException
            }
            throw e;
        }
    }

    private static byte[] content(String command, String token) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("pid", Long.toString(PID));
        m.put("host", HOST);
        m.put("since", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("token", token);
        return KeyValueFile.format(m);
    }

    /** The holder's fields, or null if there is no lock file. */
    static Map<String, String> read(FileSystem fs, Path p) throws IOException {
        return KeyValueFile.read(fs, p);
    }

    /** A holder on this host whose process no longer runs. */
    static boolean stale(Map<String, String> holder) {
        if (!HOST.equals(holder.get("host"))) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.getOrDefault("pid", ""));
            return pid != PID && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
