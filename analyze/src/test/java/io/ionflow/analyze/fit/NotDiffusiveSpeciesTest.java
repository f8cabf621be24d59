package io.ionflow.analyze.fit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A species counts as not diffusive only when it diffuses in no run (the report collapses its figures), with the reason. */
class NotDiffusiveSpeciesTest {
    @Test
    void onlySpeciesThatDiffuseNowhereAreCollapsed() {
        List<DiffusionRow> rows = List.of(
                new DiffusionRow("a", "Ag", "msd", 1e-5, 1e-7, 1, 10, 500, 0, true, "GLS fit ..."),
                new DiffusionRow("a", "Te", "msd", 2e-8, 5e-8, 1, 10, 500, 0, false,
                        "NOT DIFFUSIVE: caged: over the window the MSD rises by 0.1 A^2, less than its value 0.9 A^2 at the"
                                + " window start; GLS fit ..."),
                new DiffusionRow("b", "Te", "msd", -1e-8, 5e-8, 1, 10, 600, 0, false, "NOT DIFFUSIVE: no fit"),
                // an older table without the flag: Cu at 2 sigma is not diffusive, Li at 10 sigma is
                new DiffusionRow("c", "Cu", "msd", 1e-7, 5e-8, 1, 10, 600, 0),
                new DiffusionRow("c", "Li", "msd", 5e-7, 5e-8, 1, 10, 600, 0));
        Map<String, String> nd = DiffusionRow.speciesDiffusingNowhere(rows);
        assertEquals(List.of("Cu", "Te"), List.copyOf(nd.keySet()));
        assertEquals("caged: over the window the MSD rises by 0.1 A^2, less than its value 0.9 A^2 at the window start",
                nd.get("Te"));
        assertEquals("D is not significantly above zero (D/sigma = 2.0 < 3)", nd.get("Cu"));
    }
}
