package io.ionflow.jobs.archive;

import io.ionflow.simulate.archive.Causes;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ArchiveFormatException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Reading the archive's optional tables (Parquet and CSV) through the archive's Hadoop {@link FileSystem} (so
 * {@code file:}, {@code hdfs:} and {@code s3a:} archives all work), and the one-line messages of a table that
 * cannot be read.
 *
 * <p>A table that does not exist (or holds no visible data file) is reported as absent, never as an error; a table
 * that exists but lacks a needed column, holds a value that is not a number where a number belongs, or has a file
 * that cannot be read is an {@link ArchiveFormatException} naming it.
 */
public final class Tables {
    private Tables() {}

    /** @return whether {@code p} exists and holds at least one visible (not {@code .}/{@code _}-prefixed) file */
    private static boolean hasData(Archive a, Path p) throws IOException {
        FileSystem fs = a.fileSystem();
        FileStatus st;
        try {
            st = fs.getFileStatus(p);
        } catch (FileNotFoundException e) {
            return false;
        }
        if (st.isFile()) return st.getLen() > 0;
        return hasVisibleFile(fs, p, 3);
    }

    private static boolean hasVisibleFile(FileSystem fs, Path dir, int depth) throws IOException {
        for (FileStatus c : fs.listStatus(dir)) {
            String n = c.getPath().getName();
            if (n.startsWith(".") || n.startsWith("_")) continue;
            if (c.isFile() && c.getLen() > 0) return true;
            if (c.isDirectory() && depth > 0 && hasVisibleFile(fs, c.getPath(), depth - 1)) return true;
        }
        return false;
    }

    /**
     * Reads a Parquet table if it exists.
     *
     * @param what     e.g. {@code analysis/diffusion}, used in messages
     * @param required columns that must be present
     * @return the table, or empty when it does not exist
     * @throws ArchiveFormatException when it exists but cannot be read or lacks a required column
     */
    public static Optional<Dataset<Row>> parquet(SparkSession spark, Archive a, Path p, String what, String... required)
            throws IOException {
        return read(a, p, what, "Parquet table", () -> spark.read().parquet(p.toString()), required);
    }

    /**
     * Reads the given columns of a Parquet table, in that order, if it exists.
     *
     * @return its rows, or empty when it does not exist
     * @throws ArchiveFormatException when it exists but cannot be read or lacks one of the columns
     */
    public static Optional<List<Row>> rows(SparkSession spark, Archive a, Path p, String what, String... columns) throws IOException {
        Optional<Dataset<Row>> t = parquet(spark, a, p, what, columns);
        if (t.isEmpty()) return Optional.empty();
        return Optional.of(collect(t.get().select(Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new)), p));
    }

    /**
     * Reads a CSV file with a header line (all columns as strings) if it exists.
     *
     * @return the table, or empty when the file does not exist
     */
    public static Optional<Dataset<Row>> csv(SparkSession spark, Archive a, Path p, String what, String... required)
            throws IOException {
        return read(a, p, what, "CSV file", () -> spark.read().option("header", "true").option("inferSchema", "false")
                .csv(p.toString()), required);
    }

    /**
     * The table {@code reader} reads, if {@code p} holds data.
     *
     * @throws ArchiveFormatException naming the table when it cannot be read, or the first required column it lacks
     */
    private static Optional<Dataset<Row>> read(Archive a, Path p, String what, String kind, Supplier<Dataset<Row>> reader,
                                               String... required) throws IOException {
        if (!hasData(a, p)) return Optional.empty();
        Dataset<Row> df;
        try {
            df = reader.get();
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            throw new ArchiveFormatException(p, what + " is not a readable " + kind + ": " + Causes.rootFirstLine(e), e);
        }
        List<String> have = Arrays.asList(df.columns());
        for (String c : required) {
            if (!have.contains(c)) {
                throw new ArchiveFormatException(p, what + " lacks the column '" + c + "' (it has " + String.join(", ", have) + ")");
            }
        }
        return Optional.of(df);
    }

    /** @return whether the table has the column */
    public static boolean has(Dataset<Row> df, String column) {
        return Arrays.asList(df.columns()).contains(column);
    }

    /** The column as double; a value that is not a number becomes null ({@link #checkNumbers} reports those first). */
    public static Column dbl(String c) {
        return col(c).try_cast("double");
    }

    /**
     * Fails on the first row whose value in one of {@code columns} (those the table has) is present but not a number,
     * naming the file, the run and the value: a malformed input is reported, never read as "no value".
     */
    public static void checkNumbers(Dataset<Row> t, Path p, String... columns) throws ArchiveFormatException {
        List<String> have = new ArrayList<>();
        Column bad = lit(false);
        for (String c : columns) {
            if (has(t, c)) {
                have.add(c);
                bad = bad.or(col(c).isNotNull().and(col(c).try_cast("double").isNull()));
            }
        }
        if (have.isEmpty()) return;
        List<Column> sel = new ArrayList<>();
        sel.add(has(t, "run_id") ? col("run_id").cast("string") : lit(null).cast("string"));
        for (String c : have) sel.add(col(c).cast("string"));
        List<Row> rows = collect(t.where(bad).select(sel.toArray(new Column[0])).limit(1), p);
        if (rows.isEmpty()) return;
        Row r = rows.get(0);
        for (int i = 0; i < have.size(); i++) {
            String v = r.getString(i + 1);
            if (v != null) {
                try {
                    Double.parseDouble(v.strip());
                } catch (NumberFormatException e) {
                    throw new ArchiveFormatException(p, "run " + r.getString(0) + ": " + have.get(i) + " '" + v
                            + "' is not a number");
                }
            }
        }
        throw new ArchiveFormatException(p, "run " + r.getString(0) + ": a value of " + have + " is not a number");
    }

    /** Collects a query on an input table; a file that cannot be read is reported in one line naming the table. */
    public static List<Row> collect(Dataset<Row> q, Path p) throws ArchiveFormatException {
        try {
            return q.collectAsList();
        } catch (Exception e) { // also Spark's checked SparkException
            throw new ArchiveFormatException(p, "cannot be read: " + Causes.rootFirstLine(e).strip(), e);
        }
    }

    /** The column as double, or a null double column when the table lacks it. */
    public static Column opt(Dataset<Row> t, String c) {
        return optRaw(t, c).as(c);
    }

    /** Like {@link #opt} without an alias, for use inside expressions. */
    public static Column optRaw(Dataset<Row> t, String c) {
        return has(t, c) ? col(c).try_cast("double") : lit(null).cast("double");
    }

    /** NaN → null (an absent value in Parquet). */
    public static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    public static double d(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }

    /**
     * The one notation of the jobs' table schemas: {@code "name:s"} string, {@code ":d"} double, {@code ":i"} int,
     * {@code ":b"} boolean, {@code ":d[]"} array of doubles; nullable unless the type ends in {@code !}
     * ({@code "run_id:s!"}).
     */
    public static StructType schema(String... cols) {
        List<StructField> f = new ArrayList<>();
        for (String c : cols) {
            String[] p = c.split(":");
            boolean required = p[1].endsWith("!");
            f.add(DataTypes.createStructField(p[0], switch (required ? p[1].substring(0, p[1].length() - 1) : p[1]) {
                case "s" -> DataTypes.StringType;
                case "d" -> DataTypes.DoubleType;
                case "i" -> DataTypes.IntegerType;
                case "b" -> DataTypes.BooleanType;
                case "d[]" -> DataTypes.createArrayType(DataTypes.DoubleType);
                default -> throw new IllegalArgumentException(c);
            }, !required));
        }
        return DataTypes.createStructType(f);
    }
}
