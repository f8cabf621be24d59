package io.ionflow.analyze.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.analyze.fit.CrossValidation.Scheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Cross-validation must pick the model that generated the data: the mode model when D follows f_u
 * (with f_u NOT Arrhenius-like in T), the Arrhenius law when D is Arrhenius and f_u is unrelated noise.
 */
class CrossValidationTest {
    static final double[] VAC = {0.0, 0.05, 0.10, 0.15, 0.20};
    static final double[] T = {500, 550, 600, 650, 700, 750};
    static final int REPLICAS = 2;
    static final double NOISE = 0.03; // σ of ln D

    /** D = A f_u^n; f_u rises with vacancy fraction but oscillates in T (non-monotonic, not Arrhenius). */
    static List<FitRow> modeTruth(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<FitRow> rows = new ArrayList<>();
        for (double v : VAC) {
            for (double t : T) {
                double f = (0.03 + 0.4 * v) * (1 + 0.5 * Math.sin(2 * Math.PI * (t - 500) / 170));
                for (int k = 0; k < REPLICAS; k++) {
                    double fObs = f * Math.exp(0.01 * FitSynthetic.gaussian(rng));
                    double d = 1.0e-3 * Math.pow(f, 1.5) * Math.exp(NOISE * FitSynthetic.gaussian(rng));
                    rows.add(FitRow.of("run-" + t + "-" + v + "-" + k, "Ag", t, v, d, NOISE * d)
                            .withModes(fObs, 0.01 * fObs, 1.0 + 2.0 * v + 0.001 * t));
                }
            }
        }
        return rows;
    }

    /** D Arrhenius with Ea linear in vacancy fraction; f_u and ⟨ν_u⟩ random and unrelated to D. */
    static List<FitRow> arrheniusTruth(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<FitRow> rows = new ArrayList<>();
        for (double v : VAC) {
            for (double t : T) {
                double ea = 0.30 - 0.6 * v;
                for (int k = 0; k < REPLICAS; k++) {
                    double d = 5.0e-3 * Math.exp(-ea / (Arrhenius.KB_EV_PER_K * t)) * Math.exp(NOISE * FitSynthetic.gaussian(rng));
                    double f = 0.02 + 0.18 * rng.nextDouble();
                    rows.add(FitRow.of("run-" + t + "-" + v + "-" + k, "Ag", t, v, d, NOISE * d)
                            .withModes(f, 0.01 * f, 1.0 + 2.0 * rng.nextDouble())
                            .withDoubleWell(0.3 * f * rng.nextDouble() + 1e-3, Double.NaN));
                }
            }
        }
        return rows;
    }

    static void print(CrossValidation.Report report) {
        for (Scheme s : Scheme.values()) {
            StringBuilder b = new StringBuilder(s.label).append(':');
            for (CvScore c : report.ranking(s)) {
                b.append(String.format(" %s %.4f (%d/%d)", c.model(), c.rmseLog10D(), c.nPredicted(), c.nHeldOut()));
            }
            System.out.println(b);
        }
    }

    @Test
    void modeModelWinsWhenDiffusionFollowsTheUnstableModeFraction() {
        CrossValidation.Report report = CrossValidation.run(modeTruth(2024L), FitOptions.defaults());
        print(report);
        for (Scheme s : Scheme.values()) {
            CvScore mode = report.pooled(s, "powerlaw:Ag");
            CvScore arr = report.pooled(s, "arrhenius:Ag");
            assertTrue(mode.rmseLog10D() < arr.rmseLog10D(), s.label + ": powerlaw " + mode + " vs " + arr);
            assertEquals("powerlaw:Ag", report.ranking(s).get(0).model(), s.label + " ranking " + report.ranking(s));
            assertEquals(mode.nHeldOut(), mode.nPredicted());
            assertEquals(VAC.length * T.length * REPLICAS, mode.nHeldOut());
            assertTrue(mode.rmseLog10D() < 2 * NOISE / Math.log(10), "near the noise floor: " + mode.rmseLog10D());
        }
    }

