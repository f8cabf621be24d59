package io.ionflow.simulate.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer of the archive's analysis tables (parquet-hadoop, no Spark): rows of flat columns — strings, ints,
 * bigints, doubles, booleans, nullable or not, and lists of doubles or strings in the standard 3-level LIST layout — into one Parquet file,
 * or into a table partitioned Hive-style ({@code <table>/<column>=<value>/part-00000.parquet}, the layout of
 * {@code frames/} and of every table of DESIGN.md), which Spark, pandas/pyarrow and DuckDB read as partitioned tables.
 *
 * The {@code runs/} table is written by it too ({@link RunsTableWriter}).
 *
 * <p>A row is an {@code Object[]} in the order of the schema's fields: {@code String}, {@code Integer}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code double[]} or {@code String[]}; {@code null} where the field is optional and the value absent.
 */
public final class TableWriter {
    private TableWriter() {}

    /** The name of the one file of a table (or of one partition of it). */
    public static final String FILE = "part-00000.parquet";

    /**
     * Writes {@code rows} to {@code file} (replacing it).
     *
     * @throws IOException naming the file
     */
    public static void write(Configuration conf, Path file, MessageType schema, List<Object[]> rows) throws IOException {
        write(conf, file, schema, Map.of(), rows);
    }

    /** Like {@link #write(Configuration, Path, MessageType, List)}, with key/value metadata in the footer. */
    public static void write(Configuration conf, Path file, MessageType schema, Map<String, String> metadata,
                             List<Object[]> rows) throws IOException {
        OutputFile out = HadoopOutputFile.fromPath(file, conf);
        Builder b = new Builder(out, schema, metadata).withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withDictionaryEncoding(false); // numbers are mostly distinct: a dictionary is built only to be dropped
        for (ColumnDescriptor c : schema.getColumns()) {
            if (c.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
                b = b.withDictionaryEncoding(String.join(".", c.getPath()), true); // species, method, notes repeat
            }
        }
        try (ParquetWriter<Object[]> w = b.build()) {
            for (Object[] r : rows) w.write(r);
        } catch (IOException e) {
            throw new IOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code rows} under {@code dir}, one directory level per column of {@code partitionBy} (in that order) and
     * one file per partition; those columns are dropped from the files, their values name the directories.
     *
     * @return the partitions written, as paths relative to {@code dir} (e.g. {@code run_id=R1/method=msd})
     */
    public static List<String> writePartitioned(Configuration conf, Path dir, MessageType schema,
                                                List<String> partitionBy, List<Object[]> rows) throws IOException {
        int[] keys = partitionBy.stream().mapToInt(schema::getFieldIndex).toArray();
        List<Type> kept = new ArrayList<>();
        for (int i = 0; i < schema.getFieldCount(); i++) {
            if (!partitionBy.contains(schema.getFieldName(i))) kept.add(schema.getType(i));
        }
        int[] keptIndex = kept.stream().mapToInt(t -> schema.getFieldIndex(t.getName())).toArray();
        MessageType fileSchema = new MessageType(schema.getName(), kept);
        Map<String, List<Object[]>> byPartition = new LinkedHashMap<>();
        for (Object[] r : rows) {
            StringBuilder p = new StringBuilder();
            for (int k = 0; k < keys.length; k++) {
                p.append(k == 0 ? "" : "/").append(partitionBy.get(k)).append('=').append(escape(r[keys[k]]));
            }
            Object[] v = new Object[keptIndex.length];
            for (int k = 0; k < v.length; k++) v[k] = r[keptIndex[k]];
            byPartition.computeIfAbsent(p.toString(), x -> new ArrayList<>()).add(v);
        }
        for (Map.Entry<String, List<Object[]>> e : byPartition.entrySet()) {
            write(conf, new Path(new Path(dir, e.getKey()), FILE), fileSchema, e.getValue());
        }
        return new ArrayList<>(byPartition.keySet());
    }

    /**
     * A partition value as a directory name: characters that cannot stand in a path segment or that Hive-style
     * readers decode ({@code %}, {@code /}, {@code =}, {@code :}, …, control characters) as {@code %XX}; null as
     * {@code __HIVE_DEFAULT_PARTITION__}, as Spark and Hive read it.
     */
    static String escape(Object value) {
        if (value == null) return "__HIVE_DEFAULT_PARTITION__";
        StringBuilder out = new StringBuilder();
        for (char c : value.toString().toCharArray()) {
            if (c < 0x20 || c == 0x7F || c == 0x7B || "\"#%'*/:=?\\[]^".indexOf(c) >= 0) { // 0x7B: left brace
                out.append(String.format("%%%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final MessageType schema;
        private final Map<String, String> metadata;

        Builder(OutputFile file, MessageType schema, Map<String, String> metadata) {
            super(file);
            this.schema = schema;
            this.metadata = metadata;
        }

        @Override protected Builder self() { return this; }

        @Override protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema, metadata);
        }
    }

    /** One {@code Object[]} as one record of the schema. */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private final Map<String, String> metadata;
        private RecordConsumer rc;

        RowWriteSupport(MessageType schema, Map<String, String> metadata) {
            this.schema = schema;
            this.metadata = metadata;
        }

        @Override
        public WriteContext init(Configuration configuration) { return new WriteContext(schema, metadata); }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) { this.rc = recordConsumer; }

        @Override
        public void write(Object[] row) {
            rc.startMessage();
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    if (!schema.getType(i).isRepetition(Type.Repetition.OPTIONAL)) {
                        throw new IllegalArgumentException("null in required column '" + schema.getFieldName(i) + "'");
                    }
                    continue;
                }
                String name = schema.getFieldName(i);
                rc.startField(name, i);
                value(row[i]);
                rc.endField(name, i);
            }
            rc.endMessage();
        }

        private void value(Object v) {
            if (v instanceof String s) rc.addBinary(Binary.fromString(s));
            else if (v instanceof Double d) rc.addDouble(d);
            else if (v instanceof Integer n) rc.addInteger(n);
            else if (v instanceof Boolean b) rc.addBoolean(b);
            else if (v instanceof Long n) rc.addLong(n);
            else if (v instanceof double[] a) list(Arrays.stream(a).boxed().toArray());
            else if (v instanceof String[] a) list(a);
            else throw new IllegalArgumentException("no column type for " + v.getClass().getSimpleName());
        }

        /** The standard 3-level LIST: {@code group (LIST) { repeated group list { element } }}. */
        private void list(Object[] values) {
            rc.startGroup();
            if (values.length > 0) {
                rc.startField("list", 0);
                for (Object x : values) {
                    rc.startGroup();
                    rc.startField("element", 0);
                    value(x);
                    rc.endField("element", 0);
                    rc.endGroup();
                }
                rc.endField("list", 0);
            }
            rc.endGroup();
        }
    }
}
