package io.ionflow.jobs.archive;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;

/**
 * The archive's {@code frames/} shards as a Spark table (the contract's schema, with {@code run_id} always a string),
 * and the shard to blame when a Spark action over them fails.
 */
public final class FrameShards {
    private FrameShards() {}

    /** frames/ with its partition column (DESIGN.md); given explicitly so run_id is always a string. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("frame", DataTypes.IntegerType, true),
            DataTypes.createStructField("time_ps", DataTypes.DoubleType, true),
            DataTypes.createStructField("atom", DataTypes.IntegerType, true),
            DataTypes.createStructField("species", DataTypes.StringType, true),
            DataTypes.createStructField("x", DataTypes.FloatType, true),
            DataTypes.createStructField("y", DataTypes.FloatType, true),
            DataTypes.createStructField("z", DataTypes.FloatType, true),
            DataTypes.createStructField("vx", DataTypes.FloatType, true),
            DataTypes.createStructField("vy", DataTypes.FloatType, true),
            DataTypes.createStructField("vz", DataTypes.FloatType, true),
            DataTypes.createStructField("run_id", DataTypes.StringType, true)});

    private static final Pattern RUN_IN_PATH = Pattern.compile("run_id=([A-Za-z][A-Za-z0-9._-]*)");
    private static final Pattern FILE_IN_MESSAGE = Pattern.compile("([a-z0-9]+:\\S*?run_id=[A-Za-z][A-Za-z0-9._-]*/\\S+?)"
            + "(?=\\.?(\\s|$|\\]))");

    /** The frames of {@code runs} (lazy). */
    public static Dataset<Row> of(SparkSession spark, io.ionflow.simulate.archive.Archive a, Set<String> runs) {
        return spark.read().schema(SCHEMA).parquet(a.framesDir().toString()).where(col("run_id").isin(runs.toArray()));
    }

    /**
     * When a Spark action failed because a frame shard of one of {@code runs} cannot be read (not Parquet, truncated,
     * a damaged footer, a column of the wrong type), names it.
     *
     * @return {run id, "file … cannot be read: <problem>"}, or null when the failure is not tied to one run's file
     */
    public static String[] unreadableFile(Throwable e, Set<String> runs) {
        String run = null;
        String file = null;
        for (Throwable t = e; t != null && run == null; t = t.getCause()) {
            Matcher fm = FILE_IN_MESSAGE.matcher(String.valueOf(t.getMessage()));
            while (fm.find()) {
                Matcher rm = RUN_IN_PATH.matcher(fm.group(1));
                if (rm.find() && runs.contains(rm.group(1))) {
                    run = rm.group(1);
                    file = fm.group(1);
                    break;
                }
            }
        }
        if (run == null) {
            return null;
        }
        String why = rootMessage(e);
        String shown = file.replaceFirst("^file:/+", "/");
        int at = why.indexOf(shown);
        if (at >= 0) {
            why = why.substring(at + shown.length()).replaceFirst("^[:\\s]+", "");
        }
        return new String[] {run, "file " + file + " cannot be read: " + why};
    }

    /** The first line of the innermost cause's message (stripped), or its class name when it has none. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int i = m.indexOf('\n');
        return (i < 0 ? m : m.substring(0, i)).strip();
    }
}
