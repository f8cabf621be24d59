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
import io.ionflow.simulate.archive.RunsTableReader;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The jobs' one reader of the archive's {@code runs/} table: the selected runs ({@code --runs} condition,
 * {@link RunsFilter}) as checked {@link RunInfo}s for the jobs that read frames (msd, vacf, modes), read with
 * {@code simulate}'s parquet-mr {@link RunsTableReader}; and the run conditions that fit and report join on, read
 * leniently with Spark SQL (a missing replica or species column is tolerated there).
 * A table that cannot be read is an {@link ArchiveFormatException} in one line naming {@code runs/}; a bad condition,
 * or one that no run meets, is a {@link UserError}.
 */
public final class RunsReader {
    private RunsReader() {}

    /** Each contract column's type as Spark names it, from the contract's one definition (simulate's ArchiveSchemas). */
    private static final Map<String, String> RUN_TYPES = ArchiveSchemas.runColumnTypes();

    /**
     * The selected runs, one {@link RunInfo} per row (potential null when the table has no such column), read with
     * {@code simulate}'s {@link RunsTableReader} (parquet-mr; Spark SQL only evaluates a {@code --runs} condition). A
     * row that is null where the contract forbids it, fails {@link RunInfo}'s checks or repeats a run id fails only
     * that run.
     *
     * @param filter the {@code --runs} condition (Spark SQL on runs/), null or blank for all runs
     * @param failed gets run id (or "runs row K") → problem for the rows that cannot be used
     * @return the usable runs, sorted by run id
     * @throws ArchiveFormatException when runs/ cannot be read or lacks a contract column; {@link UserError} for a bad
     *                                condition or one that no run meets
     */
    public static List<RunInfo> runs(SparkSession spark, Archive a, String filter, Map<String, String> failed)
            throws ArchiveFormatException {
        List<RunsTableReader.Row> rows;
        try {
            rows = RunsTableReader.rows(a);
        } catch (IOException e) {
            throw unreadable(a, e);
        }
        boolean all = filter == null || filter.isBlank();
        Predicate<RunsTableReader.Row> chosen = all ? r -> true : selection(spark, a, filter);
        if (rows.stream().noneMatch(chosen)) {
            throw new UserError(all ? "the runs table of " + a.root() + " is empty"
                    : "no run in " + a.root() + " matches --runs \"" + filter + "\"");
        }
        return infos(rows, chosen, failed);
    }

    /**
     * The rows that the {@code --runs} condition selects, by run id, the condition evaluated by Spark SQL on runs/
     * (rows without a run id are selected together, when the condition selects one of them).
     */
    private static Predicate<RunsTableReader.Row> selection(SparkSession spark, Archive a, String filter)
            throws ArchiveFormatException {
        Dataset<Row> runs;
        try {
            runs = spark.read().parquet(a.runsDir().toString());
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            throw unreadable(a, e);
        }
        RunsFilter.apply(runs, filter, String.join(", ", runs.columns())); // a bad condition: UserError here
        List<Row> ids;
        try {
            ids = runs.select(col("run_id").cast("string"), functions.coalesce(functions.expr(filter), lit(false)))
                    .collectAsList();
        } catch (Exception e) {
            if (e.getClass().getName().contains("Analysis")) {
                throw new UserError("--runs \"" + filter + "\": " + RunsFilter.reason(e));
            }
            throw unreadable(a, e);
        }
        Set<String> chosen = new HashSet<>();
        boolean withoutId = false;
        for (Row r : ids) {
            if (!r.getBoolean(1)) continue;
            if (r.isNullAt(0)) withoutId = true;
            else chosen.add(r.getString(0));
        }
        boolean nullChosen = withoutId;
        return r -> r.runId() == null ? nullChosen : chosen.contains(r.runId());
    }

    /** The chosen rows as RunInfos; a run id is checked for repeats over the whole table, chosen or not. */
    private static List<RunInfo> infos(List<RunsTableReader.Row> rows, Predicate<RunsTableReader.Row> chosen,
                                       Map<String, String> failed) {
        Map<String, Integer> count = new HashMap<>();
        for (RunsTableReader.Row r : rows) {
            if (r.runId() != null) count.merge(r.runId(), 1, Integer::sum);
        }
        List<RunInfo> out = new ArrayList<>();
        int k = 0;
        for (RunsTableReader.Row r : rows) {
            k++;
            if (!chosen.test(r)) continue;
            String id = r.runId();
            String problem = id != null && count.get(id) > 1 ? "run id listed " + count.get(id) + " times in runs/"
                    : r.problem();
            if (problem == null) {
                out.add(r.info());
            } else {
                failed.put(id == null ? "runs row " + k : id, problem.startsWith("runs row") ? problem : "runs row: " + problem);
            }
        }
        out.sort((x, y) -> x.runId().compareTo(y.runId()));
        return out;
    }

    /** A column's type as Spark names it, e.g. {@code array<double>} whether its elements may be null or not. */
    private static String typeOf(StructType schema, String column) {
        return schema.apply(column).dataType().simpleString();
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
        return new ArchiveFormatException(a.runsDir(), "cannot read the runs table: "
                + (e instanceof ArchiveFormatException f ? f.getMessage() : Causes.rootFirstLine(e)));
    }
}
