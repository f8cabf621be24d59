package io.ionflow.analyze;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The finishing step: D from an MSD or a VACF, the diffusive verdict and the note. */
class TransportEstimateTest {
    private static final double DT = 0.01;

    @Test
    void aRandomWalkGivesItsDAndADiffusiveNote() {
        SplittableRandom rng = new SplittableRandom(3);
        Trajectory w = Synthetic.randomWalks(rng, 64, 2000, DT, 0.3);
        MsdResult m = Msd.of(w, w.allAtoms(), DT, 1000);
        TransportEstimate e = TransportEstimate.fromMsd(m, Double.NaN, Double.NaN);
        DiffusionFit.Result f = DiffusionFit.fit(m);
        assertTrue(e.diffusive(), e.note());
        assertEquals(f.dCm2PerS(), e.dCm2PerS(), 0.0, "the same GLS fit as the kernel");
        assertTrue(e.note().startsWith("GLS fit of MSD = 6Dt + c"), e.note());
        TransportEstimate fixed = TransportEstimate.fromMsd(m, 1.0, 5.0);
        assertEquals(1.0, fixed.startPs(), 1e-12);
    }

    @Test
    void aCagedVacfIsNotDiffusiveAndAnUnfittableOneSaysWhy() {
        double[][] blocks = new double[8][];
        for (int b = 0; b < 8; b++) blocks[b] = VacfCageTest.vacf(12.6, 2.0, 0.02, 1 + 0.002 * (b - 3.5));
        VacfResult v = new VacfResult(VacfCageTest.DT, 64, 64, VacfCageTest.vacf(12.6, 2.0, 0.02, 1.0), blocks);
        TransportEstimate e = TransportEstimate.fromVacf(v, 5.0, 9.0);
        assertFalse(e.diffusive());
        assertTrue(e.note().startsWith("NOT DIFFUSIVE: caged") && e.note().contains("window given"), e.note());
        TransportEstimate bad = TransportEstimate.fromVacf(v, 50.0, 90.0); // beyond the data
        assertFalse(bad.diffusive());
        assertTrue(Double.isNaN(bad.dCm2PerS()) && bad.note().startsWith("NOT DIFFUSIVE: no plateau"), bad.note());
    }
}
