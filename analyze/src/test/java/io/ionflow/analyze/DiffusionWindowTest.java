package io.ionflow.analyze;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The automatic fit window: the diffusive stretch when there is one, never a crossover between two regimes. */
class DiffusionWindowTest {

    @Test
    void aCagedMsdHasNoDiffusiveWindow() {
        // ballistic (slope 2) then caged (slope 0): d ln MSD / d ln t passes through 1 only briefly
        int n = 480;
        double[] msd = new double[n / 2];
        for (int l = 0; l < msd.length; l++) {
            double x = l / 4.0;
            msd[l] = 0.5 * (1 - Math.exp(-x * x));
        }
        DiffusionWindow.Window w = DiffusionWindow.auto(msd, n, 0.15, 0.5);
        assertFalse(w.auto(), "no diffusive regime: " + w);
        assertTrue(w.note().contains("no diffusive regime"), w.note());
        assertEquals(msd.length - 1, w.endLag(), "the forced window reaches the longest lag");
        assertTrue(w.endLag() >= 9 * w.startLag(), "not a short crossover window: " + w);
    }

    @Test
    void aRandomWalkAfterABallisticStartGetsItsDiffusiveStretch() {
        // MSD = 6 D t for t >> tau, ballistic below: the window must lie in the linear part and span x3
        int n = 2000;
        double d = 0.1;
        double tau = 2.0;
        double[] msd = new double[n / 2];
        for (int l = 0; l < msd.length; l++) {
            msd[l] = 6 * d * (l - tau * (1 - Math.exp(-l / tau)));
        }
        DiffusionWindow.Window w = DiffusionWindow.auto(msd, n, 0.15, 0.5);
        assertTrue(w.auto(), w.note());
        assertTrue(w.startLag() >= tau && w.endLag() >= 3 * w.startLag(), w.toString());
    }
}
