package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Puts a run staged elsewhere (its shards and its runs row, complete) into the archive, replacing an earlier run of
 * the same id, so that a kill at any moment leaves the old run or the new run complete — never neither, never a mix.
 *
 * <p>A run is two things that no single rename can swap: {@code frames/run_id=<id>/} and {@code runs/<id>.parquet}.
 * So the replacement is decided by a journal, {@code ARCHIVE/.replacing-<id>} (written whole under a hidden name,
 * then renamed), naming the staging directory. Before the journal exists nothing in the archive has changed; once it
 * exists the replacement is finished by whoever finds it — this process, or the next IonFlow command that takes the
 * archive ({@link #recover}, called with the archive lock held). Each step is idempotent and its state is visible
 * in the file system: (1) the old runs row moves to the staging directory's {@code old/} (the run disappears for
 * readers), (2) the old shards move there too, (3) the new shards move into place, (4) the new runs row moves into
 * place (the new run appears), (5) the journal is deleted, (6) the staging directory with the old run is deleted.
 * Between a kill after step 1 and the recovery a reader that is not IonFlow finds the run absent, never half of it.
 */
public final class RunReplacement {
    private RunReplacement() {}

    /** Journal name prefix in the archive root. */
    static final String JOURNAL_PREFIX = ".replacing-";

    /** No crash point. */
    static final int NONE = Integer.MIN_VALUE;
    /**
     * Where a test stops the process as kill -9 would: −1 before the journal, 0 after the journal, k = 1..6 after step k.
     */
    static volatile int crashPoint = NONE;

    /** The simulated kill. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param archive the archive
     * @param staging an archive (a hidden directory of this one) holding the complete new run: shards and runs row
     * @param runId   the run
     */
    public static void replace(Archive archive, Archive staging, String runId) throws IOException {
        if (!archive.fileSystem().exists(staging.runFile(runId))) {
            throw new IOException("staged run " + runId + " has no runs row in " + staging.root());
        }
        crashAt(-1);
        Path journal = journal(archive, runId);
        Path tmp = Archive.temporaryFor(journal);
        try (FSDataOutputStream out = archive.fileSystem().create(tmp, true)) {
            out.write(("run_id=" + runId + "\nstaging=" + staging.root() + "\n").getBytes(StandardCharsets.UTF_8));
            out.hsync();
        }
        archive.publish(tmp, journal);
        finish(archive, staging, runId, journal);
    }

    /**
     * Finishes every replacement a killed process left decided (its journal exists). Call with the archive lock held.
     *
     * @return the runs whose replacement was finished
     */
    public static java.util.List<String> recover(Archive archive) throws IOException {
        FileSystem fs = archive.fileSystem();
        java.util.List<String> done = new java.util.ArrayList<>();
        FileStatus[] all;
        try {
            all = fs.listStatus(archive.root());
        } catch (FileNotFoundException e) {
            return done;
        }
        for (FileStatus st : all) {
            String name = st.getPath().getName();
            if (!st.isFile() || !name.startsWith(JOURNAL_PREFIX) || name.endsWith(".inprogress")) {
                continue;
            }
            String text;
            try (FSDataInputStream in = fs.open(st.getPath())) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String runId = field(text, "run_id");
            String staging = field(text, "staging");
            if (runId == null || staging == null) {
                throw new IOException(st.getPath() + ": damaged replacement journal (no run_id or staging): move it away"
                        + " after checking runs/ and frames/ of the run by hand");
            }
            finish(archive, Archive.at(staging, archive.configuration()), runId, st.getPath());
            done.add(runId);
        }
        return done;
    }

    private static void finish(Archive archive, Archive staging, String runId, Path journal) throws IOException {
        FileSystem fs = archive.fileSystem();
        Path newRow = staging.runFile(runId);
        Path newFrames = staging.runFramesDir(runId);
        Path old = new Path(staging.root(), "old");
        Path oldRow = new Path(old, "runs.parquet");
        Path oldFrames = new Path(old, "frames");
        Path row = archive.runFile(runId);
        Path frames = archive.runFramesDir(runId);
        crashAt(0);
        if (fs.exists(newRow) && fs.exists(row)) { // the row in place is the old one while the new one is staged
            fs.mkdirs(old);
            move(fs, row, oldRow);
        }
        crashAt(1);
        if (fs.exists(newFrames) && fs.exists(frames)) {
            fs.mkdirs(old);
            move(fs, frames, oldFrames);
        }
        crashAt(2);
        if (fs.exists(newFrames)) {
            fs.mkdirs(archive.framesDir());
            move(fs, newFrames, frames);
        }
        crashAt(3);
        if (fs.exists(newRow)) {
            fs.mkdirs(archive.runsDir());
            move(fs, newRow, row);
        }
        crashAt(4);
        fs.delete(journal, false);
        crashAt(5);
        fs.delete(staging.root(), true);
        crashAt(6);
    }

    private static void move(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not move " + from + " to " + to);
        }
    }

    private static Path journal(Archive archive, String runId) {
        return new Path(archive.root(), JOURNAL_PREFIX + RunIds.requireValid(runId));
    }

    private static String field(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1);
            }
        }
        return null;
    }

    private static void crashAt(int point) {
        if (crashPoint == point) {
            throw new Crash();
        }
    }

    /** @return true once the replacement of {@code runId} from {@code staging} is decided (its journal names it) */
    public static boolean decided(Archive archive, String runId, Path staging) throws IOException {
        try (FSDataInputStream in = archive.fileSystem().open(journal(archive, runId))) {
            return staging.toString().equals(field(new String(in.readAllBytes(), StandardCharsets.UTF_8), "staging"));
        } catch (FileNotFoundException e) {
            return false;
        }
    }
}
