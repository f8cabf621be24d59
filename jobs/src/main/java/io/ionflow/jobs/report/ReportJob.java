package io.ionflow.jobs.report;

import io.ionflow.analyze.fit.DiffusionRow;
import io.ionflow.analyze.fit.FitEligibility;
import io.ionflow.simulate.archive.Causes;
import io.ionflow.analyze.fit.CvPrediction;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.FittedValue;
import io.ionflow.analyze.fit.ModelParameter;
import io.ionflow.simulate.archive.Publication;
import io.ionflow.analyze.fit.RunCondition;
import io.ionflow.jobs.archive.RunsReader;
import io.ionflow.jobs.archive.Tables;
import io.ionflow.jobs.fit.FitInputs;
import io.ionflow.jobs.report.ReportData.Curve;
import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.row_number;

/**
 * The {@code report} job: reads whatever analysis tables the archive has, collects small per-run tables and
 * decimated curves to the driver ({@link ReportData}), renders them ({@link ReportBuilder}) and writes
 * {@code report/index.html}, {@code report/figures/*.png|svg} and the condition CSVs through the archive's file
 * system. A missing or unreadable table is listed in the report ("Missing inputs") and its figures are left out;
 * the job never fails because an input is absent.
 *
 * <p>Curves are decimated in Spark before collection: MSD keeps about 25 points per e-fold of lag (log-spaced,
 * for the log–log plot), VACF at most 400 and VDOS / INM DOS at most 600 evenly spaced points per run and species.
 */
public final class ReportJob {
    private ReportJob() {}

    /**
     * @param messages what was read, drawn and written
     * @param index    the written index.html
     * @param output   the rendered files
     */
    public record Result(List<String> messages, Path index, ReportBuilder.Output output) {}

    /**
     * Builds the report of archive {@code a}.
     *
     * @param log gets a line when the job starts writing the report and one when it publishes it
     */
    public static Result run(SparkSession spark, Archive a, PrintStream log) throws IOException {
        ReportData data = collect(spark, a);
        String v = ReportJob.class.getPackage().getImplementationVersion();
        ReportBuilder.Output out = ReportBuilder.build(data, v == null ? "dev" : v, Instant.now());
        Path dir = a.reportDir();
        Map<Path, byte[]> files = new LinkedHashMap<>();
        out.files().forEach((name, bytes) -> files.put(new Path(dir, name), bytes));
        log.printf("report: writing the results (%d files, staged, published together)%n", files.size());
        Path figs = new Path(dir, "figures");
        // the whole report, or (killed, disk full) the old one; figures it no longer draws go with the old one
        Publication publication = Publication.beginFiles(a, List.of(), files, undrawn(a, figs, out.files().keySet()));
        log.println("report: publishing the results");
        publication.complete();
        List<String> msg = new ArrayList<>();
        msg.add(out.figures().size() + " figures (PNG + SVG) in " + figs);
        for (String m : data.missing()) msg.add("missing: " + m);
        for (String m : out.messages()) msg.add(m);
        msg.add(out.vacancy().sentence());
        Path index = new Path(dir, "index.html");
        msg.add("wrote " + index);
        return new Result(msg, index, out);
    }

    /** The figures of an earlier report in {@code figs} that this report does not draw ({@code drawn}: its files). */
    private static List<Path> undrawn(Archive a, Path figs, Set<String> drawn) throws IOException {
        List<Path> out = new ArrayList<>();
        try {
            for (FileStatus st : a.fileSystem().listStatus(figs)) {
                String n = st.getPath().getName();
                if (st.isFile() && (n.endsWith(".png") || n.endsWith(".svg")) && !drawn.contains("figures/" + n)) {
                    out.add(st.getPath());
                }
            }
        } catch (FileNotFoundException e) {
            // no figures directory
        }
        return out;
    }

