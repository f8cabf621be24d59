package io.ionflow.analyze.fit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run's per-run row (report/modes.csv) wins where it has a value; what it lacks comes from its snapshot means
 * (analysis/modes), each value with its own error; a run in one source only is taken from it.
 */
class ModeMeanMergeTest {
    private static final double NAN = Double.NaN;

    @Test
    void theRowWinsAndIsCompletedFromTheSnapshots() {
        ModeMean row = new ModeMean("a", 0.12, 0.01, NAN, NAN, NAN, 0, 500, 0.1);
        ModeMean snaps = new ModeMean("a", 0.30, 0.02, 0.7, 0.05, 0.004, 8, NAN, NAN);
        ModeMean onlySnaps = new ModeMean("b", 0.2, 0.01, 0.6, 0.04, 0.003, 4, NAN, NAN);
        ModeMean onlyRow = new ModeMean("c", 0.1, 0.01, 0.5, 0.02, 0.001, 3, 600, 0);
        ModeMean.Merged m = ModeMean.merge(Map.of("a", row, "c", onlyRow), Map.of("a", snaps, "b", onlySnaps));
        assertEquals(List.of("a", "b", "c"), List.copyOf(m.means().keySet()));
        ModeMean a = m.means().get("a");
        assertEquals(0.12, a.fU(), 0, "f_u as the row has it");
        assertEquals(0.01, a.fUErr(), 0, "with the row's own error");
        assertEquals(0.7, a.meanUnstableThz(), 0, "⟨ν_u⟩ the row lacks, from the snapshots");
        assertEquals(0.05, a.fDw(), 0);
        assertEquals(0.004, a.fDwErr(), 0, "f_dw with the snapshots' error");
        assertEquals(8, a.nSnapshots(), "count from the snapshots when the row has none");
        assertEquals(500, a.temperatureK(), 0, "the row's condition is kept");
        assertEquals(onlySnaps, m.means().get("b"));
        assertEquals(onlyRow, m.means().get("c"));
        assertTrue(m.usedSnapshots());
    }

    @Test
    void completeRowsUseNothingFromTheSnapshots() {
        ModeMean row = new ModeMean("a", 0.12, 0.01, 0.6, 0.03, 0.002, 5, 500, 0);
        ModeMean.Merged m = ModeMean.merge(Map.of("a", row), Map.of("a", new ModeMean("a", 0.3, 0.02, 0.7, 0.05, 0.004, 8,
                NAN, NAN)));
        assertEquals(row, m.means().get("a"));
        assertFalse(m.usedSnapshots());
        assertFalse(ModeMean.merge(Map.of("a", row), Map.of()).usedSnapshots());
        assertTrue(ModeMean.merge(Map.of(), Map.of("a", row)).usedSnapshots());
    }
}