    @Test
    void arrheniusWinsWhenDiffusionIsArrheniusAndModeFractionIsNoise() {
        CrossValidation.Report report = CrossValidation.run(arrheniusTruth(77L), FitOptions.defaults());
        print(report);
        for (Scheme s : Scheme.values()) {
            List<CvScore> ranking = report.ranking(s);
            assertEquals("arrhenius:Ag", ranking.get(0).model(), s.label + " ranking " + ranking);
            CvScore arr = report.pooled(s, "arrhenius:Ag");
            for (CvScore c : ranking.subList(1, ranking.size())) {
                assertTrue(arr.rmseLog10D() < c.rmseLog10D(), c.model());
            }
            assertEquals(arr.nHeldOut(), arr.nPredicted());
        }
        // every mode model family was compared, including the double-well ones
        Set<String> models = new HashSet<>();
        for (CvScore c : report.ranking(Scheme.LEAVE_ONE_CONDITION_OUT)) {
            models.add(c.model());
        }
        assertEquals(Set.of("arrhenius:Ag", "powerlaw:Ag", "keyes:Ag", "keyes-act:Ag", "powerlaw-dw:Ag", "keyes-dw:Ag",
                "keyes-act-dw:Ag"), models);
    }

    @Test
    void foldsHoldOutWholeConditionsAndArrheniusUsesTheDocumentedRule() {
        CrossValidation.Report report = CrossValidation.run(modeTruth(1L), FitOptions.defaults());
        Set<String> methodsLovo = new HashSet<>();
        for (CvPrediction p : report.predictions()) {
            if (p.model().equals("arrhenius:Ag")) {
                if (p.scheme().equals(Scheme.LEAVE_ONE_CONDITION_OUT.label)) {
                    assertEquals("own-series", p.method(), p.toString());
                    assertEquals(Labels.condition(p.temperatureK(), p.vacancyFraction()), p.heldout());
                } else {
                    methodsLovo.add(p.method());
                    assertEquals("vac=" + Labels.vacancy(p.vacancyFraction()), p.heldout());
                }
            }
        }
        assertEquals(Set.of("extrap(vac=0.05,0.10)", "interp(vac=0.00,0.10)", "interp(vac=0.05,0.15)",
                "interp(vac=0.10,0.20)", "extrap(vac=0.10,0.15)"), methodsLovo);
        // one score per fold and model: 30 conditions + pooled, 5 vacancy fractions + pooled; 2 replicas per fold
        long locoFolds = report.scores().stream()
                .filter(c -> c.model().equals("arrhenius:Ag") && c.heldout().startsWith("T=")).count();
        assertEquals(VAC.length * T.length, locoFolds);
        report.scores().stream().filter(c -> c.heldout().startsWith("T=")).forEach(c -> assertEquals(REPLICAS, c.nHeldOut()));
        CvScore fold = report.scores().stream()
                .filter(c -> c.model().equals("powerlaw:Ag") && c.heldout().equals("vac=0.10")).findFirst().orElseThrow();
        assertEquals(T.length * REPLICAS, fold.nPredicted());
    }

    @Test
    void interpolatedArrheniusIsExactForEaLinearInVacancyFraction() {
        // noiseless Arrhenius data with Ea and ln D0 linear in vac: interpolation must reproduce the held-out series
        List<FitRow> rows = new ArrayList<>();
        for (double v : VAC) {
            for (double t : T) {
                double d = Math.exp(Math.log(5e-3) + 2 * v - (0.30 - 0.6 * v) / (Arrhenius.KB_EV_PER_K * t));
                rows.add(FitRow.of("r", "Ag", t, v, d, 0.01 * d));
            }
        }
        CrossValidation.Report r = CrossValidation.run(rows, FitOptions.defaults(), Scheme.LEAVE_ONE_VACANCY_FRACTION_OUT);
        CvScore s = r.pooled(Scheme.LEAVE_ONE_VACANCY_FRACTION_OUT, "arrhenius:Ag");
        assertEquals(0, s.rmseLog10D(), 1e-10);
        assertEquals(rows.size(), s.nPredicted());
        // no mode data at all: only the Arrhenius model is scored
        assertEquals(1, r.ranking(Scheme.LEAVE_ONE_VACANCY_FRACTION_OUT).size());
    }

