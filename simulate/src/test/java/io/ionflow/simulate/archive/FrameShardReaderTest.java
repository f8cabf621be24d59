package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files written by other tools: accepted when they follow the contract, refused clearly otherwise. */
class FrameShardReaderTest {
    @TempDir
    java.nio.file.Path dir;

    private Archive archive;

    @BeforeEach
    void open() throws Exception {
        archive = Archive.at(dir.toString());
    }

    /** Writes rows (frame, atom) for 2 frames × 2 atoms with the example Group API; columns by schema. */
    private Path write(String schemaText, boolean withNulls) throws Exception {
        return write(schemaText, withNulls, false);
    }

    private Path write(String schemaText, boolean withNulls, boolean reverseAtoms) throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType(schemaText);
        Path file = archive.shardFile("other", 0);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, archive.configuration()))
                .withType(schema).withConf(archive.configuration())
                .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (int f = 0; f < 2; f++) {
                for (int i = 0; i < 2; i++) {
                    int a = reverseAtoms ? 1 - i : i;
                    Group g = groups.newGroup();
                    for (var field : schema.getFields()) {
                        String n = field.getName();
                        switch (field.asPrimitiveType().getPrimitiveTypeName()) {
                            case INT32 -> g.add(n, n.equals("frame") ? f : a);
                            case INT64 -> g.add(n, (long) (n.equals("frame") ? f : a));
                            case DOUBLE -> g.add(n, 0.5 * f);
                            case BINARY -> g.add(n, a == 0 ? "Ag" : "Te");
                            case FLOAT -> {
                                if (!(withNulls && (n.startsWith("v") || (n.equals("x") && f == 1)))) g.add(n, 1.5f * a + f);
                            }
                            default -> throw new AssertionError(n);
                        }
                    }
                    w.write(g);
                }
            }
        }
        return file;
    }

    private static final String SPARK_STYLE = """
            message spark_schema {
              optional int32 frame; optional double time_ps; optional int32 atom; optional binary species (STRING);
              optional float x; optional float y; optional float z; optional float vx; optional float vy; optional float vz;
              optional int32 extra;
            }""";

    @Test
    void acceptsOptionalColumnsAndExtraColumns() throws Exception {
        write(SPARK_STYLE, false);
        FrameShard fs = FrameShardReader.read(archive, "other", 0);
        fs.validate();
        assertEquals(4, fs.rowCount());
        assertEquals(2, fs.atomsPerFrame());
        assertEquals(2.5f, fs.positions()[3 * 3], 0f);
        assertEquals(2.5f, fs.velocities()[3 * 3 + 2], 0f);
    }

    @Test
    void refusesNullPositions() throws Exception {
        Path file = write(SPARK_STYLE, true);
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> FrameShardReader.read(archive, "other", 0));
        assertEquals(file + ": null in column 'x' at row 2; the contract does not allow nulls there", e.getMessage());
    }

    @Test
    void refusesMissingColumn() throws Exception {
        Path file = write("""
                message m { required int32 frame; required double time_ps; required int32 atom;
                  required binary species (STRING); required float x; required float y; required float z; }""", false);
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> FrameShardReader.read(archive, "other", 0));
        assertTrue(e.getMessage().startsWith(file + ": missing column 'vx' (float)"), e.getMessage());
    }

    @Test
    void refusesWrongType() throws Exception {
        Path file = write("""
                message m { required int64 frame; required double time_ps; required int32 atom;
                  required binary species (STRING); required float x; required float y; required float z;
                  optional float vx; optional float vy; optional float vz; }""", false);
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> FrameShardReader.read(archive, "other", 0));
        assertEquals(file + ": column 'frame' has Parquet type 'required int64 frame' but the contract type is int",
                e.getMessage());
        write("""
                message m { required int32 frame; required double time_ps; required int32 atom;
                  required binary species; required float x; required float y; required float z;
                  optional float vx; optional float vy; optional float vz; }""", false);
        e = assertThrows(ArchiveFormatException.class, () -> FrameShardReader.read(archive, "other", 0));
        assertTrue(e.getMessage().contains("column 'species'") && e.getMessage().endsWith("contract type is string"),
                e.getMessage());
    }

    @Test
    void refusesUnsortedRowsInValidate() throws Exception {
        Path file = write(SPARK_STYLE, false, true);
        FrameShard fs = FrameShardReader.read(archive, "other", 0); // atoms 1, 0 in each frame
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, fs::validate);
        assertEquals(file + ": row 0 is (frame 0, atom 1) but (frame 0, atom 0) was expected: rows must be sorted"
                + " by (frame, atom) with contiguous frames and atoms 0..1", e.getMessage());
    }

    @Test
    void refusesTruncatedShard() throws Exception {
        var s = ArchiveFixtures.ag2te(1);
        Path file;
        try (FrameShardWriter w = FrameShardWriter.open(archive, "r1", 0, FrameShardWriter.speciesOfAtoms(s))) {
            w.writeFrame(0, 0, ArchiveFixtures.positions(s, 0), null);
            file = w.commit();
        }
        java.nio.file.Path local = dir.resolve("frames/run_id=r1/part-00000.parquet");
        try (FileChannel ch = FileChannel.open(local, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> FrameShardReader.read(archive, "r1", 0));
        assertTrue(e.getMessage().startsWith(file + ": not a readable Parquet file"), e.getMessage());
        assertEquals(file.toString(), e.file());
    }
}
