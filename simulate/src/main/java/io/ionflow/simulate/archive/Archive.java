package io.ionflow.simulate.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Location of a trajectory archive on any Hadoop file system, and the paths of its parts
 * (DESIGN.md, "Trajectory archive"):
 * <pre>
 *   ROOT/runs/&lt;runId&gt;.parquet                   one row per run
 *   ROOT/frames/run_id=&lt;runId&gt;/part-NNNNN.parquet  trajectory shards
 *   ROOT/checkpoints/   ROOT/analysis/&lt;table&gt;/   ROOT/report/
 * </pre>
 * All access goes through the Hadoop {@link FileSystem} of the root. The local file system is
 * used as {@link RawLocalFileSystem}, so no {@code .crc} side files are written.
 *
 * <p>Files are published atomically for readers: writers create a hidden temporary file (name
 * starting with {@code .}, which Spark and Hadoop input formats skip) in the target directory and
 * rename it to its final name when complete ({@link #publish}).
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Archive {
    private static final Pattern SHARD_NAME = Pattern.compile("part-(\\d{5})\\.parquet");
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Largest shard index that fits the 5-digit file name. */
    public static final int MAX_SHARD_INDEX = 99_999;

    private final Configuration conf;
    private final FileSystem fs;
    private final Path root;

    private Archive(Configuration conf, FileSystem fs, Path root) {
        this.conf = conf;
        this.fs = fs;
        this.root = root;
    }

    /** Opens (without creating anything) the archive at {@code location}, with a default Hadoop configuration. */
    public static Archive at(String location) throws IOException {
        return at(location, new Configuration());
    }

    /**
     * Opens (without creating anything) the archive at {@code location}: a Hadoop URI
     * ({@code file:/data/a}, {@code hdfs://nn/a}, {@code s3a://bucket/a}) or a plain path, which Hadoop
     * resolves against {@code fs.defaultFS} (the local file system unless configured otherwise;
     * relative paths against the working directory).
     *
     * @param base copied, never modified; the copy maps {@code file:} to {@link NioRawLocalFileSystem} (Hadoop's raw local file
     *             system, permissions set without a child process)
     */
    public static Archive at(String location, Configuration base) throws IOException {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("archive location must not be empty");
        }
        Configuration conf = new Configuration(base);
        conf.set("fs.file.impl", NioRawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        Path given = new Path(location.strip());
        FileSystem fs = given.getFileSystem(conf);
        return new Archive(conf, fs, fs.makeQualified(given));
    }

    /** The Hadoop configuration used for every file of this archive (do not modify). */
    public Configuration configuration() { return conf; }

    /** The file system holding the archive. */
    public FileSystem fileSystem() { return fs; }

    /** Fully qualified root, e.g. {@code file:/data/archive}. */
    public Path root() { return root; }

    public Path runsDir() { return new Path(root, "runs"); }

    /** {@code runs/<runId>.parquet}. */
    public Path runFile(String runId) { return new Path(runsDir(), RunIds.requireValid(runId) + ".parquet"); }

    public Path framesDir() { return new Path(root, "frames"); }

    /** {@code frames/run_id=<runId>/}. */
    public Path runFramesDir(String runId) { return new Path(framesDir(), "run_id=" + RunIds.requireValid(runId)); }

    /** {@code frames/run_id=<runId>/part-NNNNN.parquet}. */
    public Path shardFile(String runId, int shardIndex) {
        return new Path(runFramesDir(runId), shardFileName(shardIndex));
    }

    public Path checkpointsDir() { return new Path(root, "checkpoints"); }

    public Path analysisDir() { return new Path(root, "analysis"); }

    /** {@code analysis/<table>/}; table names are lower-case {@code [a-z][a-z0-9_]*}. */
    public Path analysisTable(String table) {
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("invalid analysis table name '" + table + "': use [a-z][a-z0-9_]*");
        }
        return new Path(analysisDir(), table);
    }

    public Path reportDir() { return new Path(root, "report"); }

    /** {@code part-NNNNN.parquet} for a shard index in [0, {@value #MAX_SHARD_INDEX}]. */
    public static String shardFileName(int shardIndex) {
        if (shardIndex < 0 || shardIndex > MAX_SHARD_INDEX) {
            throw new IllegalArgumentException("shard index must be in [0, " + MAX_SHARD_INDEX + "], got " + shardIndex);
        }
        return String.format(Locale.ROOT, "part-%05d.parquet", shardIndex);
    }

    /** Indices of the committed shards of a run, ascending; empty when the run has none. */
    public List<Integer> shardIndices(String runId) throws IOException {
        List<Integer> out = new ArrayList<>();
        FileStatus[] listing;
        try {
            listing = fs.listStatus(runFramesDir(runId));
        } catch (FileNotFoundException e) {
            return out;
        }
        for (FileStatus st : listing) {
            Matcher m = SHARD_NAME.matcher(st.getPath().getName());
            if (st.isFile() && m.matches()) out.add(Integer.parseInt(m.group(1)));
        }
        out.sort(null);
        return out;
    }

    /**
     * Hidden temporary name next to {@code target}: {@code .<name>.inprogress}, skipped by Spark and
     * Hadoop readers. Write a complete file there, then {@link #publish} it.
     */
    public static Path temporaryFor(Path target) {
        return new Path(target.getParent(), "." + target.getName() + ".inprogress");
    }

    /**
     * Renames the complete file {@code tmp} to {@code target}, replacing an existing target. On the
     * local file system this is one atomic rename(2). Elsewhere (HDFS, S3A) an existing target is
     * deleted first, so for a moment between delete and rename a reader finds neither the old nor
     * the new file (never a partial one).
     */
    public void publish(Path tmp, Path target) throws IOException {
        boolean localAtomicReplace = "file".equals(fs.getUri().getScheme());
        if (!localAtomicReplace && fs.exists(target)) {
            if (!fs.delete(target, false) && fs.exists(target)) {
                throw new IOException("could not delete " + target + " to replace it with " + tmp);
            }
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
    }

    /** Smallest possible Parquet file: "PAR1", a 4-byte footer length, "PAR1". */
    static final long MIN_PARQUET_BYTES = 12;

    /**
     * A visible shard of the run too short to be a Parquet file (0 bytes: a writer that did not finish, a full disk),
     * named, or null. Spark's reader skips such files silently, which would show only as "frames … are missing".
     */
    public String tooShortShard(String runId) throws IOException {
        FileStatus[] files;
        try {
            files = fs.listStatus(runFramesDir(runId));
        } catch (java.io.FileNotFoundException e) {
            return null; // the readers report "no frames found"
        }
        for (FileStatus f : files) {
            String name = f.getPath().getName();
            if (f.isFile() && name.endsWith(".parquet") && !name.startsWith(".") && f.getLen() < MIN_PARQUET_BYTES) {
                return "file " + f.getPath() + " is " + (f.getLen() == 0 ? "empty (0 bytes)" : "only " + f.getLen()
                        + " bytes long") + ": not a Parquet shard (a writer that did not finish, or a full disk);"
                        + " remove or restore it";
            }
        }
        return null;
    }

    /** Deletes a temporary file if it exists; returns true if something was deleted. */
    boolean deleteQuietly(Path p) {
        try {
            return fs.delete(p, false);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
