package io.ionflow.analyze.inm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunModeSummaryTest {

    @Test
    void meanStandardErrorAndANormalisedDensity() {
        double[] edges = {-2, -1, 0, 2, 4};
        RunModeSummary s = RunModeSummary.of(List.of(0.1, 0.2, 0.3),
                List.of(new double[] {1, 2, 3, 4}, new double[] {0, 2, 4, 4}, new double[] {2, 2, 2, 4}), edges);
        assertEquals(0.2, s.fuMean(), 1e-15);
        assertEquals(Math.sqrt(0.01 / 3), s.fuErr(), 1e-15); // sample sd 0.1, n = 3
        assertArrayEquals(new double[] {-1.5, -0.5, 1, 3}, s.binCentreThz(), 0);
        assertArrayEquals(new double[] {1, 2, 3, 4}, s.modesPerBin(), 1e-15);
        double integral = 0;
        for (int i = 0; i < 4; i++) integral += s.dosPerThz()[i] * (edges[i + 1] - edges[i]);
        assertEquals(1.0, integral, 1e-15);
        assertEquals(3.0 / 30 / 1, s.dosPerThz()[0], 1e-15); // 3 of 30 modes in a 1 THz bin
    }

    @Test
    void oneSnapshotHasNoErrorAndAnEmptyDosIsZero() {
        RunModeSummary s = RunModeSummary.of(List.of(0.4), List.of(new double[] {0, 0}), new double[] {0, 1, 2});
        assertTrue(Double.isNaN(s.fuErr()));
        assertArrayEquals(new double[] {0, 0}, s.dosPerThz(), 0);
        assertThrows(IllegalArgumentException.class, () -> RunModeSummary.of(List.of(), List.of(), new double[] {0, 1}));
    }
}
