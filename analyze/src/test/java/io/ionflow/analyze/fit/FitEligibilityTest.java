package io.ionflow.analyze.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The join of diffusion rows, run conditions and mode means into fit rows, and the rows it withholds. */
class FitEligibilityTest {
    @Test
    void joinLeavesOutUnusableRowsWithAReason() {
        List<DiffusionRow> diff = List.of(
                new DiffusionRow("r1", "Ag", "msd", 1e-5, 1e-7, 1, 10, Double.NaN, Double.NaN),
                new DiffusionRow("r1", "Ag", "vacf", 1.1e-5, 1e-7, 0, 2, Double.NaN, Double.NaN),
                new DiffusionRow("r2", "Ag", "msd", -1e-9, 1e-9, 1, 10, 600, 0.1),
                new DiffusionRow("r3", "Ag", "msd", 2e-5, 0, 1, 10, 700, 0),
                new DiffusionRow("r4", "Ag", "msd", 2e-5, 1e-6, 1, 10, Double.NaN, Double.NaN),
                new DiffusionRow("r5", "Te", "msd", 2e-7, 1e-8, 1, 10, 700, 0.05));
        Map<String, RunCondition> runs = Map.of("r1", new RunCondition("r1", 500, 0.1, 0));
        Map<String, ModeMean> modes = Map.of(
                "r1", new ModeMean("r1", 0.05, 0.001, 1.5, Double.NaN, Double.NaN, 20, 500, 0.1),
                "r5", new ModeMean("r5", 0.0, 0.0, Double.NaN, Double.NaN, Double.NaN, 20, 700, 0.05));
        FitRows r = FitEligibility.rows(diff, runs, modes, "msd", Set.of());
        assertEquals(2, r.rows().size(), r.toString());
        FitRow r1 = r.rows().get(0);
        assertEquals(500, r1.temperatureK());
        assertEquals(0.05, r1.fU());
        assertEquals(1.5, r1.meanUnstableFreqThz());
        assertTrue(Double.isNaN(r.rows().get(1).fU()), "f_u = 0 dropped from the row");
        assertEquals(3, r.skipped().size(), r.skipped().toString());
        assertTrue(r.skipped().get(0).startsWith("run r2 Ag: not diffusive (D is not significantly above zero"),
                r.skipped().get(0));
        assertEquals(List.of("r2 (600 K): D is not significantly above zero (D/sigma = -1.0 < 3)"),
                r.notDiffusive().get("arrhenius:Ag:vac=0.10"), "the series that lost it, for the withheld row");
        assertTrue(r.skipped().get(1).contains("standard error"), r.skipped().get(1));
        assertTrue(r.skipped().get(2).contains("no temperature"), r.skipped().get(2));
        assertTrue(r.notes().get(0).contains("f_u = 0.0 is outside (0, 1]"), r.notes().toString());
        assertEquals(1, FitEligibility.rows(diff, runs, modes, "msd", Set.of("Te")).rows().size());
    }
}
