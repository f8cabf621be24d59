package io.ionflow.analyze.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Out-of-sample comparison of the Arrhenius law with the mode-ratio models.
 *
 * <h2>Schemes</h2>
 * <ul>
 *   <li>{@link Scheme#LEAVE_ONE_CONDITION_OUT}: a fold holds out one condition — one (T, vacancy
 *       fraction) pair with ALL its rows (every replica, every species) — fits every model to the
 *       rest, and predicts the held-out rows. Fold label {@code T=500,vac=0.10}.</li>
 *   <li>{@link Scheme#LEAVE_ONE_VACANCY_FRACTION_OUT}: a fold holds out every row of one vacancy
 *       fraction. Fold label {@code vac=0.10}.</li>
 * </ul>
 * Score: RMSE of log10(D_pred) − log10(D_obs) over the held-out rows a model could predict
 * (unweighted: the question is how well each model generalises, not how well it matches the error
 * bars), per fold and pooled over all folds of a scheme (label {@code pooled:<scheme>}). A row a model
 * cannot predict (too few training points, a missing input) gets a NaN prediction, is left out of the
 * RMSE, and shows up as {@code nPredicted < nHeldOut}.
 *
 * <h2>How each model predicts a held-out row of species s</h2>
 * <ul>
 *   <li>Mode models ({@link ModeModel}): refitted per fold to every training row of s (all vacancy
 *       fractions and temperatures at once), then evaluated at the held-out row's f_u (or f_dw),
 *       ⟨ν_u⟩ and T. The model is scored as {@code <family>:<s>}.</li>
 *   <li>Arrhenius ({@code arrhenius:<s>}), which has one fit per vacancy-fraction series, gets its fair
 *       chance as follows. (1) If the training rows of s at the held-out row's vacancy fraction still
 *       span ≥ 2 temperatures, that series' own fit predicts it ({@code own-series}) — the normal case
 *       in leave-one-condition-out. (2) Otherwise (always in leave-one-vacancy-fraction-out; in
 *       leave-one-condition-out when the series is left with one temperature) it uses the fittable
 *       series of the other vacancy fractions: with two or more, ln D0 and Ea are linearly interpolated
 *       in the vacancy fraction between the nearest series below and above
 *       ({@code interp(vac=a,b)}), or linearly extrapolated from the two nearest on one side when the
 *       held-out fraction lies outside their range ({@code extrap(vac=a,b)}); with only one, that
 *       series is used as it is ({@code nearest(vac=a)}); with none, NaN. Interpolating ln D0 and Ea
 *       linearly is the same as interpolating ln D(T) linearly in vacancy fraction at every T. The
 *       prediction error treats the two series as independent:
 *       var = (1−w)²·var_a + w²·var_b, w = (v − v_a)/(v_b − v_a).</li>
 * </ul>
 */
public final class CrossValidation {
    private CrossValidation() {}

    /** Cross-validation scheme. */
    public enum Scheme {
        /** Hold out one (T, vacancy fraction) condition at a time. */
        LEAVE_ONE_CONDITION_OUT("leave-one-condition-out", FitRow::conditionLabel),
        /** Hold out one vacancy fraction at a time. */
        LEAVE_ONE_VACANCY_FRACTION_OUT("leave-one-vacancy-fraction-out", r -> Labels.vacancyFold(r.vacancyFraction()));

        /** Name used in outputs. */
        public final String label;
        final Function<FitRow, String> fold;

        Scheme(String label, Function<FitRow, String> fold) {
            this.label = label;
            this.fold = fold;
        }

        /** @return {@code pooled:<label>}, the heldout label of the pooled score */
        public String pooledLabel() {
            return "pooled:" + label;
        }
    }

    /**
     * Cross-validation output.
     *
     * @param scores      per fold and pooled scores, for every model and scheme
     * @param predictions one row per held-out row, model and scheme
     */
    public record Report(List<CvScore> scores, List<CvPrediction> predictions) {
        /**
         * @param scheme scheme
         * @return its pooled scores, best (lowest RMSE) first; models with no prediction last
         */
        public List<CvScore> ranking(Scheme scheme) {
            List<CvScore> out = new ArrayList<>();
            for (CvScore s : scores) {
                if (s.heldout().equals(scheme.pooledLabel())) {
                    out.add(s);
                }
            }
            out.sort(Comparator.comparingDouble(s -> Double.isNaN(s.rmseLog10D()) ? Double.POSITIVE_INFINITY : s.rmseLog10D()));
            return out;
        }

        /**
         * @param scheme scheme
         * @param model  model name, e.g. {@code powerlaw:Ag}
         * @return its pooled score
         * @throws IllegalArgumentException if there is none
         */
        public CvScore pooled(Scheme scheme, String model) {
            for (CvScore s : scores) {
                if (s.heldout().equals(scheme.pooledLabel()) && s.model().equals(model)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no pooled " + scheme.label + " score for model " + model);
        }
    }

    /**
     * Every scheme that could run on the rows, merged.
     *
     * @param report   their scores and predictions
     * @param schemeOf each score's scheme label (by identity)
     * @param notRun   one line per scheme that could not run, with the reason
     */
    public record AllSchemes(Report report, Map<CvScore, String> schemeOf, List<String> notRun) {}

    /** Runs each scheme on its own, so that rows one scheme refuses leave the others running and are named, not thrown. */
    public static AllSchemes runEach(List<FitRow> rows, FitOptions options) {
        List<CvScore> scores = new ArrayList<>();
        List<CvPrediction> preds = new ArrayList<>();
        Map<CvScore, String> schemeOf = new IdentityHashMap<>();
        List<String> notRun = new ArrayList<>();
        for (Scheme s : Scheme.values()) {
            try {
                Report rep = run(rows, options, s);
                for (CvScore c : rep.scores()) schemeOf.put(c, s.label);
                scores.addAll(rep.scores());
                preds.addAll(rep.predictions());
            } catch (IllegalArgumentException e) {
                notRun.add("cross-validation " + s.label + " not run: " + e.getMessage());
            }
        }
        return new AllSchemes(new Report(List.copyOf(scores), List.copyOf(preds)), schemeOf, List.copyOf(notRun));
    }

    /**
     * Runs both schemes.
     *
     * @param rows    all rows (validated here)
     * @param options fit options
     * @return scores and predictions
     */
    public static Report run(List<FitRow> rows, FitOptions options) {
        return run(rows, options, Scheme.values());
    }

    /**
     * @param rows    all rows (validated here)
     * @param options fit options
     * @param schemes schemes to run
     * @return scores and predictions
     */
    public static Report run(List<FitRow> rows, FitOptions options, Scheme... schemes) {
        FitRow.validate(rows);
        Map<String, List<ModeModel.Spec>> modelsBySpecies = modeModelsBySpecies(rows);
        List<CvScore> scores = new ArrayList<>();
        List<CvPrediction> predictions = new ArrayList<>();
        for (Scheme scheme : schemes) {
            Map<String, List<FitRow>> folds = new TreeMap<>(Comparator.comparing((String f) -> sortKey(f, rows, scheme)));
            for (FitRow r : rows) {
                folds.computeIfAbsent(scheme.fold.apply(r), k -> new ArrayList<>()).add(r);
            }
            List<CvPrediction> schemePredictions = new ArrayList<>();
            for (Map.Entry<String, List<FitRow>> fold : folds.entrySet()) {
                String label = fold.getKey();
                List<FitRow> train = new ArrayList<>();
                for (FitRow r : rows) {
                    if (!scheme.fold.apply(r).equals(label)) {
                        train.add(r);
                    }
                }
                List<CvPrediction> foldPredictions = predictFold(scheme, label, train, fold.getValue(), modelsBySpecies, options);
                scores.addAll(score(foldPredictions, label, modelNames(modelsBySpecies)));
                schemePredictions.addAll(foldPredictions);
            }
            scores.addAll(score(schemePredictions, scheme.pooledLabel(), modelNames(modelsBySpecies)));
            predictions.addAll(schemePredictions);
        }
        return new Report(List.copyOf(scores), List.copyOf(predictions));
    }

    /** Orders folds by vacancy fraction, then temperature. */
    private static String sortKey(String fold, List<FitRow> rows, Scheme scheme) {
        for (FitRow r : rows) {
            if (scheme.fold.apply(r).equals(fold)) {
                return String.format("%012.6f|%014.3f|%s", r.vacancyFraction(),
                        scheme == Scheme.LEAVE_ONE_CONDITION_OUT ? r.temperatureK() : 0.0, fold);
            }
        }
        return fold;
    }

    /** Per species: "arrhenius" plus every mode model that applies to at least one row. */
    static Map<String, List<ModeModel.Spec>> modeModelsBySpecies(List<FitRow> rows) {
        Map<String, List<ModeModel.Spec>> out = new TreeMap<>();
        for (FitRow r : rows) {
            out.computeIfAbsent(r.species(), k -> new ArrayList<>());
        }
        for (Map.Entry<String, List<ModeModel.Spec>> e : out.entrySet()) {
            for (ModeModel.Spec spec : ModeModel.ALL) {
                for (FitRow r : rows) {
                    if (r.species().equals(e.getKey()) && spec.applies(r)) {
                        e.getValue().add(spec);
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, String> modelNames(Map<String, List<ModeModel.Spec>> bySpecies) {
        Map<String, String> out = new LinkedHashMap<>(); // model -> species
        for (Map.Entry<String, List<ModeModel.Spec>> e : bySpecies.entrySet()) {
            out.put("arrhenius:" + e.getKey(), e.getKey());
            for (ModeModel.Spec s : e.getValue()) {
                out.put(s.name(e.getKey()), e.getKey());
            }
        }
        return out;
    }

    private static List<CvPrediction> predictFold(Scheme scheme, String label, List<FitRow> train, List<FitRow> test,
                                                  Map<String, List<ModeModel.Spec>> modelsBySpecies, FitOptions options) {
        List<CvPrediction> out = new ArrayList<>();
        for (Map.Entry<String, List<ModeModel.Spec>> e : modelsBySpecies.entrySet()) {
            String species = e.getKey();
            List<FitRow> testS = new ArrayList<>();
            for (FitRow r : test) {
                if (r.species().equals(species)) {
                    testS.add(r);
                }
            }
            if (testS.isEmpty()) {
                continue;
            }
            List<FitRow> trainS = new ArrayList<>();
            for (FitRow r : train) {
                if (r.species().equals(species)) {
                    trainS.add(r);
                }
            }
            // Arrhenius: fittable series of this species in the training set
            TreeMap<Double, Arrhenius.Fit> series = new TreeMap<>();
            Map<String, Map<Double, List<FitRow>>> grouped = trainS.isEmpty() ? Map.of() : Arrhenius.series(trainS);
            for (List<FitRow> s : grouped.getOrDefault(species, Map.of()).values()) {
                if (Arrhenius.distinctTemperatures(s) >= 2) {
                    FitRow f = s.get(0);
                    series.put(Double.parseDouble(Labels.vacancy(f.vacancyFraction())),
                            Arrhenius.fitSeries(Arrhenius.modelName(species, f.vacancyFraction()), s, options));
                }
            }
            String arrName = "arrhenius:" + species;
            for (FitRow r : testS) {
                ArrheniusGuess g = arrheniusPredict(series, r);
                out.add(prediction(scheme, arrName, label, r, g.lnD, g.lnErr, g.method));
            }
            // mode models
            for (ModeModel.Spec spec : e.getValue()) {
                String name = spec.name(species);
                ModeModel.Fit fit = null;
                String why;
                try {
                    fit = ModeModel.fitValidated(spec, species, trainS, options);
                    why = "fit(n=" + fit.nPoints() + ")";
                } catch (IllegalArgumentException ex) {
                    why = "not fitted: " + ex.getMessage();
                }
                for (FitRow r : testS) {
                    if (fit == null) {
                        out.add(prediction(scheme, name, label, r, Double.NaN, Double.NaN, why));
                    } else if (!spec.applies(r)) {
                        out.add(prediction(scheme, name, label, r, Double.NaN, Double.NaN, "row lacks the model's mode data"));
                    } else {
                        double[] p = fit.predictLnD(r);
                        out.add(prediction(scheme, name, label, r, p[0], p[1], why));
                    }
                }
            }
        }
        return out;
    }

    private record ArrheniusGuess(double lnD, double lnErr, String method) {}

    /** The Arrhenius prediction rule described in the class javadoc. */
    private static ArrheniusGuess arrheniusPredict(TreeMap<Double, Arrhenius.Fit> series, FitRow r) {
        double v = Double.parseDouble(Labels.vacancy(r.vacancyFraction()));
        double t = r.temperatureK();
        Arrhenius.Fit own = series.get(v);
        if (own != null) {
            Arrhenius.Prediction p = own.at(t);
            return new ArrheniusGuess(p.lnD(), p.lnDErr(), "own-series");
        }
        List<Double> vs = new ArrayList<>(series.keySet());
        if (vs.isEmpty()) {
            return new ArrheniusGuess(Double.NaN, Double.NaN, "no fittable Arrhenius series of this species in the training set");
        }
        if (vs.size() == 1) {
            Arrhenius.Prediction p = series.get(vs.get(0)).at(t);
            return new ArrheniusGuess(p.lnD(), p.lnDErr(), "nearest(vac=" + Labels.vacancy(vs.get(0)) + ")");
        }
        Double below = series.lowerKey(v);
        Double above = series.higherKey(v);
        double va;
        double vb;
        String how;
        if (below != null && above != null) {
            va = below;
            vb = above;
            how = "interp";
        } else if (below == null) {
            va = vs.get(0);
            vb = vs.get(1);
            how = "extrap";
        } else {
            va = vs.get(vs.size() - 2);
            vb = vs.get(vs.size() - 1);
            how = "extrap";
        }
        double w = (v - va) / (vb - va);
        Arrhenius.Prediction pa = series.get(va).at(t);
        Arrhenius.Prediction pb = series.get(vb).at(t);
        double ln = (1 - w) * pa.lnD() + w * pb.lnD();
        double var = (1 - w) * (1 - w) * pa.lnDErr() * pa.lnDErr() + w * w * pb.lnDErr() * pb.lnDErr();
        return new ArrheniusGuess(ln, Math.sqrt(var), how + "(vac=" + Labels.vacancy(va) + "," + Labels.vacancy(vb) + ")");
    }

    private static CvPrediction prediction(Scheme scheme, String model, String label, FitRow r, double lnD, double lnErr,
                                           String method) {
        double d = Double.isFinite(lnD) ? Math.exp(lnD) : Double.NaN;
        double dErr = Double.isFinite(lnD) ? d * lnErr : Double.NaN;
        return new CvPrediction(scheme.label, model, label, r.runId(), r.species(), r.temperatureK(), r.vacancyFraction(),
                r.dCm2s(), r.dErrCm2s(), d, dErr, method);
    }

    /** One score per model (in the given order) over the given predictions. */
    private static List<CvScore> score(List<CvPrediction> predictions, String heldout, Map<String, String> models) {
        List<CvScore> out = new ArrayList<>();
        for (String model : models.keySet()) {
            int held = 0;
            int n = 0;
            double ss = 0;
            for (CvPrediction p : predictions) {
                if (!p.model().equals(model)) {
                    continue;
                }
                held++;
                if (p.predicted()) {
                    double res = p.log10Residual();
                    ss += res * res;
                    n++;
                }
            }
            if (held > 0) {
                out.add(new CvScore(model, heldout, n > 0 ? Math.sqrt(ss / n) : Double.NaN, n, held));
            }
        }
        return out;
    }
}
