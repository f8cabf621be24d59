package io.ionflow.jobs.fit;

import io.ionflow.analyze.fit.Arrhenius;
import io.ionflow.analyze.fit.CrossValidation;
import io.ionflow.analyze.fit.CvScore;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.ModeModel;
import io.ionflow.analyze.fit.ModelFits;
import io.ionflow.analyze.fit.ModelParameter;
import io.ionflow.simulate.archive.Publication;
import io.ionflow.simulate.archive.StagedPartitions;
import io.ionflow.jobs.archive.Csv;
import io.ionflow.jobs.archive.TableRows;
import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ionflow.jobs.archive.Tables.orNull;
import static io.ionflow.jobs.archive.Tables.schema;

/**
 * The outputs of {@code fit} (described in {@link FitJob}): the five tables of {@code analysis/fits/},
 * {@code report/fits.csv} and {@code report/cv.csv}, published together ({@link Publication}).
 */
final class FitOutputs {
    private FitOutputs() {}

    static void write(Archive a, FitJob.Options o, List<FitRow> rows, ModelFits.Summary summary,
                      CrossValidation.Report cv, Map<CvScore, String> schemeOf, PrintStream out) throws IOException {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Arrhenius.Fit f : summary.arrhenius()) notes.put(f.model(), f.note());
        for (ModeModel.Fit f : summary.modes()) notes.put(f.model(), f.note());
        for (ModelFits.Withheld w : summary.withheld()) notes.put(w.model(), w.reason());
        List<ModelParameter> params = summary.parameters(o.extrapolateToK());

        Map<String, TableRows> tables = new LinkedHashMap<>();
        tables.put("inputs", TableRows.of(rows, r -> new Object[] {r.runId(), r.species(), o.method(), r.temperatureK(),
                r.vacancyFraction(), r.dCm2s(), r.dErrCm2s(), orNull(r.fU()), orNull(r.fUErr()),
                orNull(r.meanUnstableFreqThz()), orNull(r.fDw()), orNull(r.fDwErr())}, schema("run_id:s", "species:s",
                "method:s", "temperature_k:d", "vacancy_fraction:d", "d_cm2_s:d", "d_err_cm2_s:d", "f_u:d", "f_u_err:d",
                "mean_unstable_thz:d", "f_dw:d", "f_dw_err:d")));
        tables.put("parameters", TableRows.of(params, p -> new Object[] {p.model(), p.parameter(), orNull(p.value()),
                orNull(p.stderr()), o.method(), notes.getOrDefault(p.model(), "")}, schema("model:s", "parameter:s",
                "value:d", "stderr:d", "method:s", "note:s")));
        // each model's in-sample value at each row it applies to
        tables.put("fitted", TableRows.of(summary.fitted(rows), f -> new Object[] {f.model(), f.runId(), f.species(),
                f.temperatureK(), f.vacancyFraction(), orNull(f.fU()), orNull(f.fDw()), f.dObsCm2s(), f.dObsErrCm2s(),
                orNull(f.dFitCm2s()), orNull(f.dFitErrCm2s())}, schema("model:s", "run_id:s", "species:s",
                "temperature_k:d", "vacancy_fraction:d", "f_u:d", "f_dw:d", "d_obs_cm2_s:d", "d_obs_err_cm2_s:d",
                "d_fit_cm2_s:d", "d_fit_err_cm2_s:d")));
        tables.put("cv_scores", TableRows.of(cv.scores(), c -> new Object[] {schemeOf.getOrDefault(c, ""), c.model(),
                c.heldout(), orNull(c.rmseLog10D()), c.nPredicted(), c.nHeldOut()}, schema("scheme:s", "model:s",
                "heldout:s", "rmse_log10_d:d", "n_predicted:i", "n_heldout:i")));
        tables.put("cv_predictions", TableRows.of(cv.predictions(), c -> new Object[] {c.scheme(), c.model(), c.heldout(),
                c.runId(), c.species(), c.temperatureK(), c.vacancyFraction(), c.dObservedCm2s(),
                orNull(c.dObservedErrCm2s()), orNull(c.dPredictedCm2s()), orNull(c.dPredictedErrCm2s()), c.method()},
                schema("scheme:s", "model:s", "heldout:s", "run_id:s", "species:s", "temperature_k:d", "vacancy_fraction:d",
                "d_obs_cm2_s:d", "d_obs_err_cm2_s:d", "d_pred_cm2_s:d", "d_pred_err_cm2_s:d", "method:s")));
        out.println("fit: writing the results (staged, published together)");
        Publication.publish(a, staged -> {
            staged.add(TableRows.stageTables(a, a.analysisTable("fits"), tables));
            out.println("fit: publishing the results");
        }, () -> csvs(a, params, notes, cv));
    }

    /** report/fits.csv (the parameter rows; a withheld model's note with it) and report/cv.csv (every score). */
    private static Map<Path, String> csvs(Archive a, List<ModelParameter> params, Map<String, String> notes,
                                          CrossValidation.Report cv) {
        Csv fits = new Csv("model", "parameter", "value", "stderr", "note");
        for (ModelParameter p : params) {
            fits.row(p.model(), p.parameter(), p.value(), p.stderr(),
                    ModelFits.Withheld.PARAMETER.equals(p.parameter()) ? notes.getOrDefault(p.model(), "") : "");
        }
        Csv cvCsv = new Csv("model", "heldout", "rmse_log10_d");
        for (CvScore s : cv.scores()) cvCsv.row(s.model(), s.heldout(), s.rmseLog10D());
        return Map.of(new Path(a.reportDir(), "fits.csv"), fits.toString(), new Path(a.reportDir(), "cv.csv"),
                cvCsv.toString());
    }
}
