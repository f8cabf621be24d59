package io.ionflow.simulate.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page decoder of the msd job ({@link ShardFile}, {@link ColumnPages}) against parquet-mr's own record reader
 * ({@link GroupReadSupport}: an independent decoding of the same file), on shards written with data pages v1 and
 * v2, with and without dictionaries, SNAPPY, ZSTD (IonFlow's own page decompression) or uncompressed, with optional
 * columns holding nulls and NaN, small pages and several row groups, read one after another with one set of
 * {@link ReadBuffers} (as a task reads its run): every value, every null and every species id must agree.
 */
class ShardFileTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message spark_schema {"
            + " optional int32 frame; optional double time_ps; optional int32 atom; optional binary species (STRING);"
            + " optional float x; optional float y; optional float z;"
            + " optional float vx; optional float vy; optional float vz; }");
    private static final String[] SPECIES = {"Ag", "Te"};

    @ParameterizedTest(name = "writer {0}, dictionary {1}, {2}")
    @CsvSource({"PARQUET_1_0, true, SNAPPY", "PARQUET_1_0, false, SNAPPY", "PARQUET_2_0, true, SNAPPY",
            "PARQUET_2_0, false, SNAPPY", "PARQUET_1_0, true, ZSTD", "PARQUET_2_0, true, ZSTD",
            "PARQUET_2_0, false, ZSTD", "PARQUET_1_0, true, UNCOMPRESSED", "PARQUET_2_0, false, UNCOMPRESSED"})
    void pagesDecodeAsTheRecordReaderReadsThem(ParquetProperties.WriterVersion version, boolean dictionary,
                                               CompressionCodecName codec, @TempDir java.nio.file.Path dir)
            throws Exception {
        Configuration conf = new Configuration();
        conf.setInt("parquet.read.allocation.size", 1000); // a row group read into several buffers
        Path a = new Path(dir.resolve("part-00000.parquet").toUri());
        Path b = new Path(dir.resolve("part-00001.parquet").toUri());
        int rows = write(a, conf, version, dictionary, codec, 5);
        write(b, conf, version, dictionary, codec, 6);
        ReadBuffers shared = new ReadBuffers(); // reused across row groups and files, as a task reuses it
        for (Path file : List.of(a, b, a)) {
            List<Group> want = readBack(file, conf);
            assertEquals(rows, want.size());
            assertEquals(rows, compareAll(file, conf, want, shared), file.toString());
        }
    }

    /**
     * Row groups decoded into the arrays of earlier ones, as a task reuses them from row group to row group and from
     * task to task: the arrays are first filled with garbage, and come from a decode with another projection in which
     * vx was one of the value arrays (the decode that reuses them must not write vx over x). Every value and null
     * must still agree with the record reader.
     */
    @Test
    void reusedArraysDecodeAsNewOnes(@TempDir java.nio.file.Path dir) throws Exception {
        Configuration conf = new Configuration();
        Path file = new Path(dir.resolve("part-00000.parquet").toUri());
        write(file, conf, ParquetProperties.WriterVersion.PARQUET_2_0, true, CompressionCodecName.ZSTD, 7);
        List<Group> want = readBack(file, conf);
        Map<String, Integer> ids = Map.of("Ag", 0, "Te", 1);
        ReadBuffers buffers = new ReadBuffers();
        ShardFile.Columns reuse;
        try (ShardFile velocities = ShardFile.open(file.toString(), conf, new String[] {"vx", "vy", "vz"}, 0, true,
                buffers)) {
            reuse = velocities.nextRowGroup(ids, true);
        }
        assertTrue(reuse.vx == reuse.values[0], "vx is one of the value arrays");
        for (int round = 0; round < 2; round++) {
            int row = 0;
            int reused = 0;
            try (ShardFile shard = ShardFile.open(file.toString(), conf, new String[] {"x", "y", "z"}, 3, true,
                    buffers)) {
                for (ShardFile.Columns c = garbage(reuse); (c = shard.nextRowGroup(ids, true, c)) != null; ) {
                    reused += c.frame == reuse.frame ? 1 : 0;
                    for (int i = 0; i < c.rows; i++, row++) {
                        compare(want.get(row), c, i, row);
                    }
                    reuse = c;
                    garbage(c);
                }
            }
            assertEquals(want.size(), row);
            assertTrue(reused >= 2, "row groups decoded into reused arrays: " + reused);
        }
    }

    private static ShardFile.Columns garbage(ShardFile.Columns c) {
        java.util.Arrays.fill(c.frame, -3);
        java.util.Arrays.fill(c.atom, -3);
        java.util.Arrays.fill(c.time, -3.5);
        java.util.Arrays.fill(c.species, 5);
        for (float[] v : c.values) {
            java.util.Arrays.fill(v, -3.5f);
        }
        return c;
    }

    /** Reads a shard with {@link ShardFile} and compares every row with the record reader's; returns the rows. */
    private static int compareAll(Path file, Configuration conf, List<Group> want, ReadBuffers buffers) throws Exception {
        Map<String, Integer> ids = Map.of("Ag", 0, "Te", 1);
        int row = 0;
        try (ShardFile shard = ShardFile.open(file.toString(), conf, new String[] {"x", "y", "z"}, 3, true, buffers)) {
            assertEquals(true, shard.rowGroups() > 1, "several row groups");
            for (ShardFile.Columns c = shard.nextRowGroup(ids, true); c != null; c = shard.nextRowGroup(ids, true)) {
                for (int i = 0; i < c.rows; i++, row++) {
                    compare(want.get(row), c, i, row);
                }
            }
        }
        return row;
    }

    /**
     * A {@code file:} shard goes through {@link LocalShardInput}, a plain path through Hadoop's input: both give the same
     * values, and a damaged or vanished shard the same kind of one-line message naming the file.
     */
    @Test
    void localChannelAndHadoopInputAgree(@TempDir java.nio.file.Path dir) throws Exception {
        Configuration conf = new Configuration();
        java.nio.file.Path p = dir.resolve("part-00000.parquet");
        write(new Path(p.toUri()), conf, ParquetProperties.WriterVersion.PARQUET_1_0, true, CompressionCodecName.SNAPPY, 5);
        String local = p.toUri().toString();
        assertTrue(local.startsWith("file:"), local);
        assertArrayEquals(xs(p.toString(), conf), xs(local, conf));

        byte[] all = Files.readAllBytes(p);
        int footer = ByteBuffer.wrap(all, all.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() + 8;
        java.nio.file.Path cut = dir.resolve("part-00001.parquet"); // the footer kept, the pages cut short
        try (var out = Files.newOutputStream(cut)) {
            out.write(all, 0, 64);
            out.write(all, all.length - footer, footer);
        }
        String viaHadoop = failure(cut.toString(), conf);
        String viaChannel = failure(cut.toUri().toString(), conf);
        assertTrue(viaChannel.startsWith("file " + cut.toUri() + " cannot be read: "), viaChannel);
        assertTrue(viaHadoop.startsWith("file " + cut + " cannot be read: "), viaHadoop);
        assertEquals(viaHadoop.substring(viaHadoop.indexOf(" cannot be read: ")).replaceAll("@[0-9a-f]+", ""),
                viaChannel.substring(viaChannel.indexOf(" cannot be read: ")).replaceAll("@[0-9a-f]+", ""));

        java.nio.file.Path gone = dir.resolve("part-00002.parquet"); // listed, then removed by someone else
        assertEquals("file " + gone.toUri() + " cannot be read: does not exist", failure(gone.toUri().toString(), conf));
    }

    private static float[] xs(String file, Configuration conf) throws Exception {
        List<Float> out = new ArrayList<>();
        try (ShardFile shard = ShardFile.open(file, conf, new String[] {"x", "y", "z"}, 3, false, new ReadBuffers())) {
            for (ShardFile.Columns c = shard.nextRowGroup(Map.of("Ag", 0, "Te", 1), false); c != null;
                 c = shard.nextRowGroup(Map.of("Ag", 0, "Te", 1), false)) {
                for (int i = 0; i < c.rows; i++) {
                    out.add(c.valueNull[0] != null && c.valueNull[0][i] ? Float.NaN : c.values[0][i]);
                }
            }
        }
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    /** The message of reading the whole shard, which must fail. */
    private static String failure(String file, Configuration conf) {
        ShardFile.Unreadable e = assertThrows(ShardFile.Unreadable.class, () -> xs(file, conf));
        return e.getMessage();
    }

    private static void compare(Group g, ShardFile.Columns c, int i, int row) {
        String at = "row " + row;
        assertEquals(g.getFieldRepetitionCount("frame") == 0, c.frameNull != null && c.frameNull[i], at);
        if (g.getFieldRepetitionCount("frame") > 0) {
            assertEquals(g.getInteger("frame", 0), c.frame[i], at);
        }
        assertEquals(g.getInteger("atom", 0), c.atom[i], at);
        assertEquals(g.getDouble("time_ps", 0), c.time[i], at);
        String sp = g.getFieldRepetitionCount("species") == 0 ? null : g.getString("species", 0);
        assertEquals(sp, c.speciesName(c.species[i], SPECIES), at);
        String[] cols = {"x", "y", "z"};
        for (int k = 0; k < 3; k++) {
            boolean isNull = g.getFieldRepetitionCount(cols[k]) == 0;
            assertEquals(isNull, c.valueNull[k] != null && c.valueNull[k][i], at + " " + cols[k]);
            if (!isNull) {
                assertArrayEquals(new float[] {g.getFloat(cols[k], 0)}, new float[] {c.values[k][i]}, at);
            }
        }
        boolean vxNull = g.getFieldRepetitionCount("vx") == 0;
        assertEquals(vxNull, c.vxNull != null && c.vxNull[i], at + " vx");
        if (!vxNull) {
            assertEquals(g.getFloat("vx", 0), c.vx[i], at);
        }
    }

    /** 3 row groups of frames × 40 atoms; nulls in frame, species, y and vx; NaN in z; an unknown species. */
    private static int write(Path file, Configuration conf, ParquetProperties.WriterVersion version, boolean dictionary,
                             CompressionCodecName codec, long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        SimpleGroupFactory f = new SimpleGroupFactory(SCHEMA);
        int rows = 0;
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(file).withConf(conf).withType(SCHEMA)
                .withWriterVersion(version).withDictionaryEncoding(dictionary).withPageSize(1024)
                .withRowGroupSize(16 * 1024L).withCompressionCodec(codec).build()) {
            for (int frame = 0; frame < 120; frame++) {
                for (int atom = 0; atom < 40; atom++, rows++) {
                    Group g = f.newGroup();
                    if (rows % 997 != 5) {
                        g.append("frame", frame);
                    }
                    g.append("time_ps", 0.01 * frame).append("atom", atom);
                    if (rows % 1009 != 7) {
                        g.append("species", rows % 1201 == 9 ? "Xx" : SPECIES[atom % 2]);
                    }
                    g.append("x", (float) rnd.nextDouble(-30, 30));
                    if (rows % 499 != 3) {
                        g.append("y", (float) rnd.nextDouble(-30, 30));
                    }
                    g.append("z", rows % 701 == 11 ? Float.NaN : (float) rnd.nextDouble(-30, 30));
                    if (frame % 7 != 0) {
                        g.append("vx", (float) rnd.nextGaussian()).append("vy", 0f).append("vz", 0f);
                    }
                    w.write(g);
                }
            }
        }
        return rows;
    }

    private static List<Group> readBack(Path file, Configuration conf) throws Exception {
        List<Group> out = new ArrayList<>();
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
            for (Group g = r.read(); g != null; g = r.read()) {
                out.add(g);
            }
        }
        return out;
    }
}
