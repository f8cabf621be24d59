package io.ionflow.jobs.archive;

import io.ionflow.analyze.fit.RunCondition;
import io.ionflow.simulate.archive.Causes;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ArchiveSchemas;
import io.ionflow.simulate.archive.ArchiveFormatException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import io.ionflow.simulate.archive.RunInfo;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The one reader of the archive's {@code runs/} table: the selected runs ({@code --runs} condition, {@link RunsFilter})
 * as checked {@link RunInfo}s for the jobs that read frames (msd, vacf, modes), and the run conditions that fit and
 * report join on.
 * A table that cannot be read is an {@link ArchiveFormatException} in one line naming {@code runs/}; a bad condition,
 * or one that no run meets, is a {@link UserError}.
 */
public final class RunsReader {
    private RunsReader() {}

    /** The contract columns (DESIGN.md) read into a {@link RunInfo}, in the order the rows are read. */
    private static final List<String> RUN_COLUMNS = List.of("run_id", "system", "temperature_k", "vacancy_fraction",
            "replica", "n_atoms", "timestep_fs", "frame_interval_ps", "n_frames", "cell", "species", "masses", "seed",
            "source");
    /** The columns that may be null: timestep_fs (an ingested run's MD step unknown: NaN) and potential. */
    private static final int TIMESTEP_FS = RUN_COLUMNS.indexOf("timestep_fs");
    private static final int POTENTIAL = RUN_COLUMNS.size();
    /** The column of the rows read that says whether the --runs condition selects the row. */
    private static final int SELECTED = POTENTIAL + 1;

    /** Each contract column's type as Spark names it, from the contract's one definition (simulate's ArchiveSchemas). */
    private static final Map<String, String> RUN_TYPES = ArchiveSchemas.runColumnTypes();

    /**
     * The selected runs, one {@link RunInfo} per row (potential null when the table has no such column). A row that
     * is null where the contract forbids it, fails {@link RunInfo}'s checks or repeats a run id fails only that run.
     *
     * @param filter the {@code --runs} condition (Spark SQL on runs/), null or blank for all runs
     * @param failed gets run id (or "runs row K") → problem for the rows that cannot be used
     * @return the usable runs, sorted by run id
     * @throws ArchiveFormatException when runs/ cannot be read or lacks a contract column; {@link UserError} for a bad
     *                                condition or one that no run meets
     */
    public static List<RunInfo> runs(SparkSession spark, Archive a, String filter, Map<String, String> failed)
            throws ArchiveFormatException {
        Dataset<Row> runs;
        try {
            runs = spark.read().parquet(a.runsDir().toString());
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            throw unreadable(a, e);
        }
        boolean all = filter == null || filter.isBlank();
        RunsFilter.apply(runs, filter, String.join(", ", runs.columns())); // a bad condition: UserError here
        checkSchema(runs.schema(), a);
        List<Column> cols = new ArrayList<>(RUN_COLUMNS.stream().map(functions::col).toList());
        cols.add(Tables.has(runs, "potential") ? col("potential") : lit(null).cast("string"));
        cols.add(all ? lit(true) : functions.coalesce(functions.expr(filter), lit(false)));
        List<Row> rows;
        try {
            rows = runs.select(cols.toArray(Column[]::new)).collectAsList();
        } catch (Exception e) {
            if (!all && e.getClass().getName().contains("Analysis")) {
                throw new UserError("--runs \"" + filter + "\": " + RunsFilter.reason(e));
            }
            throw unreadable(a, e);
        }
        if (rows.stream().noneMatch(r -> r.getBoolean(SELECTED))) {
            throw new UserError(all ? "the runs table of " + a.root() + " is empty"
                    : "no run in " + a.root() + " matches --runs \"" + filter + "\"");
        }
        return infos(rows, failed);
    }