    /** Reads every table the report uses; absent or unusable ones are listed in {@link ReportData#missing()}. */
    private static ReportData collect(SparkSession spark, Archive a) throws IOException {
        List<String> missing = new ArrayList<>();
        Publication.recover(a); // a killed msd/vacf's decided publication is finished before its outputs are read
        RunsReader.Conditions table = guard(missing, "runs/", () -> RunsReader.conditions(spark, a),
                new RunsReader.Conditions(Map.of(), Set.of()));
        Map<String, RunCondition> runs = table.byRun();
        if (runs.isEmpty()) missing.add("runs/ is missing: run conditions come from the analysis tables");
        FitInputs.Diffusion diff = guard(missing, "analysis/diffusion", () -> FitInputs.readDiffusion(spark, a),
                new FitInputs.Diffusion(List.of(), null));
        if (diff.source() == null) {
            missing.add("analysis/diffusion is missing: no D table, Arrhenius or D–f_u figures (run the msd job)");
        }
        FitInputs.Modes modes = guard(missing, "modes", () -> FitInputs.readModes(spark, a), new FitInputs.Modes(Map.of(), null));
        if (!modes.present()) missing.add("analysis/modes and report/modes.csv are missing: no f_u figures or tables (run the modes job)");
        Map<String, RunCondition> cond = FitEligibility.conditions(runs, diff.rows(), modes.byRun());

        List<Curve> msd = curves(spark, a, missing, "msd", "MSD figures", "species", "lag_ps", "msd_a2", true, 0);
        VacfCurves vacf = vacfCurves(spark, a, missing);
        List<Curve> vdos = curves(spark, a, missing, "vdos", "VDOS figures", "species", "freq_thz", "vdos_per_thz", false, 600);
        List<Curve> inm = curves(spark, a, missing, "inm_dos", "INM density-of-states figure", null, "freq_thz", "dos_per_thz", false, 600);

        ReportData.Fits fits = guard(missing, "analysis/fits", () -> readFits(spark, a), null);
        List<FitRow> points = List.of();
        String pointsSource = null;
        String pointsMethod = null;
        if (fits != null) {
            points = guard(missing, "analysis/fits/inputs", () -> readInputs(spark, a), List.of());
            pointsSource = "analysis/fits/inputs (the rows the fit job used)";
            pointsMethod = fits.method();
        } else {
            missing.add("analysis/fits is missing: no fit lines, parameter tables or cross-validation (run the fit job)");
        }
        if (points.isEmpty() && !diff.rows().isEmpty()) {
            Set<String> methods = new TreeSet<>();
            for (DiffusionRow r : diff.rows()) methods.add(r.method());
            pointsMethod = methods.contains("msd") ? "msd" : methods.iterator().next();
            points = FitEligibility.rows(diff.rows(), runs, modes.byRun(), pointsMethod, Set.of()).rows();
            pointsSource = diff.source() + " joined with the run conditions and mode means";
        }
        return new ReportData(a.root().toString(), cond, diff.rows(), diff.source(), msd, vacf.curves(), vacf.normalised(), vdos, inm,
                modes.byRun(), modes.source(), points, pointsSource, pointsMethod, fits, reportCsvs(a), missing, table.species());
    }

    /** The VACF curves, normalised (vacf_norm) or raw (vacf_a2_ps2, older tables). */
    private record VacfCurves(List<Curve> curves, boolean normalised) {}

    private static VacfCurves vacfCurves(SparkSession spark, Archive a, List<String> missing) throws IOException {
        Optional<Dataset<Row>> vt = table(spark, a, missing, "vacf", "VACF figures", "run_id", "species", "lag_ps");
        if (vt.isEmpty()) return new VacfCurves(List.of(), true);
        boolean norm = Tables.has(vt.get(), "vacf_norm");
        String y = norm ? "vacf_norm" : "vacf_a2_ps2";
        if (!Tables.has(vt.get(), y)) {
            missing.add("analysis/vacf has neither vacf_norm nor vacf_a2_ps2: no VACF figures");
            return new VacfCurves(List.of(), norm);
        }
        return new VacfCurves(decimate(vt.get(), col("species"), "lag_ps", y, false, 400), norm);
    }

    /** The CSV files already in report/ (linked from the page). */
    private static List<String> reportCsvs(Archive a) throws IOException {
        List<String> csvs = new ArrayList<>();
        try {
            for (FileStatus st : a.fileSystem().listStatus(a.reportDir())) {
                String n = st.getPath().getName();
                if (st.isFile() && n.endsWith(".csv") && !n.startsWith(".")) csvs.add(n);
            }
        } catch (FileNotFoundException e) {
            // no report directory yet
        }
        return csvs;
    }

