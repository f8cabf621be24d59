package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A partitioned Parquet table written (by the archive's table writer, {@link TableWriter}) under a hidden staging directory inside the table's directory
 * ({@code <table>/.staging-<id>/}, skipped by Spark and Hadoop readers), not yet visible.
 * {@link #publish} swaps each written leaf partition (e.g. {@code run_id=A} or {@code run_id=A/method=msd}, or a
 * named table of a set such as {@code analysis/fits/parameters}) into the table; partitions the
 * job did not write are left alone.
 *
 * <p>Per partition a reader sees the old files or the new files, never a mixture and never a half-written
 * file: the old partition directory is renamed aside to a hidden {@code .<name>.old-<id>}, the staged one
 * renamed into place, the old one deleted. Between those two renames (microseconds on a local or HDFS file
 * system) the partition is briefly absent; a process killed exactly there leaves the old results under the
 * hidden name, and {@link #recover} (run at the start of the next job) renames them back. A process
 * killed before {@link #publish} leaves only a hidden staging directory, which the next job deletes.
 */
public class StagedPartitions {
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

    /**
     * A new staging directory of {@code table} for partitions of {@code depth} levels, for the caller (or its tasks) to
     * write into ({@link #staging}; created by the first write). Nothing is visible until {@link #publish}.
     */
    public static StagedPartitions open(Archive a, Path table, int depth) {
        return new StagedPartitions(a, table, new Path(table, ".staging-" + UUID.randomUUID().toString().substring(0, 8)),
                depth);
    }

    /** What fills a staging directory. */
    public interface Writes {
        void run() throws Exception;
    }

    /**
     * This staging directory once {@code writes} has filled it; if they fail, the directory is deleted and the failure
     * rethrown, as an {@link IOException} naming the table unless it is unchecked.
     */
    public StagedPartitions written(Writes writes) throws IOException {
        try {
            writes.run();
            return this;
        } catch (Exception e) { // also Spark's checked SparkException from Scala code, when tasks write
            discard();
            if (e instanceof RuntimeException re) throw re;
            throw new IOException("could not write " + table + ": " + Causes.firstLine(e), e);
        }
    }

    /** A staged table named by a {@link Publication} journal (its staging directory may be partly or wholly gone). */
    static StagedPartitions of(Archive archive, Path table, Path staging, int depth) {
        return new StagedPartitions(archive, table, staging, depth);
    }

    /**
     * Repairs what a killed {@link #publish} or write can leave in {@code table}: an old partition renamed aside whose
     * replacement never arrived is renamed back, an old one whose replacement is in place is deleted, and staging
     * directories are deleted. Call before writing the table.
     */
    public static void recover(Archive a, Path table, int depth) throws IOException {
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
                recover(a, c.getPath(), depth - 1);
            }
        }
    }

    Path table() {
        return table;
    }

    /** The hidden directory the staged partitions are written under. */
    public Path staging() {
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
                swapIn(fs, new Path(staging, rel), new Path(table, rel));
            }
        }
        discard();
    }

    /** Renames the old partition aside, the staged one into place, and deletes the old one. */
    private void swapIn(FileSystem fs, Path src, Path dst) throws IOException {
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

    /** Deletes the staging directory (nothing published). */
    public void discard() throws IOException {
        archive.fileSystem().delete(staging, true);
    }

    private static List<String> leaves(FileSystem fs, Path dir, int depth, String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        for (FileStatus c : fs.listStatus(dir)) {
            String n = c.getPath().getName();
            if (!c.isDirectory() || n.startsWith(".") || n.startsWith("_")) continue; // _SUCCESS, _temporary, hidden
            if (depth == 1) out.add(prefix + n);
            else out.addAll(leaves(fs, c.getPath(), depth - 1, prefix + n + "/"));
        }
        out.sort(null);
        return out;
    }
}
