package io.ionflow.jobs;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.EnumSet;

/**
 * The local file system under the scheme {@code fullfs} (registered in the tests' core-site.xml): while {@link #full}
 * is set, every file created under a path containing {@link #under} accepts no byte — each write fails with
 * "No space left on device", as a full device does — and closes cleanly.
 */
public final class FullDiskFileSystem extends RawLocalFileSystem {
    public static volatile boolean full;
    public static volatile String under = "/analysis/";

    @Override public URI getUri() { return URI.create("fullfs:///"); }
    @Override public String getScheme() { return "fullfs"; }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
                                     long blockSize, Progressable progress) throws IOException {
        return maybeFull(f, super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        return maybeFull(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, EnumSet<org.apache.hadoop.fs.CreateFlag> flags,
                                                 int bufferSize, short replication, long blockSize, Progressable progress)
            throws IOException {
        return maybeFull(f, super.createNonRecursive(f, permission, flags, bufferSize, replication, blockSize, progress));
    }

    private FSDataOutputStream maybeFull(Path f, FSDataOutputStream real) throws IOException {
        if (!full || !f.toUri().getPath().contains(under)) return real;
        OutputStream failing = new OutputStream() {
            @Override public void write(int b) throws IOException { throw new IOException("No space left on device"); }
            @Override public void write(byte[] b, int off, int len) throws IOException { write(0); }
            @Override public void close() throws IOException { real.close(); }
        };
        return new FSDataOutputStream(failing, null);
    }
}
