package io.ionflow.jobs.fit;

import io.ionflow.analyze.fit.DiffusionRow;
import io.ionflow.analyze.fit.FitEligibility;
import io.ionflow.analyze.fit.FitRows;
import io.ionflow.analyze.fit.Arrhenius;
import io.ionflow.analyze.fit.CrossValidation;
import io.ionflow.analyze.fit.CvScore;
import io.ionflow.analyze.fit.FitOptions;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.ModeModel;
import io.ionflow.analyze.fit.ModelFits;
import io.ionflow.simulate.archive.StagedPartitions;
import io.ionflow.simulate.archive.Publication;
import io.ionflow.analyze.fit.RunCondition;
import io.ionflow.jobs.archive.RunsReader;
import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code fit} job: per-run summary rows ({@link FitInputs}) → {@link ModelFits#fitAll} and
 * {@link CrossValidation#run} → {@code analysis/fits/} and {@code report/fits.csv}, {@code report/cv.csv}.
 *
 * <h2>Outputs</h2>
 * {@code analysis/fits/} holds five small Parquet tables, published with the two CSVs as one journaled step
 * ({@link Publication}: a killed fit leaves the old outputs everywhere or the new ones everywhere):
 * <ul>
 *   <li>{@code inputs/}: the fit rows — run_id, species, method, temperature_k, vacancy_fraction, d_cm2_s,
 *       d_err_cm2_s, f_u, f_u_err, mean_unstable_thz, f_dw, f_dw_err (null = absent)</li>
 *   <li>{@code parameters/}: model, parameter, value, stderr, method, note — the rows of fits.csv plus the
 *       D method and the fit's remarks</li>
 *   <li>{@code fitted/}: model, run_id, species, temperature_k, vacancy_fraction, f_u, f_dw, d_obs_cm2_s,
 *       d_obs_err_cm2_s, d_fit_cm2_s, d_fit_err_cm2_s — each model's in-sample value at each row it applies to</li>
 *   <li>{@code cv_scores/}: scheme, model, heldout, rmse_log10_d, n_predicted, n_heldout</li>
 *   <li>{@code cv_predictions/}: scheme, model, heldout, run_id, species, temperature_k, vacancy_fraction,
 *       d_obs_cm2_s, d_obs_err_cm2_s, d_pred_cm2_s, d_pred_err_cm2_s, method</li>
 * </ul>
 * Read one with {@code spark.read.parquet("ARCHIVE/analysis/fits/parameters")}. The CSVs (header exactly
 * {@code model,parameter,value,stderr} and {@code model,heldout,rmse_log10_d}; NaN written as an empty field)
 * carry the same parameter rows and every per-fold and pooled score.
 */
public final class FitJob {
    private FitJob() {}

    /**
     * @param method         D method of analysis/diffusion to fit ({@code msd} or {@code vacf})
     * @param species        species to fit; empty = all
     * @param extrapolateToK temperatures at which every Arrhenius series is evaluated ({@code D_<T>K_cm2_s} rows)
     */
    public record Options(String method, Set<String> species, double[] extrapolateToK) {}

    /**
     * @param messages what was read, fitted, skipped and written (one line each)
     * @param summary  the fits
     * @param cv       cross-validation
     * @param nRows    fit rows
     */
    public record Result(List<String> messages, ModelFits.Summary summary, CrossValidation.Report cv, int nRows) {}

    /**
     * Runs the fits on archive {@code a}.
     *
     * @param out gets a line when the job starts writing its outputs and one when it publishes them
     */
    public static Result run(SparkSession spark, Archive a, Options o, PrintStream out) throws IOException {
        List<String> msg = new ArrayList<>();
        Publication.recover(a); // a killed job's decided publication is finished before its outputs are read
        StagedPartitions.recover(a, a.analysisTable("fits"), 1); // and what an undecided fit left is dropped
        FitRows built = readRows(spark, a, o, msg);
        FitOptions fo = FitOptions.defaults();
        ModelFits.Summary summary = ModelFits.fitAll(built, fo);
        for (String s : summary.skipped()) msg.add("not fitted: " + s);
        for (ModelFits.Withheld w : summary.withheld()) msg.add(w.model() + ": " + w.reason());
        CrossValidation.AllSchemes cvAll = CrossValidation.runEach(built.rows(), fo);
        msg.addAll(cvAll.notRun());
        CrossValidation.Report cv = cvAll.report();
        describe(summary, cv, msg);
        FitOutputs.write(a, o, built.rows(), summary, cv, cvAll.schemeOf(), out);
        msg.add("wrote " + a.analysisTable("fits") + "/{inputs,parameters,fitted,cv_scores,cv_predictions}, "
                + new Path(a.reportDir(), "fits.csv") + ", " + new Path(a.reportDir(), "cv.csv"));
        return new Result(msg, summary, cv, built.rows().size());
    }

    /**
     * The fit rows of {@code o.method()}: diffusion rows joined with run conditions and mode means; what was read and
     * left out is added to {@code msg}.
     *
     * @throws IllegalArgumentException when there is no diffusion table, no row of the method, or no usable row
     */
    private static FitRows readRows(SparkSession spark, Archive a, Options o, List<String> msg) throws IOException {
        FitInputs.Diffusion diff = FitInputs.readDiffusion(spark, a);
        if (diff.source() == null) {
            throw new IllegalArgumentException("archive " + a.root() + " has no diffusion table (analysis/diffusion/ or "
                    + "report/diffusion.csv): run the msd (or vacf) job first");
        }
        Set<String> methods = new TreeSet<>();
        for (DiffusionRow d : diff.rows()) methods.add(d.method());
        if (!methods.contains(o.method().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(diff.source() + " has no rows with method '" + o.method() + "' (methods present: "
                    + (methods.isEmpty() ? "none" : String.join(", ", methods)) + "); choose one with --method");
        }
        Map<String, RunCondition> runs = RunsReader.conditions(spark, a).byRun();
        if (runs.isEmpty()) msg.add("runs/ is missing: temperatures and vacancy fractions come from " + diff.source());
        FitInputs.Modes modes = FitInputs.readModes(spark, a);
        FitRows built = FitEligibility.rows(diff.rows(), runs, modes.byRun(), o.method(), o.species());
        Set<String> species = new TreeSet<>();
        for (FitRow r : built.rows()) species.add(r.species());
        msg.add(String.format(Locale.ROOT, "%d rows (species %s, method %s) from %s", built.rows().size(),
                species.isEmpty() ? "none" : String.join(", ", species), o.method(), diff.source()));
        if (modes.present()) {
            msg.add("mode means of " + modes.byRun().size() + " runs from " + modes.source());
        } else {
            msg.add("no modes table (analysis/modes/ or report/modes.csv): mode-ratio models skipped, Arrhenius fits only");
        }
        for (String s : built.skipped()) msg.add("skipped " + s);
        msg.addAll(built.notes());
        if (built.rows().isEmpty()) {
            throw new IllegalArgumentException("no usable rows to fit in " + diff.source()
                    + (o.species().isEmpty() ? "" : " for species " + String.join(",", o.species()))
                    + (built.skipped().isEmpty() ? "" : " (" + built.skipped().size() + " left out, see above: "
                    + built.skipped().get(0) + ")"));
        }
        return built;
    }

    /** One line per fitted model and per cross-validation ranking. */
    private static void describe(ModelFits.Summary summary, CrossValidation.Report cv, List<String> msg) {
        for (Arrhenius.Fit f : summary.arrhenius()) {
            msg.add(String.format(Locale.ROOT, "%s: Ea = %.4f ± %.4f eV, D0 = %.3e cm²/s, chi2/dof = %.3g (%d points)%s",
                    f.model(), f.eaEv(), f.eaErrEv(), f.d0Cm2s(), f.chi2PerDof(), f.nPoints(),
                    f.note().isEmpty() ? "" : "; " + f.note()));
        }
        for (ModeModel.Fit f : summary.modes()) {
            msg.add(String.format(Locale.ROOT, "%s: fitted to %d points, chi2/dof = %.3g%s", f.model(), f.nPoints(),
                    f.chi2PerDof(), f.note().isEmpty() ? "" : "; " + f.note()));
        }
        for (CrossValidation.Scheme s : CrossValidation.Scheme.values()) {
            StringBuilder sb = new StringBuilder();
            for (CvScore c : cv.ranking(s)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(c.model()).append(' ')
                        .append(Double.isNaN(c.rmseLog10D()) ? "n/a" : String.format(Locale.ROOT, "%.3f", c.rmseLog10D()));
            }
            if (sb.length() > 0) msg.add("cv " + s.label + " RMSE(log10 D): " + sb);
        }
    }
}
