package io.ionflow.simulate.campaign;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShard;
import io.ionflow.simulate.archive.FrameShardReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk fills while a run writes its second shard: one line naming the file and what was kept; the first shard and
 * the checkpoint are intact, no partial file is left under a visible name, and once there is space again the run
 * resumes to exactly the frames of an uninterrupted run.
 */
class DiskFullTest {
    static volatile boolean full;

    /** Local files; while {@link #full}, writing a second shard fails as a full device does. */
    public static final class FullDiskFileSystem extends RawLocalFileSystem {
        @Override public URI getUri() { return URI.create("fullfs:///"); }
        @Override public String getScheme() { return "fullfs"; }

        @Override
        public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                         short replication, long blockSize, Progressable progress) throws IOException {
            return maybeFull(f, super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
        }

        @Override
        public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                         Progressable progress) throws IOException {
            return maybeFull(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
        }

        @Override
        public FSDataOutputStream createNonRecursive(Path f, FsPermission permission,
                                                     java.util.EnumSet<org.apache.hadoop.fs.CreateFlag> flags, int bufferSize,
                                                     short replication, long blockSize, Progressable progress)
                throws IOException {
            return maybeFull(f, super.createNonRecursive(f, permission, flags, bufferSize, replication, blockSize, progress));
        }

        private FSDataOutputStream maybeFull(Path f, FSDataOutputStream real) throws IOException {
            if (!full || !f.getName().contains("part-00001")) {
                return real;
            }
            OutputStream failing = new OutputStream() {
                @Override public void write(int b) throws IOException { throw new IOException("No space left on device"); }
                @Override public void close() throws IOException { real.close(); }
            };
            return new FSDataOutputStream(failing, null);
        }
    }

    @Test
    void aFullDiskIsOneLineAndTheRunResumes(@TempDir java.nio.file.Path dir) throws Exception {
        RunSpec spec = MdRunTest.spec(dir);
        Configuration conf = new Configuration();
        conf.set("fs.fullfs.impl", FullDiskFileSystem.class.getName());
        conf.setBoolean("fs.fullfs.impl.disable.cache", true);
        Archive a = Archive.at("fullfs://" + dir.resolve("a").toAbsolutePath(), conf);
        full = true;
        try {
            IOException e = assertThrows(IOException.class, () -> MdRun.run(a, spec, RunListener.NONE));
            assertTrue(e.getMessage().startsWith("no space left on device while writing ")
                    && e.getMessage().contains("part-00001.parquet") && e.getMessage().contains("resume"), e.getMessage());
            assertEquals(java.util.List.of(0), a.shardIndices(spec.runId()), "shard 0 kept, nothing else visible");
            try (var files = Files.list(dir.resolve("a/frames/run_id=" + spec.runId()))) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no partial file left");
            }
        } finally {
            full = false;
        }
        assertEquals(RunResult.Status.DONE, MdRun.run(a, spec, RunListener.NONE).status());
        Archive ref = Archive.at(dir.resolve("ref").toString());
        MdRun.run(ref, spec, RunListener.NONE);
        for (int k : ref.shardIndices(spec.runId())) {
            FrameShard x = FrameShardReader.read(ref, spec.runId(), k);
            FrameShard y = FrameShardReader.read(a, spec.runId(), k);
            assertArrayEquals(x.positions(), y.positions(), "shard " + k + " bit for bit after the resume");
        }
    }
}
