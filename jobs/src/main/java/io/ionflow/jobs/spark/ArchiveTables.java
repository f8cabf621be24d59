package io.ionflow.jobs.spark;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ArchiveFormatException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading the archive's optional analysis tables and publishing job outputs through the archive's
 * Hadoop {@link FileSystem} (so {@code file:}, {@code hdfs:} and {@code s3a:} archives all work).
 *
 * <p>Reading: a table that does not exist (or holds no visible data file) is reported as absent, never as an
 * error; a table that exists but lacks a needed column is an {@link ArchiveFormatException} naming it.
 *
 * <p>Writing: a file is written under a hidden temporary name ({@code .<name>.inprogress}) and renamed with
 * {@link Archive#publish}; a directory of Parquet tables is written under a hidden staging directory and
 * swapped in with two renames ({@link #replaceDirectory}), so a reader never sees a half-written table.
 */
public final class ArchiveTables {
    private ArchiveTables() {}

    /** @return whether {@code p} exists and holds at least one visible (not {@code .}/{@code _}-prefixed) file */
    public static boolean hasData(Archive a, Path p) throws IOException {
        FileSystem fs = a.fileSystem();
        FileStatus st;
        try {
            st = fs.getFileStatus(p);
        } catch (FileNotFoundException e) {
            return false;
        }
        if (st.isFile()) return st.getLen() > 0;
        return hasVisibleFile(fs, p, 3);
    }

    private static boolean hasVisibleFile(FileSystem fs, Path dir, int depth) throws IOException {
        for (FileStatus c : fs.listStatus(dir)) {
            String n = c.getPath().getName();
            if (n.startsWith(".") || n.startsWith("_")) continue;
            if (c.isFile() && c.getLen() > 0) return true;
            if (c.isDirectory() && depth > 0 && hasVisibleFile(fs, c.getPath(), depth - 1)) return true;
        }
        return false;
    }

    /**
     * Reads a Parquet table if it exists.
     *
     * @param what     e.g. {@code analysis/diffusion}, used in messages
     * @param required columns that must be present
     * @return the table, or empty when it does not exist
     * @throws ArchiveFormatException when it exists but cannot be read or lacks a required column
     */
    public static Optional<Dataset<Row>> parquet(SparkSession spark, Archive a, Path p, String what, String... required)
            throws IOException {
        if (!hasData(a, p)) return Optional.empty();
        Dataset<Row> df;
        try {
            df = spark.read().parquet(p.toString());
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            throw new ArchiveFormatException(p, what + " is not a readable Parquet table: " + rootFirstLine(e), e);
        }
        requireColumns(df, p, what, required);
        return Optional.of(df);
    }

    /**
     * Reads a CSV file with a header line (all columns as strings) if it exists.
     *
     * @return the table, or empty when the file does not exist
     */
    public static Optional<Dataset<Row>> csv(SparkSession spark, Archive a, Path p, String what, String... required)
            throws IOException {
        if (!hasData(a, p)) return Optional.empty();
        Dataset<Row> df;
        try {
            df = spark.read().option("header", "true").option("inferSchema", "false").csv(p.toString());
        } catch (Exception e) {
            throw new ArchiveFormatException(p, what + " is not a readable CSV file: " + rootFirstLine(e), e);
        }
        requireColumns(df, p, what, required);
        return Optional.of(df);
    }

    /** @throws ArchiveFormatException naming the table and the first missing column */
    public static void requireColumns(Dataset<Row> df, Path p, String what, String... required) throws ArchiveFormatException {
        List<String> have = Arrays.asList(df.columns());
        for (String c : required) {
            if (!have.contains(c)) {
                throw new ArchiveFormatException(p, what + " lacks the column '" + c + "' (it has " + String.join(", ", have) + ")");
            }
        }
    }

    /** @return whether the table has the column */
    public static boolean has(Dataset<Row> df, String column) {
        return Arrays.asList(df.columns()).contains(column);
    }

    /** The first line of the innermost cause's message (Spark wraps a bad file in several layers of job failures). */
    public static String rootFirstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return firstLine(t);
    }

    public static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Writes a text file (UTF-8) atomically: hidden temporary name, then rename. */
    public static void writeText(Archive a, Path target, String text) throws IOException {
        writeBytes(a, target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a file atomically: hidden temporary name, then rename. */
    public static void writeBytes(Archive a, Path target, byte[] bytes) throws IOException {
        FileSystem fs = a.fileSystem();
        fs.mkdirs(target.getParent());
        Path tmp = Archive.temporaryFor(target);
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        } catch (IOException e) {
            fs.delete(tmp, false);
            throw new IOException("could not write " + target + ": " + e.getMessage(), e);
        }
        a.publish(tmp, target);
    }

    /**
     * Writes several small Parquet tables as sub-directories of {@code target} (e.g. {@code analysis/fits/parameters})
     * and swaps the whole directory in: the tables are written under a hidden staging directory next to
     * {@code target}, the old directory (if any) is renamed away, the staging directory renamed to {@code target},
     * and the old one deleted. A reader sees the old set or the new set of tables, never a mixture; between the two
     * renames it briefly sees none.
     *
     * @param tables sub-directory name → table (each written as one Parquet file)
     */
    public static void replaceDirectory(Archive a, Path target, Map<String, Dataset<Row>> tables) throws IOException {
        FileSystem fs = a.fileSystem();
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path staging = new Path(target.getParent(), "." + target.getName() + ".inprogress-" + id);
        Path old = new Path(target.getParent(), "." + target.getName() + ".old-" + id);
        fs.mkdirs(target.getParent());
        try {
            for (Map.Entry<String, Dataset<Row>> e : tables.entrySet()) {
                e.getValue().coalesce(1).write().mode(SaveMode.Overwrite).parquet(new Path(staging, e.getKey()).toString());
            }
        } catch (RuntimeException e) {
            fs.delete(staging, true);
            throw new IOException("could not write " + target + ": " + firstLine(e), e);
        }
        boolean hadOld = fs.exists(target);
        if (hadOld && !fs.rename(target, old)) {
            fs.delete(staging, true);
            throw new IOException("could not move the previous " + target + " aside");
        }
        if (!fs.rename(staging, target)) {
            if (hadOld) fs.rename(old, target);
            throw new IOException("could not rename " + staging + " to " + target);
        }
        if (hadOld) fs.delete(old, true);
    }

    /**
     * A partitioned Parquet table written under a hidden staging directory inside the table's directory
     * ({@code <table>/.staging-<id>/}, skipped by Spark and Hadoop readers), not yet visible.
     * {@link #publish} swaps each written leaf partition (e.g. {@code run_id=A} or {@code run_id=A/method=msd})
     * into the table; partitions the job did not write are left alone.
     *
     * <p>Per partition a reader sees the old files or the new files, never a mixture and never a half-written
     * file: the old partition directory is renamed aside to a hidden {@code .<name>.old-<id>}, the staged one
     * renamed into place, the old one deleted. Between those two renames (microseconds on a local or HDFS file
     * system) the partition is briefly absent; a process killed exactly there leaves the old results under the
     * hidden name, and {@link #recoverPartitions} (run at the start of the next job) renames them back. A process
     * killed before {@link #publish} leaves only a hidden staging directory, which the next job deletes.
     */
    public static final class StagedPartitions {
        private final Archive archive;
        private final Path table;
        private final Path staging;
        private final int depth;

        private StagedPartitions(Archive archive, Path table, Path staging, int depth) {
            this.archive = archive;
            this.table = table;
            this.staging = staging;
            this.depth = depth;
        }

        /** A staged table named by a {@link Publication} journal (its staging directory may be partly or wholly gone). */
        static StagedPartitions of(Archive archive, Path table, Path staging, int depth) {
            return new StagedPartitions(archive, table, staging, depth);
        }

        Path table() {
            return table;
        }

        Path staging() {
            return staging;
        }

        int depth() {
            return depth;
        }

        /**
         * Swaps every staged leaf partition into the table, then deletes the staging directory. Can be repeated after a
         * crash: leaves already moved are no longer in the staging directory.
         */
        public void publish() throws IOException {
            FileSystem fs = archive.fileSystem();
            if (fs.exists(staging)) {
                for (String rel : leaves(fs, staging, depth, "")) {
                    Path src = new Path(staging, rel);
                    Path dst = new Path(table, rel);
                    Path old = new Path(dst.getParent(), "." + dst.getName() + ".old-" + staging.getName().substring(9));
                    fs.mkdirs(dst.getParent());
                    boolean hadOld = fs.exists(dst);
                    if (hadOld && !fs.rename(dst, old)) {
                        throw new IOException("could not move the previous " + dst + " aside");
                    }
                    if (!fs.rename(src, dst)) {
                        if (hadOld) fs.rename(old, dst);
                        throw new IOException("could not rename " + src + " to " + dst);
                    }
                    if (hadOld) fs.delete(old, true);
                }
            }
            discard();
        }

        /** The staging directory (hidden until published). */
        public Path stagingDir() {
            return staging;
        }

        /** Deletes what was staged for one run (its {@code run_id=…} partition), e.g. because the run failed later. */
        public void dropRun(String runId) throws IOException {
            archive.fileSystem().delete(new Path(staging, "run_id=" + runId), true);
        }

        /** Deletes the staging directory (nothing published). */
        public void discard() throws IOException {
            archive.fileSystem().delete(staging, true);
        }

        private static List<String> leaves(FileSystem fs, Path dir, int depth, String prefix) throws IOException {
            List<String> out = new java.util.ArrayList<>();
            for (FileStatus c : fs.listStatus(dir)) {
                String n = c.getPath().getName();
                if (!c.isDirectory() || !n.contains("=")) continue; // _SUCCESS, hidden files
                if (depth == 1) out.add(prefix + n);
                else out.addAll(leaves(fs, c.getPath(), depth - 1, prefix + n + "/"));
            }
            out.sort(null);
            return out;
        }
    }

    /**
     * Writes {@code df} partitioned by {@code partitionBy} under a hidden staging directory of {@code table}; see
     * {@link StagedPartitions}. Nothing is visible until {@link StagedPartitions#publish}.
     */
    public static StagedPartitions stagePartitions(Archive a, Path table, Dataset<Row> df, String... partitionBy)
            throws IOException {
        Path staging = new Path(table, ".staging-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            df.write().mode(SaveMode.Overwrite).partitionBy(partitionBy).parquet(staging.toString());
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            a.fileSystem().delete(staging, true);
            if (e instanceof RuntimeException re) throw re;
            throw new IOException("could not write " + table + ": " + firstLine(e), e);
        }
        return new StagedPartitions(a, table, staging, partitionBy.length);
    }

    /**
     * A new, empty staging directory for {@code table}, for tasks that write their run partitions into it themselves;
     * created now, so that an archive where the table cannot be written fails before any work is done.
     *
     * @param depth partition levels (1: run_id=…; 2: run_id=…/method=…)
     */
    public static StagedPartitions newStaging(Archive a, Path table, int depth) throws IOException {
        Path staging = new Path(table, ".staging-" + UUID.randomUUID().toString().substring(0, 8));
        if (!a.fileSystem().mkdirs(staging)) {
            throw new IOException("could not create " + staging);
        }
        return new StagedPartitions(a, table, staging, depth);
    }

    /**
     * Repairs what a killed {@link StagedPartitions#publish} or write can leave in {@code table}: an old partition
     * renamed aside whose replacement never arrived is renamed back, an old one whose replacement is in place is
     * deleted, and staging directories are deleted. Call before writing the table.
     */
    public static void recoverPartitions(Archive a, Path table, int depth) throws IOException {
        FileSystem fs = a.fileSystem();
        if (!fs.exists(table)) return;
        for (FileStatus c : fs.listStatus(table)) {
            String n = c.getPath().getName();
            if (n.startsWith(".staging-") && c.isDirectory()) {
                fs.delete(c.getPath(), true);
            } else if (n.startsWith(".") && n.contains(".old-") && c.isDirectory()) {
                Path visible = new Path(table, n.substring(1, n.lastIndexOf(".old-")));
                if (fs.exists(visible)) fs.delete(c.getPath(), true);
                else fs.rename(c.getPath(), visible);
            } else if (depth > 1 && c.isDirectory() && n.contains("=")) {
                recoverPartitions(a, c.getPath(), depth - 1);
            }
        }
    }

    /** Minimal RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; NaN written as empty. */
    public static final class Csv {
        private final StringBuilder sb = new StringBuilder();

        public Csv(String... header) {
            row((Object[]) header);
        }

        public Csv row(Object... fields) {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(field(fields[i]));
            }
            sb.append('\n');
            return this;
        }

        static String field(Object o) {
            if (o == null) return "";
            if (o instanceof Double d) return d.isNaN() ? "" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : d.toString();
            String s = o.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
            return s;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
