package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writing a job's single outputs through the archive's Hadoop {@link FileSystem} so that a reader never sees them
 * half-written: a file is written under a hidden temporary name ({@code .<name>.inprogress}) and renamed with
 * {@link Archive#publish}. Tables go through {@link StagedPartitions}, several outputs at once through
 * {@link Publication}.
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
}
