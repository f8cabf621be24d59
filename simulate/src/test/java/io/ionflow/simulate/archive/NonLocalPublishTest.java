package io.ionflow.simulate.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Replacing files on a file system whose rename refuses an existing target (HDFS, S3A semantics):
 * simulated by a local file system under the scheme {@code strictfs:}.
 */
class NonLocalPublishTest {
    @TempDir
    java.nio.file.Path dir;

    /** Local files, but rename fails when the target exists, as on HDFS. */
    public static final class StrictRenameFileSystem extends RawLocalFileSystem {
        @Override public URI getUri() { return URI.create("strictfs:///"); }
        @Override public String getScheme() { return "strictfs"; }

        @Override
        public boolean rename(Path src, Path dst) throws IOException {
            return !exists(dst) && super.rename(src, dst);
        }
    }

    @Test
    void replacesShardsAndRunsWhereRenameCannotOverwrite() throws Exception {
        Configuration conf = new Configuration();
        conf.set("fs.strictfs.impl", StrictRenameFileSystem.class.getName());
        conf.setBoolean("fs.strictfs.impl.disable.cache", true);
        Archive a = Archive.at("strictfs://" + dir.toAbsolutePath(), conf);
        assertEquals("strictfs", a.root().toUri().getScheme());
        var s = ArchiveFixtures.ag2te(1);
        String[] species = FrameShardWriter.speciesOfAtoms(s);
        for (int frames : new int[] {3, 2}) {
            try (FrameShardWriter w = FrameShardWriter.open(a, "r1", 0, species)) {
                for (int f = 0; f < frames; f++) w.writeFrame(f, f, ArchiveFixtures.positions(s, f), null);
                w.commit();
            }
            RunsTableWriter.write(a, ArchiveFixtures.run("r1", s, frames, "ionflow-md"));
        }
        FrameShard shard = FrameShardReader.read(a, "r1", 0);
        assertEquals(2, shard.frameCount());
        assertNull(shard.velocities());
        assertEquals(2, RunsTableReader.readAll(a).get(0).nFrames());
        assertEquals(List.of("frames/run_id=r1/part-00000.parquet", "runs/r1.parquet"), ArchiveFixtures.listFiles(dir));
    }
}
