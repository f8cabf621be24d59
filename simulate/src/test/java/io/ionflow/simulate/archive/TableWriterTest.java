package io.ionflow.simulate.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analysis-table writer: partition directories, escaping, nulls and lists, read back with parquet-mr's own reader. */
class TableWriterTest {
    private static final MessageType SCHEMA = Types.buildMessage()
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_id")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("method")
            .optional(PrimitiveTypeName.DOUBLE).named("x")
            .required(PrimitiveTypeName.INT32).named("n")
            .optional(PrimitiveTypeName.BOOLEAN).named("ok")
            .addField(Types.optionalGroup().as(LogicalTypeAnnotation.listType()).addField(Types.repeatedGroup()
                    .addField(Types.optional(PrimitiveTypeName.DOUBLE).named("element")).named("list")).named("v"))
            .named("t");

    @Test
    void partitionsNullsAndListsReadBackByParquetMr(@TempDir java.nio.file.Path dir) throws Exception {
        Configuration conf = new Configuration();
        List<Object[]> rows = List.of(
                new Object[] {"R1", "msd", 1.5, 3, true, new double[] {1, 2}},
                new Object[] {"R1", "msd", null, 4, null, new double[0]},
                new Object[] {"a/b=c%", "vacf", Double.NaN, 5, false, null});
        List<String> parts = TableWriter.writePartitioned(conf, new Path(dir.toString()), SCHEMA, List.of("run_id", "method"),
                rows);
        assertEquals(List.of("run_id=R1/method=msd", "run_id=a%2Fb%3Dc%25/method=vacf"), parts);
        assertTrue(Files.isRegularFile(dir.resolve("run_id=R1/method=msd/part-00000.parquet")));
        assertTrue(Files.isRegularFile(dir.resolve("run_id=a%2Fb%3Dc%25/method=vacf/part-00000.parquet")));

        List<Group> r1 = read(conf, dir.resolve("run_id=R1/method=msd/part-00000.parquet"));
        assertEquals(2, r1.size());
        assertFalse(r1.get(0).getType().containsField("run_id"), "partition columns are not in the files");
        assertEquals(1.5, r1.get(0).getDouble("x", 0));
        assertEquals(3, r1.get(0).getInteger("n", 0));
        assertTrue(r1.get(0).getBoolean("ok", 0));
        Group list = r1.get(0).getGroup("v", 0);
        assertEquals(2, list.getFieldRepetitionCount("list"));
        assertEquals(2.0, list.getGroup("list", 1).getDouble("element", 0));
        assertEquals(0, r1.get(1).getFieldRepetitionCount("x"), "null stays null");
        assertEquals(0, r1.get(1).getFieldRepetitionCount("ok"));
        assertEquals(0, r1.get(1).getGroup("v", 0).getFieldRepetitionCount("list"), "an empty list");
        List<Group> other = read(conf, dir.resolve("run_id=a%2Fb%3Dc%25/method=vacf/part-00000.parquet"));
        assertTrue(Double.isNaN(other.get(0).getDouble("x", 0)), "NaN stays NaN, not null");
        assertEquals(0, other.get(0).getFieldRepetitionCount("v"), "a null list");

        Object[] bad = {"R2", "msd", 1.0, null, true, null};
        assertThrows(IllegalArgumentException.class, () -> TableWriter.write(conf,
                new Path(dir.resolve("bad.parquet").toString()), SCHEMA, List.<Object[]>of(bad)));
    }

    @Test
    void escapesWhatHiveStyleReadersDecode() {
        assertEquals("Ag2Te_T500_vac0.100_r0", TableWriter.escape("Ag2Te_T500_vac0.100_r0"));
        assertEquals("a%3Ab%5Bc%5D%23%3F%2A%09%7B", TableWriter.escape("a:b[c]#?*\t{"));
        assertEquals("__HIVE_DEFAULT_PARTITION__", TableWriter.escape(null));
    }

    private static List<Group> read(Configuration conf, java.nio.file.Path file) throws Exception {
        List<Group> out = new ArrayList<>();
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), new Path(file.toString()))
                .withConf(conf).build()) {
            for (Group g = r.read(); g != null; g = r.read()) out.add(g);
        }
        return out;
    }
}
