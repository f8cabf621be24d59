package io.ionflow.jobs.report;

import io.ionflow.analyze.fit.CvPrediction;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.FittedValue;
import io.ionflow.analyze.fit.ModelParameter;
import io.ionflow.analyze.fit.DiffusionRow;
import io.ionflow.analyze.fit.ModeMean;
import io.ionflow.analyze.fit.RunCondition;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the report shows, already collected to the driver (no Spark types): small per-run tables and
 * decimated curves. Absent inputs are empty lists / maps / null, and {@link #missing} says what is absent.
 *
 * @param archive         archive root (shown in the report)
 * @param conditions      run id → (T, vacancy fraction, replica): runs/, else the diffusion or modes tables
 * @param diffusion       analysis/diffusion rows (every species and method)
 * @param diffusionSource where they came from, or null
 * @param msd             MSD curves (x lag ps, y Å²), log-decimated
 * @param vacf            VACF curves (x lag ps, y normalised VACF or Å²/ps²)
 * @param vacfNormalised  whether {@code vacf} holds vacf_norm
 * @param vdos            VDOS curves (x THz, y 1/THz); species may be {@code total}
 * @param inmDos          INM density of states per run (x THz, negative = imaginary; y 1/THz); species empty
 * @param modes           per-run mode means
 * @param modesSource     where they came from, or null
 * @param points          rows of the Arrhenius and D–f_u figures (analysis/fits/inputs, or built from the tables)
 * @param pointsSource    where the points came from
 * @param pointsMethod    D method of the points
 * @param fits            the fit job's outputs, or null when analysis/fits does not exist
 * @param csvFiles        CSV files present in report/ (names), linked from the page
 * @param missing         one line per absent input and what it means for the report
 * @param runSpecies      every species of the runs of runs/ (empty without it)
 */
public record ReportData(String archive, Map<String, RunCondition> conditions, List<DiffusionRow> diffusion,
                         String diffusionSource, List<Curve> msd, List<Curve> vacf, boolean vacfNormalised, List<Curve> vdos,
                         List<Curve> inmDos, Map<String, ModeMean> modes, String modesSource, List<FitRow> points,
                         String pointsSource, String pointsMethod, Fits fits, List<String> csvFiles, List<String> missing,
                         Set<String> runSpecies) {

    /** One curve of one run and species, sorted by x. */
    public record Curve(String runId, String species, double[] x, double[] y) {}

    /** One cross-validation score ({@code analysis/fits/cv_scores}). */
    public record Score(String scheme, String model, String heldout, double rmseLog10D, int nPredicted, int nHeldOut) {}

    /**
     * The fit job's outputs.
     *
     * @param method      D method that was fitted
     * @param parameters  analysis/fits/parameters
     * @param notes       model → the fit's remarks
     * @param fitted      analysis/fits/fitted
     * @param scores      analysis/fits/cv_scores
     * @param predictions analysis/fits/cv_predictions
     */
    public record Fits(String method, List<ModelParameter> parameters, Map<String, String> notes, List<FittedValue> fitted,
                       List<Score> scores, List<CvPrediction> predictions) {}
}
