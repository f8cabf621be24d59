package io.ionflow.jobs.archive;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ArchiveFormatException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The one reader of the archive's {@code runs/} table: the table with the optional {@code --runs} condition applied
 * ({@link RunsFilter}), the rows of the columns a job needs, and the run conditions that fit and report join on.
 * A table that cannot be read is an {@link ArchiveFormatException} in one line naming {@code runs/}; a bad condition,
 * or one that no run meets, is a {@link UserError}.
 */
public final class RunsReader {
    private RunsReader() {}

    /**
     * @param filter the {@code --runs} condition, null or blank for all runs
     * @return runs/ with the condition applied (lazy)
     */
    public static Dataset<Row> read(SparkSession spark, Archive a, String filter) throws ArchiveFormatException {
        Dataset<Row> runs;
        try {
            runs = spark.read().parquet(a.runsDir().toString());
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            throw unreadable(a, e);
        }
        return RunsFilter.apply(runs, filter, String.join(", ", runs.columns()));
    }

    /**
     * The selected runs' values of {@code columns}, collected to the driver.
     *
     * @throws UserError when no run is left ("no run in ARCHIVE matches --runs F")
     */
    public static List<Row> select(Archive a, String filter, Dataset<Row> runs, String... columns)
            throws ArchiveFormatException {
        List<Row> rows;
        try {
            rows = runs.select(Arrays.stream(columns).map(functions::col).toArray(Column[]::new)).collectAsList();
        } catch (Exception e) {
            throw unreadable(a, e);
        }
        if (rows.isEmpty()) throw new UserError("no run in " + a.root() + " matches" + (filter == null ? "" : " --runs " + filter));
        return rows;
    }

    /**
     * Every run's temperature, vacancy fraction and replica (0 when the table has no replica column).
     *
     * @return run id → condition; empty when {@code runs/} does not exist
     */
    public static Map<String, RunCondition> conditions(SparkSession spark, Archive a) throws IOException {
        Map<String, RunCondition> out = new TreeMap<>();
        Optional<Dataset<Row>> df = Tables.parquet(spark, a, a.runsDir(), "runs/", "run_id", "temperature_k",
                "vacancy_fraction");
        if (df.isEmpty()) return out;
        Column replica = Tables.has(df.get(), "replica") ? col("replica").cast("int") : lit(0);
        Tables.checkNumbers(df.get(), a.runsDir(), "temperature_k", "vacancy_fraction");
        for (Row r : Tables.collect(df.get().select(col("run_id").cast("string"), Tables.dbl("temperature_k"),
                Tables.dbl("vacancy_fraction"), replica), a.runsDir())) {
            out.put(r.getString(0), new RunCondition(r.getString(0), Tables.d(r, 1), Tables.d(r, 2),
                    r.isNullAt(3) ? 0 : r.getInt(3)));
        }
        return out;
    }

    private static ArchiveFormatException unreadable(Archive a, Exception e) {
        return new ArchiveFormatException(a.runsDir(), "cannot read the runs table: " + Tables.rootFirstLine(e));
    }
}
