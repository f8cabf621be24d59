package io.ionflow.jobs.archive;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.StagedPartitions;
import io.ionflow.simulate.archive.TableWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rows of one analysis table and their schema ({@link Tables#schema}'s notation), written by the archive's one
 * table writer ({@code simulate}'s {@link TableWriter}, parquet-mr) — from the driver or from a task — and staged for a
 * {@code Publication} ({@link #stage}, {@link #stageTables}).
 *
 * @param rows one {@code Object[]} per row in the schema's column order (String, Integer, Double, Boolean,
 *             double[]; null for an absent value)
 */
public record TableRows(StructType schema, List<Object[]> rows) implements Serializable {

    /** One row per item, {@code row} giving the item's values in the order of {@code schema}. */
    public static <T> TableRows of(List<T> items, Function<T, Object[]> row, StructType schema) {
        return new TableRows(schema, items.stream().map(row).toList());
    }

    /**
     * Writes the rows under {@code dir}: partitioned by {@code partitionBy} (one directory level per column, one file
     * per partition), or as one file {@code dir/part-00000.parquet} without partition columns.
     */
    public void write(Configuration conf, Path dir, String... partitionBy) throws IOException {
        if (partitionBy.length == 0) {
            TableWriter.write(conf, new Path(dir, TableWriter.FILE), parquetSchema(schema), rows);
        } else {
            TableWriter.writePartitioned(conf, dir, parquetSchema(schema), List.of(partitionBy), rows);
        }
    }

    /** Writes {@code t} partitioned by {@code partitionBy} under a hidden staging directory of {@code table}. */
    public static StagedPartitions stage(Archive a, Path table, TableRows t, String... partitionBy) throws IOException {
        StagedPartitions st = StagedPartitions.open(a, table, partitionBy.length);
        return st.written(() -> t.write(a.configuration(), st.staging(), partitionBy));
    }

    /**
     * Writes several small tables as the leaves of {@code table} (e.g. {@code analysis/fits/parameters}), each as one
     * Parquet file under a hidden staging directory; published like partitions of depth 1.
     *
     * @param tables leaf name → table
     */
    public static StagedPartitions stageTables(Archive a, Path table, Map<String, TableRows> tables) throws IOException {
        StagedPartitions st = StagedPartitions.open(a, table, 1);
        return st.written(() -> {
            for (Map.Entry<String, TableRows> e : tables.entrySet()) {
                e.getValue().write(a.configuration(), new Path(st.staging(), e.getKey()));
            }
        });
    }

    /** The Parquet schema Spark gives such a table: its nullable columns optional, arrays as 3-level LISTs. */
    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder m = Types.buildMessage();
        for (StructField f : schema.fields()) {
            m.addField(field(f.name(), f.dataType(), f.nullable()));
        }
        return m.named("spark_schema");
    }

    private static Type field(String name, DataType t, boolean nullable) {
        Type.Repetition rep = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        if (t instanceof ArrayType a) {
            return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType()).addField(Types.repeatedGroup()
                    .addField(field("element", a.elementType(), a.containsNull())).named("list")).named(name);
        }
        if (t.equals(DataTypes.StringType)) {
            return Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(name);
        }
        PrimitiveTypeName p = t.equals(DataTypes.DoubleType) ? PrimitiveTypeName.DOUBLE
                : t.equals(DataTypes.IntegerType) ? PrimitiveTypeName.INT32
                : t.equals(DataTypes.BooleanType) ? PrimitiveTypeName.BOOLEAN : null;
        if (p == null) throw new IllegalArgumentException("no table column type for " + t.simpleString() + " (" + name + ")");
        return Types.primitive(p, rep).named(name);
    }
}