    // ------------------------------------------------------------------------------------------ tables

    private interface Read<T> {
        T get() throws IOException;
    }

    /** Runs a read; an unusable table becomes a "missing" line instead of an error. */
    private static <T> T guard(List<String> missing, String what, Read<T> read, T fallback) {
        try {
            return read.get();
        } catch (IOException | RuntimeException e) {
            missing.add(what + " could not be read (" + Causes.firstLine(e) + "): left out");
            return fallback;
        }
    }

    private static Optional<Dataset<Row>> table(SparkSession spark, Archive a, List<String> missing, String name, String purpose,
                                                String... required) {
        Path p = a.analysisTable(name);
        try {
            Optional<Dataset<Row>> t = Tables.parquet(spark, a, p, "analysis/" + name, required);
            if (t.isEmpty()) missing.add("analysis/" + name + " is missing: no " + purpose);
            return t;
        } catch (IOException | RuntimeException e) {
            missing.add(Causes.firstLine(e) + ": no " + purpose);
            return Optional.empty();
        }
    }

    private static List<Curve> curves(SparkSession spark, Archive a, List<String> missing, String name, String purpose,
                                      String speciesCol, String x, String y, boolean logSpaced, int maxPoints) {
        List<String> req = new ArrayList<>(List.of("run_id", x, y));
        if (speciesCol != null) req.add(speciesCol);
        Optional<Dataset<Row>> t = table(spark, a, missing, name, purpose, req.toArray(new String[0]));
        if (t.isEmpty()) return List.of();
        try {
            return decimate(t.get(), speciesCol == null ? lit("") : col(speciesCol), x, y, logSpaced, maxPoints);
        } catch (RuntimeException e) {
            missing.add("analysis/" + name + " could not be read (" + Causes.firstLine(e) + "): no " + purpose);
            return List.of();
        }
    }

    /** Decimates every (run, species) curve in Spark and collects it, sorted by x. */
    static List<Curve> decimate(Dataset<Row> df, Column species, String x, String y, boolean logSpaced, int maxPoints) {
        Dataset<Row> t = df.select(col("run_id").cast("string").as("run_id"), species.cast("string").as("species"),
                col(x).cast("double").as("x"), col(y).cast("double").as("y")).where(col("x").isNotNull().and(col("y").isNotNull()));
        WindowSpec ordered = Window.partitionBy("run_id", "species").orderBy("x");
        WindowSpec all = Window.partitionBy("run_id", "species");
        t = t.withColumn("rn", row_number().over(ordered)).withColumn("n", count(lit(1)).over(all));
        Column keep;
        if (logSpaced) {
            double perEfold = 25;
            keep = col("rn").leq(2).or(floor(log(col("rn")).multiply(perEfold)).notEqual(floor(log(col("rn").minus(1)).multiply(perEfold))))
                    .or(col("rn").equalTo(col("n")));
        } else {
            Column step = ceil(col("n").divide(maxPoints));
            keep = col("rn").minus(1).mod(step).equalTo(0).or(col("rn").equalTo(col("n")));
        }
        List<Row> rows = t.where(keep).select("run_id", "species", "x", "y").orderBy("run_id", "species", "x").collectAsList();
        Map<List<String>, List<Row>> byCurve = rows.stream().collect(Collectors.groupingBy(
                r -> List.of(r.getString(0), r.isNullAt(1) ? "" : r.getString(1)), LinkedHashMap::new, Collectors.toList()));
        List<Curve> out = new ArrayList<>();
        byCurve.forEach((runAndSpecies, rs) -> out.add(new Curve(runAndSpecies.get(0), runAndSpecies.get(1),
                rs.stream().mapToDouble(r -> r.getDouble(2)).toArray(), rs.stream().mapToDouble(r -> r.getDouble(3)).toArray())));
        return out;
    }

    // ------------------------------------------------------------------------------------------ fits

