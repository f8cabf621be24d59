package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * <p>Stale locks: a holder killed with {@code kill -9} leaves its lock behind. A lock of a process on the
 * same host that is gone is taken over (with a message): no process runs with its id, or the one that does
 * started at another time than the holder (the lock records its start time; ids are reused, and a restarted
 * container often gives the new process the same small id). A holder on another host cannot be checked, and
 * the message says which file to delete once that process is known to be gone. Only one process takes a
 * stale lock over: it deletes the lock while it holds {@code .ionflow.lock.takeover} (created exclusively),
 * so two processes that find the same stale lock never both write. Re-entrant within one JVM
 * (the {@code demo} and {@code pipeline} commands run several steps), released when the last user closes it
 * or the JVM exits.
 */
public final class ArchiveLock implements AutoCloseable {
    /** The lock file's name in the archive root. */
    public static final String FILE = ".ionflow.lock";

    private static final Map<String, ArchiveLock> HELD = new HashMap<>();
    private static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();
    private static final Optional<Instant> STARTED = ProcessHandle.current().info().startInstant();
    /** Suffix of the file a process holds while it deletes a stale lock ({@link #takeOver}). */
    static final String TAKEOVER = ".takeover";
    /** Age after which a lock that names no process is taken for a failed write's leftover ({@link #namesNobody}). */
    static final long UNFILLED_MS = 60_000;
    /** Runs before a stale lock is deleted (tests pause a process there to let another one contend). */
    static volatile Runnable beforeStaleDelete = () -> { };

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
    public static synchronized ArchiveLock acquire(Archive archive, String command, PrintStream out)
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
        byte[] body = content(command, token);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (tryCreate(archive, p, body)) {
                ArchiveLock lock = new ArchiveLock(archive, p, token);
                lock.users = 1;
                HELD.put(key, lock);
                return lock;
            }
            Map<String, String> holder = read(fs, p);
            if (holder == null) {
                continue; // released between our create and our read: try again
            }
            if (!stale(holder) && !namesNobody(fs, p, holder)) {
                throw new BusyException(String.format("archive %s is in use by ionflow %s (process %s on %s since %s); wait for"
                        + " it to finish, or if that process no longer exists, delete %s", archive.root(),
                        holder.getOrDefault("command", "?"), holder.getOrDefault("pid", "?"), holder.getOrDefault("host", "?"),
                        holder.getOrDefault("since", "?"), p));
            }
            takeOver(archive, p, holder, body, out);
        }
        throw new BusyException("archive " + archive.root() + ": could not take " + p + " (another process took it at the"
                + " same moment); try again");
    }

    /**
     * Deletes the stale lock {@code p} while holding {@code p.takeover} (created exclusively, like the lock). Two
     * processes that find the same stale lock could otherwise both delete it: the later one, after its check and before
     * its delete, would remove the lock the earlier one had just created, and both would write. Only the holder of the
     * take-over file deletes a lock it has not created, and only if the lock still holds what it found stale.
     *
     * @throws BusyException when another live process is taking the lock over at this moment
     */
    private static void takeOver(Archive archive, Path p, Map<String, String> stale, byte[] body, PrintStream out)
            throws IOException {
        FileSystem fs = archive.fileSystem();
        Path q = p.suffix(TAKEOVER);
        if (!tryCreate(archive, q, body)) {
            Map<String, String> taker = read(fs, q);
            if (taker == null) {
                return; // the other taker has just finished: look at the lock again
            }
            if ((stale(taker) || namesNobody(fs, q, taker)) && taker.equals(read(fs, q))) {
                fs.delete(q, false); // a process that died (or failed to write) while taking over
                return;
            }
            throw new BusyException(String.format("archive %s: ionflow %s (process %s on %s) is taking over the lock of a"
                    + " process that is gone; try again in a moment, or if that process no longer exists, delete %s",
                    archive.root(), taker.getOrDefault("command", "?"), taker.getOrDefault("pid", "?"),
                    taker.getOrDefault("host", "?"), q));
        }
        try {
            beforeStaleDelete.run();
            if (stale.equals(read(fs, p))) {
                fs.delete(p, false);
                if (out != null) {
                    out.println(stale.containsKey("pid") ? String.format("ionflow: taking over %s: its holder, ionflow %s"
                            + " (process %s on %s since %s), is gone", p, stale.get("command"), stale.get("pid"),
                            stale.get("host"), stale.get("since"))
                            : "ionflow: taking over " + p + ": it names no process (left empty by a write that failed)");
                }
            }
        } finally {
            fs.delete(q, false);
        }
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

    /**
     * Creates {@code p} holding {@code body} if no file is there. A file this process created but could not fill (a
     * full disk) is deleted again, so that it is never left behind as an empty lock naming nobody.
     *
     * @return false if the file exists
     * @throws IOException naming the file when it could not be created or written
     */
    private static boolean tryCreate(Archive archive, Path p, byte[] body) throws IOException {
        FileSystem fs = archive.fileSystem();
        if ("file".equals(fs.getUri().getScheme())) {
            java.nio.file.Path local = java.nio.file.Path.of(p.toUri());
            FileChannel ch;
            try {
                ch = FileChannel.open(local, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
            try (ch) {
                ByteBuffer b = ByteBuffer.wrap(body);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            } catch (IOException e) {
                Files.deleteIfExists(local);
                throw notWritten(p, e);
            }
            return true;
        }
        FSDataOutputStream o;
        try {
            o = fs.create(p, false);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(p)) {
                return false; // some file systems report "exists" as a plain IOException
            }
            throw e;
        }
        try (o) {
            o.write(body);
            o.hsync();
        } catch (IOException e) {
            fs.delete(p, false);
            throw notWritten(p, e);
        }
        return true;
    }

    private static IOException notWritten(Path p, IOException e) {
        return new IOException("could not write the archive lock " + p + ": " + e.getMessage(), e);
    }

    private static byte[] content(String command, String token) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("pid", Long.toString(PID));
        m.put("host", HOST);
        m.put("since", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("token", token);
        STARTED.ifPresent(t -> m.put("started", t.toString()));
        return KeyValueFile.format(m);
    }

    /** The holder's fields, or null if there is no lock file. */
    static Map<String, String> read(FileSystem fs, Path p) throws IOException {
        return KeyValueFile.read(fs, p);
    }

    /**
     * A holder on this host whose process is gone: no process runs with its id, or the process with that id is not the
     * one that wrote the lock (its start time differs: the id was reused, as in a restarted container, where a new
     * process often gets the same small id), or the id is this JVM's, which does not hold the lock. A lock written
     * before the start time was recorded names a live process by its id alone.
     */
    static boolean stale(Map<String, String> holder) {
        if (!HOST.equals(holder.get("host"))) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(holder.getOrDefault("pid", ""));
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == PID) {
            return HELD.values().stream().noneMatch(l -> l.token.equals(holder.get("token")));
        }
        ProcessHandle h = ProcessHandle.of(pid).orElse(null);
        if (h == null || !h.isAlive()) {
            return true;
        }
        return startedElsewhen(holder.get("started"), h.info().startInstant().orElse(null));
    }

    /**
     * A lock that names no process (empty or cut short: its writer failed between creating and filling it, as an
     * IonFlow before session 34 could on a full disk) and is older than {@value #UNFILLED_MS} ms; a younger one may be
     * being written at this moment.
     */
    private static boolean namesNobody(FileSystem fs, Path p, Map<String, String> holder) throws IOException {
        if (holder.containsKey("pid") && holder.containsKey("host")) {
            return false;
        }
        try {
            return System.currentTimeMillis() - fs.getFileStatus(p).getModificationTime() > UNFILLED_MS;
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** Whether the recorded start time and a live process's one are not the same process's (more than a second apart). */
    private static boolean startedElsewhen(String recorded, Instant live) {
        if (recorded == null || live == null) {
            return false;
        }
        try {
            return Math.abs(Duration.between(Instant.parse(recorded), live).toMillis()) > 1000;
        } catch (DateTimeException e) {
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
