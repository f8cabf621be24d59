package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.analyze.transport.EmptyRowGroups;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShardWriter;
import io.ionflow.simulate.archive.ShardFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot frames of a run read back from shards written by the archive's own writer. */
class SnapshotFramesTest {
    private static final int ATOMS = 12;
    private static final int FRAMES = 30;
    private static final String[] SPECIES_OF_ATOM = new String[ATOMS];

    static {
        for (int a = 0; a < ATOMS; a++) SPECIES_OF_ATOM[a] = a % 3 == 0 ? "Te" : "Ag";
    }

    @TempDir
    Path dir;
    private Archive archive;
    private String[] files;

    /** A coordinate as stored: 100·frame + atom + c/10 (exact in float). */
    private static double coordinate(int frame, int atom, int c) {
        return 100 * frame + atom + c / 10.0;
    }

    @BeforeEach
    void writeRun() throws Exception {
        archive = Archive.at(dir.toString());
        for (int shard = 0; shard < 2; shard++) {
            try (FrameShardWriter w = FrameShardWriter.open(archive, "r", shard, SPECIES_OF_ATOM)) {
                for (int f = 15 * shard; f < 15 * shard + 15; f++) {
                    double[] x = new double[3 * ATOMS];
                    double[] v = new double[3 * ATOMS];
                    for (int k = 0; k < x.length; k++) {
                        x[k] = coordinate(f, k / 3, k % 3);
                        v[k] = -x[k];
                    }
                    w.writeFrame(f, 0.1 * f, x, v);
                }
                w.commit();
            }
        }
        files = ShardFile.files(archive, "r");
    }

    @Test
    void eachSnapshotWithItsLaggedFrameAcrossShards() {
        List<SnapshotFrames.Snapshot> s = SnapshotFrames.read(
                new SnapshotFrames.Task("r", List.of("Ag", "Te"), 5, new int[] {0, 10, 20}, files), archive.configuration());
        assertEquals(3, s.size());
        SnapshotFrames.Snapshot mid = s.get(1);
        assertNull(mid.problem());
        assertEquals(10, mid.frame());
        for (int a = 0; a < ATOMS; a++) {
            assertEquals(a % 3 == 0 ? 1 : 0, mid.types()[a]);
            for (int c = 0; c < 3; c++) {
                assertEquals(coordinate(10, a, c), mid.x0()[3 * a + c], 1e-4);
                assertEquals(coordinate(15, a, c), mid.x1()[3 * a + c], 1e-4, "the lagged frame is in the other shard");
                assertEquals(-coordinate(10, a, c), mid.v0()[3 * a + c], 1e-4);
            }
        }
        assertArrayEquals(new float[] {2000.0f, 2000.1f, 2000.2f},
                new float[] {(float) s.get(2).x0()[0], (float) s.get(2).x0()[1], (float) s.get(2).x0()[2]});
    }

    /** Empty row groups (0 rows) around the row groups of both shards change no snapshot. */
    @Test
    void emptyRowGroupsInTheShardsChangeNothing() throws Exception {
        SnapshotFrames.Task task = new SnapshotFrames.Task("r", List.of("Ag", "Te"), 5, new int[] {0, 10, 20}, files);
        List<SnapshotFrames.Snapshot> before = SnapshotFrames.read(task, archive.configuration());
        for (String f : files) {
            EmptyRowGroups.insert(Path.of(java.net.URI.create(f)));
        }
        List<SnapshotFrames.Snapshot> after = SnapshotFrames.read(task, archive.configuration());
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertNull(after.get(i).problem(), after.get(i).problem());
            assertEquals(before.get(i).frame(), after.get(i).frame());
            assertArrayEquals(before.get(i).types(), after.get(i).types());
            assertArrayEquals(before.get(i).x0(), after.get(i).x0(), 0.0);
            assertArrayEquals(before.get(i).x1(), after.get(i).x1(), 0.0);
            assertArrayEquals(before.get(i).v0(), after.get(i).v0(), 0.0);
        }
    }

    @Test
    void problemsComeBackAsValues() {
        List<SnapshotFrames.Snapshot> beyond = SnapshotFrames.read(
                new SnapshotFrames.Task("r", List.of("Ag", "Te"), 0, new int[] {29, 40}, files), archive.configuration());
        assertNull(beyond.get(0).problem());
        assertNull(beyond.get(0).x1(), "no lag");
        assertEquals("run r: frame 40 is not in its shards", beyond.get(1).problem());

        List<SnapshotFrames.Snapshot> unknown = SnapshotFrames.read(
                new SnapshotFrames.Task("r", List.of("Ag"), 0, new int[] {3}, files), archive.configuration());
        assertEquals("run r, frame 3: species 'Te' is not in the runs row [Ag]", unknown.get(0).problem());

        String[] missing = {files[0], files[0].replace("part-00000", "part-00007")};
        List<SnapshotFrames.Snapshot> unreadable = SnapshotFrames.read(
                new SnapshotFrames.Task("r", List.of("Ag", "Te"), 0, new int[] {3}, missing), archive.configuration());
        assertEquals(1, unreadable.size());
        assertEquals(-1, unreadable.get(0).frame());
        assertTrue(unreadable.get(0).problem().contains("part-00007"), unreadable.get(0).problem());
    }
}
