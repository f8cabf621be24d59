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
}
