package io.ionflow.jobs.archive;

import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Writing a job's single outputs through the archive's Hadoop {@link FileSystem} so that a reader never sees them
 * half-written: a file is written under a hidden temporary name ({@code .<name>.inprogress}) and renamed with
 * {@link Archive#publish}; a directory of small Parquet tables is written under a hidden staging directory and
 * swapped in with two renames ({@link #replaceDirectory}). Run-partitioned tables go through
 * {@link StagedPartitions}, several outputs at once through {@link Publication}.
 */
public final class AtomicWrites {
    private AtomicWrites() {}

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
            throw new IOException("could not write " + target + ": " + Tables.firstLine(e), e);
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
}
