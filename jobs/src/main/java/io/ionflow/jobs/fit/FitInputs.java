package io.ionflow.jobs.fit;

import io.ionflow.analyze.fit.DiffusionRow;
import io.ionflow.analyze.fit.ModeMean;
import io.ionflow.analyze.inm.SnapshotMeans;
import io.ionflow.jobs.archive.Tables;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.ArchiveFormatException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The per-run summary rows of the archive that the {@code fit} and {@code report} jobs share (with the run
 * conditions of {@link io.ionflow.jobs.archive.RunsReader#conditions}): diffusion coefficients ({@code analysis/diffusion/}, or {@code report/diffusion.csv} when the
 * table is absent) and per-run mode means ({@code report/modes.csv} and/or {@code analysis/modes/}). These are a
 * few rows per run, so they are collected to the driver; the only distributed step is the aggregation of the
 * per-snapshot {@code analysis/modes} table.
 *
 * <h2>Per-run mode means</h2>
 * {@code report/modes.csv} (the modes job's own per-run summary: f_u, f_u_err, n_snapshots, and optionally
 * mean_unstable_thz, f_dw, f_dw_err) is used where it has a value; any quantity it lacks is taken from
 * {@code analysis/modes} averaged per run by analyze's {@link SnapshotMeans} (mean f_u and f_dw with their standard
 * errors, the mean unstable frequency weighted by {@code n_unstable} when that column exists).
 */
public final class FitInputs {
    private FitInputs() {}

    /**
     * @param byRun  run id → mode means
     * @param source where they came from (human readable), null when no modes table exists
     */
    public record Modes(Map<String, ModeMean> byRun, String source) {
        public boolean present() {
            return source != null;
        }
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** Where the diffusion rows came from ({@code analysis/diffusion} or {@code report/diffusion.csv}), or null. */
    public record Diffusion(List<DiffusionRow> rows, String source) {}

