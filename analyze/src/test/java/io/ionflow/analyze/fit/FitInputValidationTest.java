package io.ionflow.analyze.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases: too few temperatures, and bad rows refused with a message that names the row. */
class FitInputValidationTest {
    static List<FitRow> good() {
        List<FitRow> rows = new ArrayList<>();
        rows.add(FitRow.of("r0", "Ag", 500, 0.10, 1.5e-5, 1e-6).withModes(0.05, 0.001, 1.5));
        rows.add(FitRow.of("r1", "Ag", 600, 0.10, 2.5e-5, 1e-6).withModes(0.06, 0.001, 1.6));
        rows.add(FitRow.of("r2", "Ag", 700, 0.10, 3.5e-5, 1e-6).withModes(0.07, 0.001, 1.7));
        rows.add(FitRow.of("r3", "Ag", 500, 0.00, 0.8e-5, 1e-6).withModes(0.03, 0.001, 1.4));
        return rows;
    }

    @Test
    void seriesWithOneTemperatureIsAClearError() {
        List<FitRow> one = List.of(FitRow.of("a", "Ag", 500, 0.10, 1e-5, 1e-6), FitRow.of("b", "Ag", 500, 0.10, 1.1e-5, 1e-6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arrhenius.fit(one, FitOptions.defaults()));
        System.out.println("one temperature: " + e.getMessage());
        assertTrue(e.getMessage().contains("arrhenius:Ag:vac=0.10"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 2 distinct temperatures") && e.getMessage().contains("has 1"), e.getMessage());
        // in a full run, the one-temperature series (vac=0.00) is reported as skipped and the rest is fitted
        ModelFits.Summary s = ModelFits.fitAll(good(), FitOptions.defaults());
        assertEquals(1, s.arrhenius().size());
        assertEquals("arrhenius:Ag:vac=0.10", s.arrhenius().get(0).model());
        assertEquals(1, s.skipped().size());
        assertTrue(s.skipped().get(0).contains("arrhenius:Ag:vac=0.00"), s.skipped().toString());
        assertEquals(List.of("powerlaw:Ag", "keyes:Ag", "keyes-act:Ag"), s.modes().stream().map(ModeModel.Fit::model).toList());
        assertTrue(s.parameters(300).stream().anyMatch(p -> p.parameter().equals("D_300K_cm2_s")));
    }

    @Test
    void twoTemperaturesFitButHaveNoChiSquare() {
        Arrhenius.Fit f = Arrhenius.fit(new double[] {500, 600}, new double[] {1e-5, 2e-5}, new double[] {1e-6, 2e-6});
        assertEquals(0, f.dof());
        assertTrue(Double.isNaN(f.chi2PerDof()));
        assertTrue(f.note().contains("not available"), f.note());
        // two temperatures with replicas: χ² exists but is only about replica scatter, and the note says so
        Arrhenius.Fit g = Arrhenius.fit(List.of(FitRow.of("a", "Ag", 500, 0, 1e-5, 1e-6), FitRow.of("b", "Ag", 500, 0, 1.1e-5, 1e-6),
                FitRow.of("c", "Ag", 600, 0, 2e-5, 2e-6)), FitOptions.defaults());
        assertEquals(1, g.dof());
        assertTrue(g.note().contains("replica scatter"), g.note());
    }

    @Test
    void zeroOrNegativeDIsRefusedNamingTheRow() {
        for (double bad : new double[] {0.0, -2e-5, Double.NaN}) {
            List<FitRow> rows = good();
            rows.set(2, FitRow.of("r2", "Ag", 700, 0.10, bad, 1e-6).withModes(0.07, 0.001, 1.7));
            for (Runnable call : List.<Runnable>of(
                    () -> Arrhenius.fit(rows.subList(0, 3), FitOptions.defaults()),
                    () -> ModelFits.fitAll(rows, FitOptions.defaults()),
                    () -> CrossValidation.run(rows, FitOptions.defaults()),
                    () -> ModeModel.fit(ModeModel.ALL.get(0), rows, FitOptions.defaults()))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
                assertTrue(e.getMessage().startsWith("row 2 (run_id=r2, species=Ag, T=700 K, vac=0.10)"), e.getMessage());
                assertTrue(e.getMessage().contains("D must be finite and > 0"), e.getMessage());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arrhenius.fit(new double[] {500, 600, 700}, new double[] {1e-5, -1e-5, 2e-5}, new double[] {1e-6, 1e-6, 1e-6}));
        System.out.println("negative D: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("row 1 "), e.getMessage());
    }

    @Test
    void otherBadInputsAreRefusedNamingTheRow() {
        List<FitRow> rows = good();
        rows.set(1, FitRow.of("r1", "Ag", 600, 0.10, 2.5e-5, 0.0));
        assertMessage(rows, "row 1 ", "standard error of D");
        rows = good();
        rows.set(3, FitRow.of("r3", "Ag", 500, 0.00, 0.8e-5, 1e-6).withModes(0.0, 0.001, 1.4));
        assertMessage(rows, "row 3 ", "f_u must be in (0, 1]");
        rows = good();
        rows.set(0, FitRow.of("r0", "Ag", -5, 0.10, 1.5e-5, 1e-6));
        assertMessage(rows, "row 0 ", "temperature");
        rows = good();
        rows.set(0, FitRow.of("r0", " ", 500, 0.10, 1.5e-5, 1e-6));
        assertMessage(rows, "row 0 ", "species");
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(List.of(), FitOptions.defaults()));
    }

    @Test
    void mixedSeriesIsRefused() {
        List<FitRow> rows = List.of(FitRow.of("a", "Ag", 500, 0.10, 1e-5, 1e-6), FitRow.of("b", "Ag", 600, 0.05, 2e-5, 1e-6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arrhenius.fit(rows, FitOptions.defaults()));
        assertTrue(e.getMessage().startsWith("row 1 ") && e.getMessage().contains("one vacancy fraction"), e.getMessage());
    }

    static void assertMessage(List<FitRow> rows, String prefix, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFits.fitAll(rows, FitOptions.defaults()));
        assertTrue(e.getMessage().startsWith(prefix) && e.getMessage().contains(text), e.getMessage());
    }
}