    /** Every contract column present with its type (and potential, when present), or one error naming all that are not. */
    private static void checkSchema(StructType schema, Archive archive) throws ArchiveFormatException {
        List<String> problems = new ArrayList<>();
        List<String> names = Arrays.asList(schema.fieldNames());
        for (Map.Entry<String, String> c : RUN_TYPES.entrySet()) {
            if (!names.contains(c.getKey())) {
                if (!c.getKey().equals("potential")) problems.add("missing column '" + c.getKey() + "'");
                continue;
            }
            String t = typeOf(schema, c.getKey());
            if (!t.equals(c.getValue())) {
                problems.add("column '" + c.getKey() + "' is " + t + ", expected " + c.getValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new ArchiveFormatException(archive.runsDir(), String.join("; ", problems));
        }
    }

    /** A column's type as Spark names it, e.g. {@code array<double>} whether its elements may be null or not. */
    private static String typeOf(StructType schema, String column) {
        return schema.apply(column).dataType().simpleString();
    }

    /** The selected rows as RunInfos; a run id is checked for repeats over the whole table, selected or not. */
    private static List<RunInfo> infos(List<Row> rows, Map<String, String> failed) {
        Map<String, Integer> count = new HashMap<>();
        for (Row r : rows) {
            if (!r.isNullAt(0)) {
                count.merge(r.getString(0), 1, Integer::sum);
            }
        }
        List<RunInfo> out = new ArrayList<>();
        int k = 0;
        for (Row r : rows) {
            k++;
            String id = r.isNullAt(0) ? null : r.getString(0);
            if (!r.getBoolean(SELECTED)) {
                continue;
            }
            try {
                if (id != null && count.get(id) > 1) {
                    throw new IllegalArgumentException("run id listed " + count.get(id) + " times in runs/");
                }
                out.add(info(r));
            } catch (IllegalArgumentException | NullPointerException e) {
                String m = e.getMessage() == null ? e.toString() : e.getMessage();
                failed.put(id == null ? "runs row " + k : id, m.startsWith("runs row") ? m : "runs row: " + m);
            }
        }
        out.sort((x, y) -> x.runId().compareTo(y.runId()));
        return out;
    }

    private static RunInfo info(Row r) {
        for (int i = 0; i < RUN_COLUMNS.size(); i++) {
            if (r.isNullAt(i) && i != TIMESTEP_FS) {
                throw new IllegalArgumentException("runs row: column '" + RUN_COLUMNS.get(i) + "' is null");
            }
        }
        return new RunInfo(r.getString(0), r.getString(1), r.getDouble(2), r.getDouble(3), r.getInt(4), r.getInt(5),
                r.isNullAt(TIMESTEP_FS) ? Double.NaN : r.getDouble(TIMESTEP_FS), r.getDouble(7), r.getInt(8),
                doubles(r, 9), r.getList(10).toArray(String[]::new), doubles(r, 11),
                r.isNullAt(POTENTIAL) ? null : r.getString(POTENTIAL), r.getLong(12), r.getString(13));
    }

    private static double[] doubles(Row r, int i) {
        return r.<Number>getList(i).stream().mapToDouble(Number::doubleValue).toArray();
    }

    /**
     * What fit and report take from {@code runs/}, in one read.
     *
     * @param byRun   run id → temperature, vacancy fraction and replica (0 when the table has no replica column)
     * @param species every species of the runs (the report asks its vacancy question about them); empty when the
     *                table has no {@code species} column of the contract's type
     */
    public record Conditions(Map<String, RunCondition> byRun, Set<String> species) {}

    /**
     * Every run's condition, and the species of all runs.
     *
     * @return both empty when {@code runs/} does not exist
     */
    public static Conditions conditions(SparkSession spark, Archive a) throws IOException {
        Map<String, RunCondition> byRun = new TreeMap<>();
        Set<String> species = new TreeSet<>();
        Optional<Dataset<Row>> df = Tables.parquet(spark, a, a.runsDir(), "runs/", "run_id", "temperature_k",
                "vacancy_fraction");
        if (df.isEmpty()) return new Conditions(byRun, species);
        Column replica = Tables.has(df.get(), "replica") ? col("replica").cast("int") : lit(null).cast("int");
        String listType = RUN_TYPES.get("species");
        Column names = Tables.has(df.get(), "species") && typeOf(df.get().schema(), "species").equals(listType)
                ? col("species") : lit(null).cast(listType);
        Tables.checkNumbers(df.get(), a.runsDir(), "temperature_k", "vacancy_fraction");
        for (Row r : Tables.collect(df.get().select(col("run_id").cast("string"), Tables.dbl("temperature_k"),
                Tables.dbl("vacancy_fraction"), replica, names), a.runsDir())) {
            byRun.put(r.getString(0), new RunCondition(r.getString(0), Tables.d(r, 1), Tables.d(r, 2),
                    r.isNullAt(3) ? 0 : r.getInt(3)));
            if (!r.isNullAt(4)) {
                r.<String>getList(4).stream().filter(Objects::nonNull).forEach(species::add);
            }
        }
        return new Conditions(byRun, species);
    }

    private static ArchiveFormatException unreadable(Archive a, Exception e) {
        return new ArchiveFormatException(a.runsDir(), "cannot read the runs table: " + Causes.rootFirstLine(e));
    }
}