    /** Reads {@code analysis/diffusion}, or {@code report/diffusion.csv} when the table does not exist. */
    public static Diffusion readDiffusion(SparkSession spark, Archive a) throws IOException {
        String[] req = {"run_id", "species", "method", "d_cm2_s", "d_err_cm2_s"};
        String source = "analysis/diffusion";
        Path path = a.analysisTable("diffusion");
        Optional<Dataset<Row>> df = Tables.parquet(spark, a, path, source, req);
        if (df.isEmpty()) {
            source = "report/diffusion.csv";
            path = new Path(a.reportDir(), "diffusion.csv");
            df = Tables.csv(spark, a, path, source, req);
        }
        if (df.isEmpty()) return new Diffusion(List.of(), null);
        Dataset<Row> t = df.get();
        Tables.checkNumbers(t, path, "d_cm2_s", "d_err_cm2_s", "fit_start_ps", "fit_end_ps", "temperature_k",
                "vacancy_fraction");
        List<Row> rows = Tables.collect(t.select(col("run_id").cast("string"), col("species").cast("string"),
                col("method").cast("string"), Tables.dbl("d_cm2_s"), Tables.dbl("d_err_cm2_s"), Tables.opt(t, "fit_start_ps"), Tables.opt(t, "fit_end_ps"),
                Tables.opt(t, "temperature_k"), Tables.opt(t, "vacancy_fraction"),
                Tables.has(t, "diffusive") ? col("diffusive").cast("boolean") : lit(null).cast("boolean"),
                Tables.has(t, "note") ? col("note").cast("string") : lit(null).cast("string")), path);
        List<DiffusionRow> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new DiffusionRow(r.getString(0), r.getString(1), r.isNullAt(2) ? "" : r.getString(2).toLowerCase(Locale.ROOT),
                    Tables.d(r, 3), Tables.d(r, 4), Tables.d(r, 5), Tables.d(r, 6), Tables.d(r, 7), Tables.d(r, 8), r.isNullAt(9) ? null : r.getBoolean(9),
                    r.isNullAt(10) ? null : r.getString(10)));
        }
        out.sort(Comparator.comparing(DiffusionRow::runId).thenComparing(DiffusionRow::species)
                .thenComparing(DiffusionRow::method));
        return new Diffusion(out, source);
    }

    /** Per-run mode means from {@code report/modes.csv} and/or {@code analysis/modes} (see the class comment). */
    public static Modes readModes(SparkSession spark, Archive a) throws IOException {
        Optional<Dataset<Row>> per = Tables.parquet(spark, a, a.analysisTable("modes"), "analysis/modes", "run_id", "f_u");
        Map<String, ModeMean> agg = per.isPresent() ? snapshotMeans(per.get(), a.analysisTable("modes")) : new TreeMap<>();
        Path mp = new Path(a.reportDir(), "modes.csv");
        Optional<Dataset<Row>> c = Tables.csv(spark, a, mp, "report/modes.csv", "run_id", "f_u");
        Map<String, ModeMean> csv = c.isPresent() ? csvMeans(c.get(), mp) : new TreeMap<>();
        if (per.isEmpty() && c.isEmpty()) return new Modes(Map.of(), null);
        ModeMean.Merged merged = ModeMean.merge(csv, agg);
        boolean usedAgg = merged.usedSnapshots();
        String source = c.isPresent() && usedAgg ? "report/modes.csv, completed from analysis/modes (means over snapshots)"
                : c.isPresent() ? "report/modes.csv" : "analysis/modes (means over snapshots, standard error stddev/sqrt(n))";
        return new Modes(merged.means(), source);
    }

    /**
     * analysis/modes averaged per run by {@link SnapshotMeans} (analyze): the snapshot rows' f_u, mean unstable
     * frequency, unstable-mode count (when the table has it) and f_dw are collected to the driver, a few numbers per
     * snapshot.
     */
    private static Map<String, ModeMean> snapshotMeans(Dataset<Row> t, Path p) throws ArchiveFormatException {
        Tables.checkNumbers(t, p, "f_u", "mean_unstable_thz", "n_unstable", "f_dw");
        boolean weighted = Tables.has(t, "n_unstable");
        Map<String, List<double[]>> byRun = new TreeMap<>();
        for (Row r : Tables.collect(t.select(col("run_id").cast("string"), Tables.dbl("f_u"),
                Tables.opt(t, "mean_unstable_thz"), Tables.opt(t, "n_unstable"), Tables.opt(t, "f_dw"),
                Tables.opt(t, "frame")), p)) {
            byRun.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                    .add(new double[] {Tables.d(r, 1), Tables.d(r, 2), Tables.d(r, 3), Tables.d(r, 4), Tables.d(r, 5)});
        }
        Map<String, ModeMean> agg = new TreeMap<>();
        byRun.forEach((run, rows) -> {
            // in frame order, so the sums do not depend on how the table's files hold the rows
            rows.sort(java.util.Comparator.<double[]>comparingDouble(r -> r[4]).thenComparingDouble(r -> r[0]));
            SnapshotMeans m = SnapshotMeans.of(column(rows, 0), column(rows, 1), weighted ? column(rows, 2) : null,
                    column(rows, 3));
            agg.put(run, new ModeMean(run, m.fU(), m.fUErr(), m.meanUnstableThz(), m.fDw(), m.fDwErr(),
                    m.nSnapshots(), Double.NaN, Double.NaN));
        });
        return agg;
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    /** The modes job's own per-run rows of report/modes.csv. */
    private static Map<String, ModeMean> csvMeans(Dataset<Row> t, Path p) throws ArchiveFormatException {
        Map<String, ModeMean> csv = new TreeMap<>();
        Tables.checkNumbers(t, p, "f_u", "f_u_err", "mean_unstable_thz", "f_dw", "f_dw_err", "n_snapshots",
                "temperature_k", "vacancy_fraction");
        for (Row r : Tables.collect(t.select(col("run_id"), Tables.dbl("f_u"), Tables.opt(t, "f_u_err"),
                Tables.opt(t, "mean_unstable_thz"), Tables.opt(t, "f_dw"), Tables.opt(t, "f_dw_err"),
                Tables.opt(t, "n_snapshots"), Tables.opt(t, "temperature_k"), Tables.opt(t, "vacancy_fraction")), p)) {
            if (r.isNullAt(0)) continue;
            double n = Tables.d(r, 6);
            csv.put(r.getString(0), new ModeMean(r.getString(0), Tables.d(r, 1), Tables.d(r, 2), Tables.d(r, 3),
                    Tables.d(r, 4), Tables.d(r, 5), Double.isFinite(n) ? Math.round(n) : 0, Tables.d(r, 7), Tables.d(r, 8)));
        }
        return csv;
    }
}
