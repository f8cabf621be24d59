package io.ionflow.jobs.msd;

import io.ionflow.jobs.archive.RunsFilter;
import io.ionflow.jobs.archive.RunsReader;
import io.ionflow.jobs.archive.UserError;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ArchiveFormatException;
import io.ionflow.simulate.archive.RunInfo;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ionflow.jobs.archive.ShardFile.rootMessage;

/**
 * The runs/ table as the transport jobs read it (DESIGN.md): every contract column present with its type, the
 * optional {@code --runs} condition applied, one {@link RunInfo} per row; a row that is null somewhere (other than
 * timestep_fs, null when an ingested run's MD step is unknown: NaN in RunInfo) or whose run id is listed twice fails
 * only that run.
 */
final class RunsTable {
    private RunsTable() {}

    /** The contract columns, in the order the rows are read. */
    static final List<String> RUN_COLUMNS = List.of("run_id", "system", "temperature_k", "vacancy_fraction", "replica",
            "n_atoms", "timestep_fs", "frame_interval_ps", "n_frames", "cell", "species", "masses", "seed", "source");

    /** Index of timestep_fs in {@link #RUN_COLUMNS}: the only column that may be null. */
    private static final int TIMESTEP_FS = RUN_COLUMNS.indexOf("timestep_fs");

    private static final Map<String, DataType> RUN_TYPES = Map.ofEntries(
            Map.entry("run_id", DataTypes.StringType), Map.entry("system", DataTypes.StringType),
            Map.entry("temperature_k", DataTypes.DoubleType), Map.entry("vacancy_fraction", DataTypes.DoubleType),
            Map.entry("replica", DataTypes.IntegerType), Map.entry("n_atoms", DataTypes.IntegerType),
            Map.entry("timestep_fs", DataTypes.DoubleType), Map.entry("frame_interval_ps", DataTypes.DoubleType),
            Map.entry("n_frames", DataTypes.IntegerType),
            Map.entry("cell", DataTypes.createArrayType(DataTypes.DoubleType)),
            Map.entry("species", DataTypes.createArrayType(DataTypes.StringType)),
            Map.entry("masses", DataTypes.createArrayType(DataTypes.DoubleType)),
            Map.entry("seed", DataTypes.LongType), Map.entry("source", DataTypes.StringType));

    /** Every contract column present with its type, or one error naming all that are not. */
    private static void checkSchema(StructType schema, Archive archive) throws ArchiveFormatException {
        List<String> problems = new ArrayList<>();
        for (String c : RUN_COLUMNS) {
            if (!Arrays.asList(schema.fieldNames()).contains(c)) {
                problems.add("missing column '" + c + "'");
            } else {
                DataType t = schema.apply(c).dataType();
                DataType want = RUN_TYPES.get(c);
                if (!t.sameType(want) && !(want instanceof org.apache.spark.sql.types.ArrayType wa
                        && t instanceof org.apache.spark.sql.types.ArrayType ta && wa.elementType().equals(ta.elementType()))) {
                    problems.add("column '" + c + "' is " + t.simpleString() + ", expected " + want.simpleString());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ArchiveFormatException(archive.runsDir(), String.join("; ", problems));
        }
    }

    /**
     * @param filter  the --runs condition (Spark SQL on runs/), or null
     * @param failed  gets run id → problem for rows that cannot be used
     * @return the usable runs, sorted by run id
     * @throws ArchiveFormatException when runs/ cannot be read or lacks a contract column; {@link UserError} for a bad
     *                                or empty --runs selection
     */
    static List<RunInfo> readRuns(SparkSession spark, Archive archive, String filter, Map<String, String> failed)
            throws ArchiveFormatException {
        Dataset<Row> df = RunsReader.read(spark, archive, filter);
        checkSchema(df.schema(), archive);
        List<Row> rows;
        try {
            rows = df.select(RUN_COLUMNS.stream().map(functions::col).toArray(Column[]::new)).collectAsList();
        } catch (Exception e) {
            if (filter != null && e.getClass().getName().contains("Analysis")) {
                throw new UserError("--runs \"" + filter + "\": " + RunsFilter.reason(e));
            }
            throw new ArchiveFormatException(archive.runsDir(), "cannot read the runs table: " + rootMessage(e));
        }
        if (rows.isEmpty()) {
            throw new UserError(filter == null ? "the runs table of " + archive.root() + " is empty"
                    : "no run of " + archive.root() + " matches --runs \"" + filter + "\"");
        }
        List<RunInfo> out = new ArrayList<>();
        Map<String, Integer> count = new HashMap<>();
        for (Row r : rows) {
            if (!r.isNullAt(0)) {
                count.merge(r.getString(0), 1, Integer::sum);
            }
        }
        int k = 0;
        for (Row r : rows) {
            k++;
            String id = r.isNullAt(0) ? null : r.getString(0);
            String who = id == null ? "runs row " + k : id;
            try {
                if (id != null && count.get(id) > 1) {
                    throw new IllegalArgumentException("run id listed " + count.get(id) + " times in runs/");
                }
                for (int i = 0; i < RUN_COLUMNS.size(); i++) {
                    if (r.isNullAt(i) && i != TIMESTEP_FS) { // timestep_fs null: MD step unknown (ingested runs)
                        throw new IllegalArgumentException("runs row: column '" + RUN_COLUMNS.get(i) + "' is null");
                    }
                }
                out.add(new RunInfo(id, r.getString(1), r.getDouble(2), r.getDouble(3), r.getInt(4), r.getInt(5),
                        r.isNullAt(TIMESTEP_FS) ? Double.NaN : r.getDouble(TIMESTEP_FS), r.getDouble(7), r.getInt(8), doubles(r, 9), strings(r, 10), doubles(r, 11),
                        null, r.getLong(12), r.getString(13)));
            } catch (IllegalArgumentException | NullPointerException e) {
                String m = e.getMessage() == null ? e.toString() : e.getMessage();
                failed.put(who, m.startsWith("runs row") ? m : "runs row: " + m);
            }
        }
        out.sort((a, b) -> a.runId().compareTo(b.runId()));
        return out;
    }

    private static double[] doubles(Row r, int i) {
        List<Object> l = r.getList(i);
        double[] out = new double[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((Number) l.get(k)).doubleValue();
        }
        return out;
    }

    private static String[] strings(Row r, int i) {
        List<Object> l = r.getList(i);
        String[] out = new String[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = (String) l.get(k);
        }
        return out;
    }

}
