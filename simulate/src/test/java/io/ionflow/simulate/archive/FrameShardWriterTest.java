package io.ionflow.simulate.archive;

import io.ionflow.simulate.structure.Structure;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameShardWriterTest {
    @TempDir
    Path dir;

    private final Structure s = ArchiveFixtures.ag2te(1);
    private final String[] species = FrameShardWriter.speciesOfAtoms(s);
    private Archive archive;

    @BeforeEach
    void open() throws Exception {
        archive = Archive.at(dir.toString());
    }

    /** Writes frames [first, first + count) as shard {@code index}, velocities only if asked. */
    private org.apache.hadoop.fs.Path writeShard(String runId, int index, int first, int count, boolean vel)
            throws Exception {
        try (FrameShardWriter w = FrameShardWriter.open(archive, runId, index, species)) {
            for (int f = first; f < first + count; f++) {
                w.writeFrame(f, 0.05 * f, ArchiveFixtures.positions(s, f), vel ? ArchiveFixtures.velocities(s, f) : null);
            }
            assertEquals(count, w.frameCount());
            assertEquals((long) count * s.size(), w.rowCount());
            return w.commit();
        }
    }

    @Test
    void twoShardsRoundTripSortedByFrameAndAtom() throws Exception {
        RunsTableWriter.write(archive, ArchiveFixtures.run("r1", s, 7, "ionflow-md"));
        assertEquals(archive.shardFile("r1", 0), writeShard("r1", 0, 0, 4, true));
        assertEquals(archive.shardFile("r1", 1), writeShard("r1", 1, 4, 3, true));

        assertEquals(List.of("frames/run_id=r1/part-00000.parquet", "frames/run_id=r1/part-00001.parquet",
                "runs/r1.parquet"), ArchiveFixtures.listFiles(dir)); // no temporaries, no .crc files
        int n = s.size();
        for (int shard = 0; shard < 2; shard++) {
            FrameShard fs = FrameShardReader.read(archive, "r1", shard);
            fs.validate();
            int first = shard == 0 ? 0 : 4;
            assertEquals(first, fs.firstFrame());
            assertEquals(shard == 0 ? 4 : 3, fs.frameCount());
            assertEquals(n, fs.atomsPerFrame());
            assertEquals("r1", fs.metadata().get("ionflow.run_id"));
            for (int row = 0; row < fs.rowCount(); row++) {
                int f = first + row / n, atom = row % n;
                assertEquals(f, fs.frames()[row]);
                assertEquals(atom, fs.atoms()[row]);
                assertEquals(0.05 * f, fs.timesPs()[row]);
                assertEquals(species[atom], fs.species()[row]);
                if (row > 0) { // sorted by (frame, atom)
                    long prev = (long) fs.frames()[row - 1] << 32 | fs.atoms()[row - 1];
                    assertTrue(prev < ((long) fs.frames()[row] << 32 | fs.atoms()[row]));
                }
            }
            for (int f = first; f < first + fs.frameCount(); f++) {
                assertFloatsEqual(ArchiveFixtures.positions(s, f), fs.framePositions(f));
                assertFloatsEqual(ArchiveFixtures.velocities(s, f), fs.frameVelocities(f));
                assertEquals(0.05 * f, fs.frameTimePs(f));
            }
        }
    }

    private static void assertFloatsEqual(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) assertEquals((float) expected[k], (float) actual[k], 0.0f, "entry " + k);
    }

    @Test
    void schemaEncodingAndCompressionFollowTheContract() throws Exception {
        writeShard("r1", 0, 0, 3, true);
        var expected = MessageTypeParser.parseMessageType("""
                message ionflow_frames {
                  required int32 frame;
                  required double time_ps;
                  required int32 atom;
                  required binary species (STRING);
                  required float x;
                  required float y;
                  required float z;
                  optional float vx;
                  optional float vy;
                  optional float vz;
                }""");
        try (ParquetFileReader r = ParquetFileReader.open(
                HadoopInputFile.fromPath(archive.shardFile("r1", 0), archive.configuration()))) {
            ParquetMetadata footer = r.getFooter();
            assertEquals(expected, footer.getFileMetaData().getSchema());
            assertFalse(footer.getFileMetaData().getSchema().containsField("run_id"));
            assertEquals(1, footer.getBlocks().size());
            for (ColumnChunkMetaData c : footer.getBlocks().get(0).getColumns()) {
                String name = c.getPath().toDotString();
                assertEquals(CompressionCodecName.ZSTD, c.getCodec(), name);
                assertFalse(c.getEncodings().contains(Encoding.BYTE_STREAM_SPLIT), name);
                if (name.equals("species")) assertTrue(c.hasDictionaryPage(), name);
                if (List.of("x", "y", "z", "vx", "vy", "vz").contains(name)) {
                    assertTrue(c.getEncodings().contains(Encoding.PLAIN), name + " " + c.getEncodings());
                }
            }
        }
    }

    @Test
    void missingVelocitiesAreNulls() throws Exception {
        writeShard("r2", 0, 10, 2, false);
        FrameShard fs = FrameShardReader.read(archive, "r2", 0);
        fs.validate();
        assertNull(fs.velocities());
        assertNull(fs.frameVelocities(10));
        assertEquals(10, fs.firstFrame());
        assertFloatsEqual(ArchiveFixtures.positions(s, 11), fs.framePositions(11));
    }

    @Test
    void uncommittedShardIsInvisibleUnderItsFinalName() throws Exception {
        FrameShardWriter w = FrameShardWriter.open(archive, "r1", 0, species);
        for (int f = 0; f < 3; f++) w.writeFrame(f, 0.05 * f, ArchiveFixtures.positions(s, f), null);
        // "crash": the writer is neither committed nor closed
        assertFalse(Files.exists(dir.resolve("frames/run_id=r1/part-00000.parquet")));
        assertEquals(List.of("frames/run_id=r1/.part-00000.parquet.inprogress"), ArchiveFixtures.listFiles(dir));
        assertEquals(List.of(), archive.shardIndices("r1"));
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> FrameShardReader.read(archive, "r1", 0));
        assertTrue(e.getMessage().contains("part-00000.parquet: file not found"), e.getMessage());

        // a restarted writer of the same shard overwrites the stale temporary file
        writeShard("r1", 0, 0, 2, false);
        assertEquals(List.of("frames/run_id=r1/part-00000.parquet"), ArchiveFixtures.listFiles(dir));
        assertEquals(2, FrameShardReader.read(archive, "r1", 0).frameCount());
    }

    @Test
    void abortAndCloseWithoutCommitRemoveTheTemporaryFile() throws Exception {
        FrameShardWriter w = FrameShardWriter.open(archive, "r1", 3, species);
        w.writeFrame(0, 0, ArchiveFixtures.positions(s, 0), null);
        assertTrue(Files.exists(dir.resolve("frames/run_id=r1/.part-00003.parquet.inprogress")));
        w.abort();
        w.abort(); // idempotent
        assertEquals(List.of(), ArchiveFixtures.listFiles(dir));
        assertThrows(IllegalStateException.class, () -> w.writeFrame(1, 1, ArchiveFixtures.positions(s, 1), null));

        try (FrameShardWriter w2 = FrameShardWriter.open(archive, "r1", 4, species)) {
            w2.writeFrame(0, 0, ArchiveFixtures.positions(s, 0), null);
        } // closed without commit = abort
        assertEquals(List.of(), ArchiveFixtures.listFiles(dir));
    }

    @Test
    void commitReplacesAnExistingShard() throws Exception {
        writeShard("r1", 0, 0, 5, true);
        writeShard("r1", 0, 0, 2, false);
        FrameShard fs = FrameShardReader.read(archive, "r1", 0);
        assertEquals(2, fs.frameCount());
        assertNull(fs.velocities());
        assertEquals(List.of("frames/run_id=r1/part-00000.parquet"), ArchiveFixtures.listFiles(dir));
    }

    @Test
    void nanPositionIsRefusedNamingRunAndFrame() throws Exception {
        try (FrameShardWriter w = FrameShardWriter.open(archive, "Ag2Te_T500_r0", 0, species)) {
            w.writeFrame(0, 0, ArchiveFixtures.positions(s, 0), null);
            double[] p = ArchiveFixtures.positions(s, 1);
            p[3 * 5 + 1] = Double.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.writeFrame(1, 0.05, p, null));
            assertEquals("run Ag2Te_T500_r0, shard part-00000.parquet, frame 1: position of atom 5 (y) is NaN",
                    e.getMessage());
            // the writer is still usable and the refused frame was not written
            w.writeFrame(1, 0.05, ArchiveFixtures.positions(s, 1), null);
            w.commit();
        }
        assertEquals(2, FrameShardReader.read(archive, "Ag2Te_T500_r0", 0).frameCount());
    }

    @Test
    void badFramesAreRefused() throws Exception {
        try (FrameShardWriter w = FrameShardWriter.open(archive, "r1", 0, species)) {
            double[] p = ArchiveFixtures.positions(s, 0);
            assertThrows(IllegalArgumentException.class, () -> w.writeFrame(-1, 0, p, null));
            w.writeFrame(5, 0.25, p, null);
            IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> w.writeFrame(7, 0.35, p, null));
            assertTrue(gap.getMessage().contains("run r1") && gap.getMessage().contains("frame 7")
                    && gap.getMessage().contains("does not follow frame 5"), gap.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.writeFrame(5, 0.3, p, null));
            assertThrows(IllegalArgumentException.class, () -> w.writeFrame(6, 0.25, p, null)); // time not increasing
            IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                    () -> w.writeFrame(6, 0.3, new double[3], null));
            assertTrue(len.getMessage().contains("3 × 12 = 36 entries, got 3"), len.getMessage());
            double[] v = ArchiveFixtures.velocities(s, 0);
            v[0] = Double.POSITIVE_INFINITY;
            assertThrows(IllegalArgumentException.class, () -> w.writeFrame(6, 0.3, p, v));
            double[] huge = p.clone();
            huge[2] = 1e300;
            assertThrows(IllegalArgumentException.class, () -> w.writeFrame(6, 0.3, huge, null));
        }
        assertEquals(List.of(), ArchiveFixtures.listFiles(dir));
        assertThrows(IllegalArgumentException.class, () -> FrameShardWriter.open(archive, "bad id", 0, species));
        assertThrows(IllegalArgumentException.class, () -> FrameShardWriter.open(archive, "r1", 0, new String[] {"Ag", null}));
        try (FrameShardWriter w = FrameShardWriter.open(archive, "r1", 0, species)) {
            assertThrows(IllegalStateException.class, w::commit); // empty shard
        }
    }

    @Test
    void readsOnlyTheRowsItWasGivenAcrossManyRowGroupsAndPages() throws Exception {
        Structure big = ArchiveFixtures.ag2te(3); // 324 atoms
        String[] sp = FrameShardWriter.speciesOfAtoms(big);
        try (FrameShardWriter w = FrameShardWriter.open(archive, "big", 0, sp)) {
            for (int f = 0; f < 100; f++) w.writeFrame(f, f * 0.1, ArchiveFixtures.positions(big, f), ArchiveFixtures.velocities(big, f));
            w.commit();
        }
        FrameShard fs = FrameShardReader.read(archive, "big", 0);
        fs.validate();
        assertEquals(32_400, fs.rowCount());
        assertArrayEquals(sp, java.util.Arrays.copyOfRange(fs.species(), 99 * 324, 100 * 324));
        assertFloatsEqual(ArchiveFixtures.positions(big, 99), fs.framePositions(99));
    }
}
