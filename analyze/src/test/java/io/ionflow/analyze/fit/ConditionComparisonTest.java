package io.ionflow.analyze.fit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionComparisonTest {

    @Test
    void meansPropagateErrorsAndTheRatioItsFirstOrderError() {
        ConditionComparison.Mean p = ConditionComparison.Mean.of(List.of(new double[] {1.0, 0.3}, new double[] {3.0, 0.4}));
        assertEquals(2.0, p.value(), 1e-15);
        assertEquals(0.25, p.err(), 1e-15); // √(0.09 + 0.16) / 2
        ConditionComparison.Mean v = new ConditionComparison.Mean(3.0, 0.3, 1);
        ConditionComparison.Ratio r = ConditionComparison.Ratio.of(p, v);
        assertEquals(1.5, r.ratio(), 1e-15);
        assertEquals(1.5 * Math.sqrt(0.01 + 0.015625), r.err(), 1e-15);
        assertEquals("raise", r.verdict()); // 0.5 > 2 × 0.24
        assertEquals("not resolved", ConditionComparison.Ratio.of(p, new ConditionComparison.Mean(2.2, 0.3, 1)).verdict());
        assertEquals("lower", ConditionComparison.Ratio.of(p, new ConditionComparison.Mean(0.5, 0.01, 1)).verdict());
        assertTrue(Double.isNaN(ConditionComparison.Mean.of(List.of(new double[] {1, Double.NaN})).err()));
    }

    @Test
    void theTemperatureClosestToTheTargetWithBothConditionsIsChosen() {
        TreeMap<Double, Set<Double>> m = new TreeMap<>();
        m.put(500.0, Set.of(0.0));
        m.put(600.0, Set.of(0.0, 0.1));
        m.put(300.0, Set.of(0.0, 0.05));
        assertEquals(600.0, ConditionComparison.closestTemperatureWithBoth(m, 500));
        assertEquals(300.0, ConditionComparison.closestTemperatureWithBoth(m, 390));
        m.clear();
        m.put(500.0, Set.of(0.1));
        assertNull(ConditionComparison.closestTemperatureWithBoth(m, 500));
    }
}
