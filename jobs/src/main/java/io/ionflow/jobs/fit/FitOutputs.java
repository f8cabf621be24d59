package io.ionflow.jobs.fit;

import io.ionflow.analyze.fit.Arrhenius;
import io.ionflow.analyze.fit.CrossValidation;
import io.ionflow.analyze.fit.CvPrediction;
import io.ionflow.analyze.fit.CvScore;
import io.ionflow.analyze.fit.FitRow;
import io.ionflow.analyze.fit.FittedValue;
import io.ionflow.analyze.fit.ModeModel;
import io.ionflow.analyze.fit.ModelFits;
import io.ionflow.analyze.fit.ModelParameter;
import io.ionflow.jobs.archive.Publication;
import io.ionflow.jobs.archive.StagedPartitions;
import io.ionflow.jobs.archive.Csv;
import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ionflow.jobs.archive.Tables.schema;

/**
 * The outputs of {@code fit} (described in {@link FitJob}): the five tables of {@code analysis/fits/},
 * {@code report/fits.csv} and {@code report/cv.csv}, published together ({@link Publication}).
 */
final class FitOutputs {
    private FitOutputs() {}

    static void write(SparkSession spark, Archive a, FitJob.Options o, List<FitRow> rows, ModelFits.Summary summary,
                      CrossValidation.Report cv, Map<CvScore, String> schemeOf) throws IOException {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Arrhenius.Fit f : summary.arrhenius()) notes.put(f.model(), f.note());
        for (ModeModel.Fit f : summary.modes()) notes.put(f.model(), f.note());
        for (ModelFits.Withheld w : summary.withheld()) notes.put(w.model(), w.reason());
        List<ModelParameter> params = summary.parameters(o.extrapolateToK());

        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put("inputs", spark.createDataFrame(inputRows(rows, o.method()), schema("run_id:s", "species:s", "method:s",
                "temperature_k:d", "vacancy_fraction:d", "d_cm2_s:d", "d_err_cm2_s:d", "f_u:d", "f_u_err:d",
                "mean_unstable_thz:d", "f_dw:d", "f_dw_err:d")));
        tables.put("parameters", spark.createDataFrame(parameterRows(params, o.method(), notes), schema("model:s",
                "parameter:s", "value:d", "stderr:d", "method:s", "note:s")));
        tables.put("fitted", spark.createDataFrame(fittedRows(rows, summary), schema("model:s", "run_id:s", "species:s",
                "temperature_k:d", "vacancy_fraction:d", "f_u:d", "f_dw:d", "d_obs_cm2_s:d", "d_obs_err_cm2_s:d",
                "d_fit_cm2_s:d", "d_fit_err_cm2_s:d")));
        tables.put("cv_scores", spark.createDataFrame(scoreRows(cv, schemeOf), schema("scheme:s", "model:s", "heldout:s",
                "rmse_log10_d:d", "n_predicted:i", "n_heldout:i")));
        tables.put("cv_predictions", spark.createDataFrame(predictionRows(cv), schema("scheme:s", "model:s", "heldout:s",
                "run_id:s", "species:s", "temperature_k:d", "vacancy_fraction:d", "d_obs_cm2_s:d", "d_obs_err_cm2_s:d",
                "d_pred_cm2_s:d", "d_pred_err_cm2_s:d", "method:s")));
        Publication.publish(a, staged -> staged.add(StagedPartitions.stageTables(a, a.analysisTable("fits"), tables)),
                () -> csvs(a, params, notes, cv));
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

    private static List<Row> inputRows(List<FitRow> rows, String method) {
        List<Row> out = new ArrayList<>();
        for (FitRow r : rows) {
            out.add(RowFactory.create(r.runId(), r.species(), method, r.temperatureK(), r.vacancyFraction(), r.dCm2s(),
                    r.dErrCm2s(), n(r.fU()), n(r.fUErr()), n(r.meanUnstableFreqThz()), n(r.fDw()), n(r.fDwErr())));
        }
        return out;
    }

    private static List<Row> parameterRows(List<ModelParameter> params, String method, Map<String, String> notes) {
        List<Row> out = new ArrayList<>();
        for (ModelParameter p : params) {
            out.add(RowFactory.create(p.model(), p.parameter(), n(p.value()), n(p.stderr()), method,
                    notes.getOrDefault(p.model(), "")));
        }
        return out;
    }

    /** Each model's in-sample value at each row it applies to ({@link ModelFits.Summary#fitted}). */
    private static List<Row> fittedRows(List<FitRow> rows, ModelFits.Summary summary) {
        List<Row> out = new ArrayList<>();
        for (FittedValue f : summary.fitted(rows)) {
            out.add(RowFactory.create(f.model(), f.runId(), f.species(), f.temperatureK(), f.vacancyFraction(), n(f.fU()),
                    n(f.fDw()), f.dObsCm2s(), f.dObsErrCm2s(), n(f.dFitCm2s()), n(f.dFitErrCm2s())));
        }
        return out;
    }

    private static List<Row> scoreRows(CrossValidation.Report cv, Map<CvScore, String> schemeOf) {
        List<Row> out = new ArrayList<>();
        for (CvScore s : cv.scores()) {
            out.add(RowFactory.create(schemeOf.getOrDefault(s, ""), s.model(), s.heldout(), n(s.rmseLog10D()), s.nPredicted(),
                    s.nHeldOut()));
        }
        return out;
    }

    private static List<Row> predictionRows(CrossValidation.Report cv) {
        List<Row> out = new ArrayList<>();
        for (CvPrediction p : cv.predictions()) {
            out.add(RowFactory.create(p.scheme(), p.model(), p.heldout(), p.runId(), p.species(), p.temperatureK(),
                    p.vacancyFraction(), p.dObservedCm2s(), n(p.dObservedErrCm2s()), n(p.dPredictedCm2s()),
                    n(p.dPredictedErrCm2s()), p.method()));
        }
        return out;
    }

    /** NaN → null (absent) for Parquet. */
    private static Double n(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
