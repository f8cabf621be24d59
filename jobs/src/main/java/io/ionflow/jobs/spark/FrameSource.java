package io.ionflow.jobs.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For jobs that read frames through Spark's Parquet source ({@code modes}): the archive's frame schema, and the run
 * and file behind a failed read, from the failure's message (the msd and vacf jobs read their shards themselves and
 * need neither).
 */
public final class FrameSource {
    private FrameSource() {}

    /** frames/ with its partition column (DESIGN.md); given explicitly so run_id is always a string. */
    public static final StructType FRAMES = new StructType(new StructField[] {
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
            String msg = String.valueOf(t.getMessage());
            Matcher fm = FILE_IN_MESSAGE.matcher(msg);
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
        int at = why.indexOf(file.replaceFirst("^file:/+", "/"));
        if (at >= 0) {
            why = why.substring(at + file.replaceFirst("^file:/+", "/").length()).replaceFirst("^[:\\s]+", "");
        }
        return new String[] {run, "file " + file + " cannot be read: " + why};
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return firstLine(m);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).strip();
    }
}
