package io.ionflow.analyze.inm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-run means over snapshots against values worked out by hand. */
class SnapshotMeansTest {
    private static final double NaN = Double.NaN;

    @Test
    void meansStandardErrorsAndTheUnstableFrequencyWeightedByItsModes() {
        SnapshotMeans m = SnapshotMeans.of(new double[] {0.02, 0.04, 0.06}, new double[] {1.0, 2.0, NaN},
                new double[] {2, 6, NaN}, new double[] {0.5, NaN, 0.7});
        assertEquals(3, m.nSnapshots());
        assertEquals(0.04, m.fU(), 1e-15);
        // sample sd of 0.02, 0.04, 0.06 is 0.02
        assertEquals(0.02 / Math.sqrt(3), m.fUErr(), 1e-15);
        assertEquals((1.0 * 2 + 2.0 * 6) / 8, m.meanUnstableThz(), 1e-15);
        assertEquals(0.6, m.fDw(), 1e-15, "the snapshot without f_dw is left out");
        assertEquals(Math.sqrt(0.02 / 1) / Math.sqrt(2), m.fDwErr(), 1e-14);
    }

    @Test
    void withoutModeCountsThePlainMeanAndWithOneSnapshotNoError() {
        SnapshotMeans m = SnapshotMeans.of(new double[] {0.1}, new double[] {3.0}, null, new double[] {NaN});
        assertEquals(1, m.nSnapshots());
        assertEquals(0.1, m.fU(), 0);
        assertTrue(Double.isNaN(m.fUErr()), "one snapshot: no standard error");
        assertEquals(3.0, m.meanUnstableThz(), 0);
        assertTrue(Double.isNaN(m.fDw()) && Double.isNaN(m.fDwErr()), "no f_dw at all");
        SnapshotMeans plain = SnapshotMeans.of(new double[] {0.1, 0.2}, new double[] {1.0, 4.0}, null,
                new double[] {NaN, NaN});
        assertEquals(2.5, plain.meanUnstableThz(), 1e-15);
    }

    @Test
    void noWeightMeansNoUnstableFrequency() {
        SnapshotMeans m = SnapshotMeans.of(new double[] {0.0, 0.0}, new double[] {1.0, 2.0}, new double[] {0, 0},
                new double[] {NaN, NaN});
        assertTrue(Double.isNaN(m.meanUnstableThz()), "zero unstable modes: no mean frequency");
        assertEquals(0.0, m.fUErr(), 0);
    }
}
