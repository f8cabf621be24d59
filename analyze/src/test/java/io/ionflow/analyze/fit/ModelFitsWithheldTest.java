package io.ionflow.analyze.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A negative activation energy is never presented as a result: the series is withheld with its reason,
 * its Ea, D0 and extrapolations do not appear, and a thermally activated series next to it is fitted.
 */
class ModelFitsWithheldTest {
    @Test
    void aSeriesWhoseDFallsWithTemperatureIsWithheld() {
        // Ag: Ea = 0.25 eV exactly; Te: D scattering around 1e-7 and falling with T (the demo's vacancy-free Te)
        List<FitRow> rows = List.of(
                FitRow.of("a500", "Ag", 500, 0.0, ArrheniusFitTest.dTrue(500), 0.02 * ArrheniusFitTest.dTrue(500)),
                FitRow.of("a600", "Ag", 600, 0.0, ArrheniusFitTest.dTrue(600), 0.02 * ArrheniusFitTest.dTrue(600)),
                FitRow.of("a700", "Ag", 700, 0.0, ArrheniusFitTest.dTrue(700), 0.02 * ArrheniusFitTest.dTrue(700)),
                FitRow.of("t500", "Te", 500, 0.0, 3.0e-7, 1e-7),
                FitRow.of("t600", "Te", 600, 0.0, 1.5e-7, 0.5e-7),
                FitRow.of("t700", "Te", 700, 0.0, 1.0e-7, 0.3e-7));
        ModelFits.Summary s = ModelFits.fitAll(rows, FitOptions.defaults());
        assertEquals(List.of("arrhenius:Ag:vac=0.00"), s.arrhenius().stream().map(Arrhenius.Fit::model).toList());
        assertEquals(1, s.withheld().size(), s.withheld().toString());
        ModelFits.Withheld w = s.withheld().get(0);
        assertEquals("arrhenius:Te:vac=0.00", w.model());
        assertTrue(w.reason().contains("activation energy is not positive"), w.reason());
        List<ModelParameter> params = s.parameters(300);
        List<ModelParameter> te = params.stream().filter(p -> p.model().startsWith("arrhenius:Te")).toList();
        assertEquals(1, te.size(), "only the withheld row: " + te);
        assertEquals(ModelFits.Withheld.PARAMETER, te.get(0).parameter());
        assertTrue(Double.isNaN(te.get(0).value()));
        assertEquals(0.25, params.stream().filter(p -> p.model().equals("arrhenius:Ag:vac=0.00")
                && p.parameter().equals("Ea_eV")).findFirst().orElseThrow().value(), 1e-9);
    }

    /**
     * The demo's Te: diffusive in one condition only, four replicas whose f_u scatter and whose D happens to fall as
     * f_u rises. No power law is presented (it would fit the scatter between replicas), while Ag, with f_u and D
     * rising together over three conditions, gets its exponent back.
     */
    @Test
    void aModeModelFromOneConditionIsWithheld() {
        double[] fuTe = {0.101, 0.104, 0.107, 0.110};
        double[] dTe = {2.0e-7, 1.6e-7, 1.3e-7, 1.0e-7};
        java.util.ArrayList<FitRow> rows = new java.util.ArrayList<>();
        for (int k = 0; k < 4; k++) rows.add(FitRow.of("te" + k, "Te", 700, 0.1, dTe[k], 0.1 * dTe[k]).withModes(fuTe[k], 0.001, Double.NaN));
        double[] t = {500, 600, 700};
        for (int k = 0; k < 3; k++) {
            double fu = 0.08 + 0.02 * k, d = 1e-3 * Math.pow(fu, 2.5);
            rows.add(FitRow.of("ag" + k, "Ag", t[k], 0.1, d, 0.02 * d).withModes(fu, Double.NaN, Double.NaN));
        }
        ModelFits.Summary s = ModelFits.fitAll(rows, FitOptions.defaults());
        ModelFits.Withheld te = s.withheld().stream().filter(w -> w.model().equals("powerlaw:Te")).findFirst().orElseThrow(
                () -> new AssertionError("powerlaw:Te not withheld: " + s.withheld() + " " + s.modes()));
        assertTrue(te.reason().contains("1 condition(s)"), te.reason());
        assertTrue(s.modes().stream().noneMatch(f -> f.species().equals("Te")), s.modes().toString());
        ModeModel.Fit ag = s.modes().stream().filter(f -> f.model().equals("powerlaw:Ag")).findFirst().orElseThrow();
        assertEquals(2.5, ag.beta()[1], 1e-9);
    }

