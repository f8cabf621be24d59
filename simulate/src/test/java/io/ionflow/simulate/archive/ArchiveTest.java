package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArchiveTest {
    @TempDir
    Path dir;

    @Test
    void resolvesPlainPathsAndUrisToTheSameQualifiedLayout() throws Exception {
        Archive plain = Archive.at(dir.resolve("arch").toString());
        Archive uri = Archive.at(dir.resolve("arch").toUri().toString());
        String root = "file:" + dir.resolve("arch").toAbsolutePath();
        assertEquals(root, plain.root().toString());
        assertEquals(root, uri.root().toString());
        assertInstanceOf(RawLocalFileSystem.class, plain.fileSystem());
        assertEquals(root + "/runs", plain.runsDir().toString());
        assertEquals(root + "/runs/r1.parquet", plain.runFile("r1").toString());
        assertEquals(root + "/frames/run_id=r1", plain.runFramesDir("r1").toString());
        assertEquals(root + "/frames/run_id=r1/part-00042.parquet", uri.shardFile("r1", 42).toString());
        assertEquals(root + "/checkpoints", plain.checkpointsDir().toString());
        assertEquals(root + "/analysis/msd", plain.analysisTable("msd").toString());
        assertEquals(root + "/report", plain.reportDir().toString());
    }

    @Test
    void refusesBadNames() throws Exception {
        Archive a = Archive.at(dir.toString());
        assertThrows(IllegalArgumentException.class, () -> a.runFramesDir("1x"));
        assertThrows(IllegalArgumentException.class, () -> a.shardFile("r1", -1));
        assertThrows(IllegalArgumentException.class, () -> a.shardFile("r1", 100_000));
        assertThrows(IllegalArgumentException.class, () -> a.analysisTable("../x"));
        assertThrows(IllegalArgumentException.class, () -> Archive.at(" "));
    }

    @Test
    void listsOnlyCommittedShards() throws Exception {
        Archive a = Archive.at(dir.toString());
        assertEquals(List.of(), a.shardIndices("r1"));
        var s = ArchiveFixtures.ag2te(1);
        for (int shard : new int[] {1, 0}) {
            try (FrameShardWriter w = FrameShardWriter.open(a, "r1", shard, FrameShardWriter.speciesOfAtoms(s))) {
                w.writeFrame(shard, shard * 0.1, ArchiveFixtures.positions(s, shard), null);
                w.commit();
            }
        }
        FrameShardWriter pending = FrameShardWriter.open(a, "r1", 2, FrameShardWriter.speciesOfAtoms(s));
        pending.writeFrame(2, 0.2, ArchiveFixtures.positions(s, 2), null);
        assertEquals(List.of(0, 1), a.shardIndices("r1"));
        pending.abort();
    }
}
