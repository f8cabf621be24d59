package io.ionflow.jobs.archive;

import io.ionflow.jobs.SharedSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the archive's table writer writes, read by Spark: the same column types as Spark's own writer gives the same
 * rows (each nullable column, arrays, the partition columns as strings, an escaped partition value decoded), and the
 * same rows, nulls and NaN included.
 */
class TableRowsTest {
    @Test
    void sparkReadsTheTableAsItsOwnWriterWouldWriteIt(@TempDir java.nio.file.Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        StructType schema = Tables.schema("run_id:s", "method:s", "d:d", "n:i", "ok:b", "v:d[]");
        List<Object[]> rows = List.of(new Object[] {"R1", "msd", 1.5, 3, true, new double[] {1, 2}},
                new Object[] {"R1", "msd", null, 4, null, new double[0]},
                new Object[] {"Li/x=1", "vacf", Double.NaN, 5, false, null});
        new TableRows(schema, rows).write(new Configuration(), new Path(dir.resolve("ours").toString()), "run_id", "method");
        spark.createDataFrame(rows.stream().map(r -> Row.fromSeq(scala.jdk.javaapi.CollectionConverters.asScala(
                java.util.Arrays.asList(r[0], r[1], r[2], r[3], r[4], r[5] == null ? null
                        : java.util.Arrays.stream((double[]) r[5]).boxed().toList())).toSeq())).toList(), schema)
                .write().partitionBy("run_id", "method").parquet(dir.resolve("spark").toString());

        var ours = spark.read().parquet(dir.resolve("ours").toString());
        var theirs = spark.read().parquet(dir.resolve("spark").toString());
        assertEquals(theirs.schema(), ours.schema());
        assertEquals(DataTypes.StringType, ours.schema().apply("run_id").dataType(), "a run id stays a string");
        List<String> a = ours.orderBy("n").collectAsList().stream().map(Row::toString).toList();
        List<String> b = theirs.orderBy("n").collectAsList().stream().map(Row::toString).toList();
        assertEquals(b, a);
        assertTrue(a.get(2).startsWith("[NaN,5,false,null,Li/x=1,vacf]"), a.get(2));
    }
}
