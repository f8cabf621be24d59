package io.ionflow.analyze.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The vacancy comparison's choice of conditions and its means, ratios and errors, worked by hand. */
class VacancyComparisonTest {
    private static final List<FitRow> ROWS = List.of(
            FitRow.of("a", "Ag", 500, 0.0, 1.0e-5, 0.1e-5),   // 500 K has no vacancy run: not usable
            FitRow.of("b", "Ag", 560, 0.0, 1.0e-5, 0.1e-5),
            FitRow.of("c", "Ag", 560, 0.0, 1.2e-5, 0.1e-5),
            FitRow.of("d", "Ag", 560, 0.05, 1.3e-5, 0.1e-5),
            FitRow.of("e", "Ag", 560, 0.125, 2.2e-5, 0.2e-5),
            FitRow.of("f", "Ag", 400, 0.0, 1.0e-6, 0.1e-6),
            FitRow.of("g", "Ag", 400, 0.1, 1.0e-6, 0.1e-6),
            FitRow.of("h", "Te", 560, 0.0, 1.0e-7, 0.1e-7));

    @Test
    void closestTemperatureWithBothConditionsHighestFractionReplicasAveraged() {
        VacancyComparison c = VacancyComparison.near(500, ROWS, Map.of(), Map.of(), "Ag");
        assertEquals(560, c.temperatureK(), "560 K is 60 K from 500 K, 400 K is 100 K away");
        assertEquals(0.125, c.vacancyFraction());
        assertEquals(1.1e-5, c.d().pristine().value(), 1e-18);
        assertEquals(Math.sqrt(2) * 0.1e-5 / 2, c.d().pristine().err(), 1e-18, "sqrt(sum sigma^2) / n");
        assertEquals(2, c.d().pristine().n());
        assertEquals(2.0, c.d().ratio(), 1e-12);
        double rel = Math.hypot(0.2 / 2.2, Math.sqrt(2) * 0.1 / 2 / 1.1);
        assertEquals(2.0 * rel, c.d().err(), 1e-12);
        assertEquals("raise", c.d().verdict());
        assertNull(c.fu(), "no mode means");
        assertEquals(Set.of(400.0, 500.0, 560.0), VacancyComparison.temperatures(ROWS, "Ag"));
    }

    /** A run's mode means: f_u ± its error at (T, vacancy fraction), ⟨ν_u⟩ = 1 THz, 10 snapshots. */
    private static ModeMean fu(String run, double fu, double err, double temperatureK, double vacancyFraction) {
        return new ModeMean(run, fu, err, 1, Double.NaN, Double.NaN, 10, temperatureK, vacancyFraction);
    }

    @Test
    void unstableModeFractionsOfTheSameConditions() {
        Map<String, RunCondition> cond = Map.of("b", new RunCondition("b", 560, 0, 0),
                "e", new RunCondition("e", 560.0004, 0.1250000001, 0), "g", new RunCondition("g", 400, 0.1, 0));
        Map<String, ModeMean> modes = Map.of("b", fu("b", 0.05, 0.002, 560, 0), "e", fu("e", 0.06, 0.003, 560, 0.125),
                "g", fu("g", 0.50, 0.003, 400, 0.1));
        VacancyComparison c = VacancyComparison.near(500, ROWS, cond, modes, "Ag");
        assertEquals(1.2, c.fu().ratio(), 1e-12, "0.06 / 0.05; run g is at another temperature");
        assertEquals(1.2 * Math.hypot(0.003 / 0.06, 0.002 / 0.05), c.fu().err(), 1e-12);
        assertEquals("raise", c.fu().verdict(), "1.2 - 1 > 2 x 0.077");
    }

    @Test
    void anFuThatIsNotAFractionDoesNotEnterTheRatio() {
        Map<String, RunCondition> cond = Map.of("b", new RunCondition("b", 560, 0, 0),
                "c", new RunCondition("c", 560, 0, 1), "e", new RunCondition("e", 560, 0.125, 0));
        Map<String, ModeMean> modes = Map.of("b", fu("b", 0.05, 0.002, 560, 0), "c", fu("c", -0.05, 0.002, 560, 0),
                "e", fu("e", 0.06, 0.003, 560, 0.125));
        VacancyComparison c = VacancyComparison.near(500, ROWS, cond, modes, "Ag");
        assertEquals(1.2, c.fu().ratio(), 1e-12, "run c's f_u of -0.05 would make the pristine mean 0");
        assertEquals(1, c.fu().pristine().n());
        Map<String, ModeMean> onlyBad = Map.of("c", modes.get("c"), "e", modes.get("e"));
        assertNull(VacancyComparison.near(500, ROWS, cond, onlyBad, "Ag").fu(), "no pristine f_u is left");
    }

    @Test
    void theMobileSpeciesIsAgOrTheOneWithTheLargestMedianD() {
        assertEquals("Ag", VacancyComparison.mobileSpecies(List.of("Ag", "Te"), ROWS));
        assertEquals("Ag", VacancyComparison.mobileSpecies(Set.of("Ag", "Te"), List.of()), "even without rows");
        List<FitRow> lps = List.of(FitRow.of("a", "Li", 500, 0, 1e-7, 1e-8), FitRow.of("b", "Li", 500, 0, 1e-7, 1e-8),
                FitRow.of("c", "Li", 500, 0, 9e-6, 1e-7), FitRow.of("a", "S", 500, 0, 2e-6, 1e-7),
                FitRow.of("b", "S", 500, 0, 2e-6, 1e-7));
        assertEquals("S", VacancyComparison.mobileSpecies(List.of("Li", "P", "S"), lps),
                "median D: S 2e-6 > Li 1e-7 (by the mean, 3.07e-6, one hot Li run would win)");
        List<FitRow> even = List.of(FitRow.of("a", "Li", 500, 0, 1e-6, 1e-7), FitRow.of("b", "Li", 500, 0, 5e-6, 1e-7),
                FitRow.of("a", "S", 500, 0, 2.9e-6, 1e-7), FitRow.of("b", "S", 500, 0, 2.9e-6, 1e-7));
        assertEquals("Li", VacancyComparison.mobileSpecies(List.of("Li", "S"), even), "the median of 2 is their mean, 3e-6");
        assertNull(VacancyComparison.mobileSpecies(List.of("Si"), List.of()));
    }

    @Test
    void noTemperatureWithBothIsNoComparison() {
        assertNull(VacancyComparison.near(500, ROWS.subList(0, 3), Map.of(), Map.of(), "Ag"));
        assertNull(VacancyComparison.near(500, ROWS, Map.of(), Map.of(), "Cu"));
    }
}