    @Test
    void unpredictablePointsAreNaNAndNotCounted() {
        List<FitRow> rows = new ArrayList<>();
        // vac 0.00 has three temperatures, vac 0.10 only one: in LOVO the held-out 0.10 point uses nearest(0.00);
        // the held-out 0.00 series has only one other series with a single temperature → no Arrhenius prediction
        rows.add(FitRow.of("a", "Ag", 500, 0.0, 1e-5, 1e-6).withModes(0.02, Double.NaN, 1.1));
        rows.add(FitRow.of("b", "Ag", 600, 0.0, 2e-5, 2e-6).withModes(0.03, Double.NaN, 1.2));
        rows.add(FitRow.of("c", "Ag", 700, 0.0, 3e-5, 3e-6).withModes(0.04, Double.NaN, 1.3));
        rows.add(FitRow.of("d", "Ag", 500, 0.1, 4e-5, 4e-6).withModes(0.05, Double.NaN, 1.4).withDoubleWell(0.01, Double.NaN));
        CrossValidation.Report r = CrossValidation.run(rows, FitOptions.defaults(), Scheme.LEAVE_ONE_VACANCY_FRACTION_OUT);
        CvScore arr0 = score(r, "arrhenius:Ag", "vac=0.00");
        assertEquals(0, arr0.nPredicted());
        assertEquals(3, arr0.nHeldOut());
        assertTrue(Double.isNaN(arr0.rmseLog10D()));
        CvScore arr1 = score(r, "arrhenius:Ag", "vac=0.10");
        assertEquals(1, arr1.nPredicted());
        CvScore pooled = r.pooled(Scheme.LEAVE_ONE_VACANCY_FRACTION_OUT, "arrhenius:Ag");
        assertEquals(1, pooled.nPredicted());
        assertEquals(4, pooled.nHeldOut());
        assertEquals(arr1.rmseLog10D(), pooled.rmseLog10D(), 1e-15);
        // powerlaw-dw: only one row has f_dw, so it is never fitted: all NaN, RMSE NaN, ranked last
        CvScore dw = r.pooled(Scheme.LEAVE_ONE_VACANCY_FRACTION_OUT, "powerlaw-dw:Ag");
        assertEquals(0, dw.nPredicted());
        assertTrue(Double.isNaN(dw.rmseLog10D()));
        List<CvScore> ranking = r.ranking(Scheme.LEAVE_ONE_VACANCY_FRACTION_OUT);
        assertTrue(Double.isNaN(ranking.get(ranking.size() - 1).rmseLog10D()));
        for (CvPrediction p : r.predictions()) {
            if (p.model().equals("arrhenius:Ag") && p.vacancyFraction() == 0.1) {
                assertEquals("nearest(vac=0.00)", p.method());
            }
            if (!p.predicted()) {
                assertTrue(Double.isNaN(p.dPredictedCm2s()) && !p.method().isEmpty(), p.toString());
            }
        }
    }

    /**
     * Each scheme runs on its own: the merged report holds each scheme's scores as when run alone, each labelled with its
     * scheme; rows no scheme can use give one "not run" line per scheme with the reason, not an exception.
     */
    @Test
    void eachSchemeRunsOnItsOwnAndIsLabelled() {
        List<FitRow> rows = modeTruth(7);
        CrossValidation.AllSchemes all = CrossValidation.runEach(rows, FitOptions.defaults());
        assertEquals(List.of(), all.notRun());
        List<CvScore> expected = new ArrayList<>();
        for (Scheme s : Scheme.values()) {
            List<CvScore> alone = CrossValidation.run(rows, FitOptions.defaults(), s).scores();
            expected.addAll(alone);
            for (CvScore c : all.report().scores()) {
                if (alone.contains(c)) assertEquals(s.label, all.schemeOf().get(c), c.toString());
            }
        }
        assertEquals(expected, all.report().scores());
        assertEquals(all.report().scores().size(), all.schemeOf().size());

        List<FitRow> bad = List.of(FitRow.of("x", "Ag", 500, 0.0, -1e-5, 1e-6));
        CrossValidation.AllSchemes none = CrossValidation.runEach(bad, FitOptions.defaults());
        assertEquals(Scheme.values().length, none.notRun().size(), none.notRun().toString());
        assertTrue(none.notRun().get(0).startsWith("cross-validation " + Scheme.values()[0].label + " not run: ")
                && none.notRun().get(0).contains("D must be finite and > 0"), none.notRun().get(0));
        assertTrue(none.report().scores().isEmpty());
    }

    static CvScore score(CrossValidation.Report r, String model, String heldout) {
        return r.scores().stream().filter(c -> c.model().equals(model) && c.heldout().equals(heldout)).findFirst()
                .orElseThrow();
    }
}
