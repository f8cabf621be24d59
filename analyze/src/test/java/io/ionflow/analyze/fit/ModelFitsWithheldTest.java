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
}