    private static ReportData.Fits readFits(SparkSession spark, Archive a) throws IOException {
        Path root = a.analysisTable("fits");
        Optional<Dataset<Row>> p = Tables.parquet(spark, a, new Path(root, "parameters"), "analysis/fits/parameters",
                "model", "parameter", "value", "stderr");
        if (p.isEmpty()) return null;
        List<ModelParameter> params = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        String method = "msd";
        Dataset<Row> pt = p.get();
        Column m = Tables.has(pt, "method") ? col("method") : lit("msd");
        Column note = Tables.has(pt, "note") ? col("note") : lit("");
        for (Row r : pt.select(col("model"), col("parameter"), col("value"), col("stderr"), m, note).collectAsList()) {
            params.add(new ModelParameter(r.getString(0), r.getString(1), Tables.d(r, 2), Tables.d(r, 3)));
            if (!r.isNullAt(4)) method = r.getString(4);
            if (!r.isNullAt(5) && !r.getString(5).isEmpty()) notes.put(r.getString(0), r.getString(5));
        }
        List<FittedValue> fitted = new ArrayList<>();
        for (Row r : rows(spark, a, root, "fitted", "model", "run_id", "species", "temperature_k", "vacancy_fraction", "f_u", "f_dw",
                "d_obs_cm2_s", "d_obs_err_cm2_s", "d_fit_cm2_s", "d_fit_err_cm2_s")) {
            fitted.add(new FittedValue(r.getString(0), r.getString(1), r.getString(2), Tables.d(r, 3), Tables.d(r, 4),
                    Tables.d(r, 5), Tables.d(r, 6), Tables.d(r, 7), Tables.d(r, 8), Tables.d(r, 9), Tables.d(r, 10)));
        }
        List<ReportData.Score> scores = new ArrayList<>();
        for (Row r : rows(spark, a, root, "cv_scores", "scheme", "model", "heldout", "rmse_log10_d", "n_predicted", "n_heldout")) {
            scores.add(new ReportData.Score(r.isNullAt(0) ? "" : r.getString(0), r.getString(1), r.getString(2), Tables.d(r, 3),
                    r.isNullAt(4) ? 0 : ((Number) r.get(4)).intValue(), r.isNullAt(5) ? 0 : ((Number) r.get(5)).intValue()));
        }
        List<CvPrediction> preds = new ArrayList<>();
        for (Row r : rows(spark, a, root, "cv_predictions", "scheme", "model", "heldout", "run_id", "species", "temperature_k",
                "vacancy_fraction", "d_obs_cm2_s", "d_obs_err_cm2_s", "d_pred_cm2_s", "d_pred_err_cm2_s", "method")) {
            preds.add(new CvPrediction(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                    Tables.d(r, 5), Tables.d(r, 6), Tables.d(r, 7), Tables.d(r, 8), Tables.d(r, 9),
                    Tables.d(r, 10), r.isNullAt(11) ? "" : r.getString(11)));
        }
        return new ReportData.Fits(method, params, notes, fitted, scores, preds);
    }

    /** The rows of {@code analysis/fits/<name>}, given columns in order; none when the table is absent. */
    private static List<Row> rows(SparkSession spark, Archive a, Path fits, String name, String... columns) throws IOException {
        return Tables.rows(spark, a, new Path(fits, name), "analysis/fits/" + name, columns).orElse(List.of());
    }

    private static List<FitRow> readInputs(SparkSession spark, Archive a) throws IOException {
        List<FitRow> out = new ArrayList<>();
        for (Row r : rows(spark, a, a.analysisTable("fits"), "inputs", "run_id", "species", "temperature_k", "vacancy_fraction",
                "d_cm2_s", "d_err_cm2_s", "f_u", "f_u_err", "mean_unstable_thz", "f_dw", "f_dw_err")) {
            out.add(new FitRow(r.getString(0), r.getString(1), Tables.d(r, 2), Tables.d(r, 3), Tables.d(r, 4), Tables.d(r, 5),
                    Tables.d(r, 6), Tables.d(r, 7), Tables.d(r, 8), Tables.d(r, 9), Tables.d(r, 10)));
        }
        return out;
    }
}
