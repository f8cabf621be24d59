package io.ionflow.analyze.fit;

import io.ionflow.analyze.fit.ConditionMeans.DiffusionMean;
import io.ionflow.analyze.fit.ConditionMeans.DiffusionMeans;
import io.ionflow.analyze.fit.ConditionMeans.ModeConditionMean;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replica means with the propagated error √(Σσ²)/n, computed here by hand from the inputs. */
class ConditionMeansTest {
    private static final Map<String, RunCondition> RUNS = Map.of(
            "a", new RunCondition("a", 500.0, 0.0, 0),
            "b", new RunCondition("b", 500.0004, 0.0, 1), // the same condition within the labels' 1 mK
            "c", new RunCondition("c", 400.0, 0.1, 0),
            "d", new RunCondition("d", 500.0, 0.1, 0));

    private static DiffusionRow d(String run, String species, double d, double err, boolean diffusive) {
        return new DiffusionRow(run, species, "msd", d, err, 1, 10, Double.NaN, Double.NaN, diffusive,
                diffusive ? "" : "NOT DIFFUSIVE: plateau");
    }

    @Test
    void diffusionMeansPerSpeciesMethodAndCondition() {
        DiffusionMeans m = ConditionMeans.ofDiffusion(List.of(
                d("a", "Ag", 1e-5, 1e-6, true), d("b", "Ag", 3e-5, 2e-6, true), d("d", "Ag", 5e-5, 1e-6, true),
                d("c", "Ag", 2e-5, Double.NaN, true), d("a", "Te", 1e-9, 1e-9, false), d("b", "Te", 2e-6, 1e-7, true),
                d("ghost", "Ag", 7e-5, 1e-6, true)), RUNS);
        assertEquals(1, m.unknown(), "the row of a run without a condition is counted apart");
        List<DiffusionMean> rows = m.means();
        assertEquals(List.of("Ag 400.0 0.1", "Ag 500.0 0.0", "Ag 500.0 0.1", "Te 500.0 0.0"), rows.stream()
                .map(r -> r.species() + " " + r.condition().temperatureK() + " " + r.condition().vacancyFraction()).toList());
        DiffusionMean pristine = rows.get(1);
        assertEquals(2, pristine.d().n());
        assertEquals(2e-5, pristine.d().value(), 1e-20);
        assertEquals(Math.sqrt(1e-12 + 4e-12) / 2, pristine.d().err(), 1e-20);
        assertEquals(2, pristine.diffusive());
        assertTrue(Double.isNaN(rows.get(0).d().err()), "an unknown run error makes the condition's error unknown");
        DiffusionMean te = rows.get(3);
        assertEquals(1, te.diffusive(), "one of the two Te runs is diffusive");
        assertEquals((1e-9 + 2e-6) / 2, te.d().value(), 1e-20);
    }

    @Test
    void modeMeansSkipUnknownValuesAndEmptyConditions() {
        List<ModeConditionMean> m = ConditionMeans.ofModes(List.of(
                new ModeMean("a", 0.10, 0.003, 0.5, Double.NaN, Double.NaN, 4, 500, 0),
                new ModeMean("b", 0.14, 0.004, Double.NaN, 0.02, 0.001, 4, 500, 0),
                new ModeMean("d", Double.NaN, Double.NaN, 0.7, 0.03, 0.001, 4, 500, 0.1),
                new ModeMean("ghost", 0.3, 0.01, 0.6, 0.01, 0.001, 4, 500, 0)), RUNS);
        assertEquals(1, m.size(), "run d has no f_u, so its condition has no row; the unknown run is left out");
        ModeConditionMean p = m.get(0);
        assertEquals(Condition.of(500, 0), p.condition());
        assertEquals(0.12, p.fU().value(), 1e-15);
        assertEquals(Math.sqrt(0.003 * 0.003 + 0.004 * 0.004) / 2, p.fU().err(), 1e-15);
        assertEquals(0.5, p.meanUnstableThz(), 0, "only the run that has ⟨ν_u⟩");
        assertEquals(0.02, p.fDw(), 0, "only the run that has f_dw");
    }

    @Test
    void anFuThatIsNotAFractionIsNotAveraged() {
        List<ModeConditionMean> m = ConditionMeans.ofModes(List.of(
                new ModeMean("a", 0.10, 0.003, 0.5, Double.NaN, Double.NaN, 4, 500, 0),
                new ModeMean("b", -0.02, 0.004, 0.6, Double.NaN, Double.NaN, 4, 500, 0),
                new ModeMean("c", 1.5, 0.01, 0.6, Double.NaN, Double.NaN, 4, 400, 0.1),
                new ModeMean("d", 0.0, 0.0, Double.NaN, Double.NaN, Double.NaN, 4, 500, 0.1)), RUNS);
        assertEquals(List.of(Condition.of(500, 0), Condition.of(500, 0.1)), m.stream().map(ModeConditionMean::condition)
                .toList(), "run c's only f_u (1.5) is no fraction, so 400 K has no row; f_u = 0 is a measurement");
        assertEquals(0.10, m.get(0).fU().value(), 0, "run b's negative f_u is left out");
        assertEquals(1, m.get(0).fU().n());
        assertEquals(0.0, m.get(1).fU().value(), 0);
    }
}