    /** Over three conditions, D falling as f_u rises: the power law's n is negative, so it is withheld with its value. */
    @Test
    void aPowerLawWithANegativeExponentIsWithheld() {
        java.util.ArrayList<FitRow> rows = new java.util.ArrayList<>();
        double[] t = {500, 600, 700};
        for (int k = 0; k < 3; k++) {
            double fu = 0.08 + 0.02 * k, d = 1e-9 * Math.pow(fu, -1.5);
            rows.add(FitRow.of("ag" + k, "Ag", t[k], 0.0, d, 0.02 * d).withModes(fu, Double.NaN, Double.NaN));
        }
        ModelFits.Summary s = ModelFits.fitAll(rows, FitOptions.defaults());
        assertTrue(s.modes().isEmpty(), s.modes().toString());
        ModelFits.Withheld w = s.withheld().stream().filter(x -> x.model().equals("powerlaw:Ag")).findFirst().orElseThrow();
        assertTrue(w.reason().contains("n = -1.5"), w.reason());
    }

    /**
     * Runs flagged not diffusive leave their series: one that keeps two diffusive temperatures is still fitted (no
     * withheld row), one left with a single temperature is withheld naming the run and why, and a species that diffuses
     * in no run gets a withheld row for its series and for its mode models.
     */
    @Test
    void aSeriesWhoseRunsDoNotDiffuseIsWithheldNamingThem() {
        java.util.ArrayList<DiffusionRow> diff = new java.util.ArrayList<>();
        double[] t = {500, 600, 700};
        for (double tk : t) {
            double d = ArrheniusFitTest.dTrue(tk);
            diff.add(new DiffusionRow("ag" + (int) tk, "Ag", "msd", d, 0.02 * d, 1, 10, tk, 0.0, true, ""));
            diff.add(new DiffusionRow("te" + (int) tk, "Te", "msd", 1e-9, 1e-9, 1, 10, tk, 0.0, false,
                    "NOT DIFFUSIVE: caged; window 1-10 ps"));
        }
        diff.add(new DiffusionRow("ag450", "Ag", "msd", 1e-8, 1e-8, 1, 10, 450, 0.0, false, "NOT DIFFUSIVE: too short"));
        diff.add(new DiffusionRow("v500", "Ag", "msd", 1.5e-5, 3e-7, 1, 10, 500, 0.1, true, ""));
        diff.add(new DiffusionRow("v600", "Ag", "msd", 2e-9, 1e-9, 1, 10, 600, 0.1, false, "NOT DIFFUSIVE: plateau"));
        FitRows eligible = FitEligibility.rows(diff, java.util.Map.of(), java.util.Map.of(), "msd", java.util.Set.of());

        ModelFits.Summary s = ModelFits.fitAll(eligible, FitOptions.defaults());
        assertEquals(List.of(Arrhenius.modelName("Ag", 0.0)), s.arrhenius().stream().map(Arrhenius.Fit::model).toList(),
                "Ag without vacancies keeps three diffusive temperatures: fitted, the 450 K run left out");
        assertEquals(0.25, s.arrhenius().get(0).eaEv(), 1e-9);
        java.util.Map<String, String> why = new java.util.TreeMap<>();
        for (ModelFits.Withheld w : s.withheld()) why.put(w.model(), w.reason());
        assertEquals(java.util.Set.of(Arrhenius.modelName("Ag", 0.1), Arrhenius.modelName("Te", 0.0), "modes:Te"), why.keySet(),
                why.toString());
        assertTrue(why.get(Arrhenius.modelName("Ag", 0.1)).contains("does not diffuse in 1 run(s)")
                && why.get(Arrhenius.modelName("Ag", 0.1)).contains("v600 (600 K): plateau"), why.toString());
        assertTrue(why.get(Arrhenius.modelName("Te", 0.0)).contains("does not diffuse in 3 run(s)"), why.toString());
        assertTrue(why.get("modes:Te").contains("Te does not diffuse in any run"), why.toString());
        assertTrue(s.parameters().stream().noneMatch(p -> p.model().startsWith("arrhenius:Te") && p.parameter().equals("Ea_eV")));
    }
}
