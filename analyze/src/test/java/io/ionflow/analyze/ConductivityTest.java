package io.ionflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConductivityTest {
    // SI constants (exact, 2019 SI), independent of io.ionflow.simulate.Units
    static final double E_C = 1.602176634e-19;
    static final double KB_J_PER_K = 1.380649e-23;

    @Test
    void nernstEinsteinMatchesAHandComputedValue() {
        int n = 64;                 // Ag+ in a 2×2×2 antifluorite Ag2Te cell
        double q = 1.0;
        double dCm2s = 1.0e-5;      // cm²/s
        double a = 13.2;            // Å, cubic cell edge
        double t = 500.0;           // K
        double dSi = dCm2s * 1e-4;  // m²/s
        double vSi = Math.pow(a * 1e-10, 3);
        double expected = n * q * q * E_C * E_C * dSi / (vSi * KB_J_PER_K * t); // S/m, ≈ 103.5
        double dA2ps = dCm2s / 1e-4; // 1 Å²/ps = 1e-4 cm²/s
        Conductivity.Sigma s = Conductivity.nernstEinstein(n, q, dA2ps, 0.1 * dA2ps, a * a * a, t);
        assertEquals(expected, s.sPerM(), 1e-8 * expected);
        assertEquals(expected / 100, s.sPerCm(), 1e-8 * expected / 100);
        assertEquals(0.1 * expected, s.errSPerM(), 1e-8 * expected);
        assertEquals(103.5, s.sPerM(), 0.1); // the hand-checked number
    }

    @Test
    void havenRatioIsOneForUncorrelatedWalkersAndHalfForPairs() {
        int n = 64;
        int frames = 20_000;
        double dt = 0.05;
        double d = 0.3;
        double[] charge = new double[n];
        java.util.Arrays.fill(charge, 1.0);

        Trajectory free = Synthetic.randomWalks(new SplittableRandom(8), n, frames, dt, d);
        Conductivity.Ratio h = haven(free, charge, dt);
        System.out.printf("Haven ratio, uncorrelated walkers: %.3f ± %.3f%n", h.value(), h.stdErr());
        assertEquals(1.0, h.value(), 3 * h.stdErr());
        assertTrue(h.stdErr() < 0.25, "Haven ratio error " + h.stdErr());

        // walkers moving in rigid pairs: the charge displacement is doubled per pair, D_σ = 2 D*
        Trajectory half = Synthetic.randomWalks(new SplittableRandom(9), n / 2, frames, dt, d);
        double[][][] r = new double[3][n][];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < 3; c++) {
                r[c][a] = half.component(a / 2, c);
            }
        }
        Conductivity.Ratio hp = haven(new Trajectory(r[0], r[1], r[2]), charge, dt);
        System.out.printf("Haven ratio, paired walkers: %.3f ± %.3f%n", hp.value(), hp.stdErr());
        assertEquals(0.5, hp.value(), 3 * hp.stdErr());
        assertTrue(hp.value() + 3 * hp.stdErr() < 1.0, "pairing must be detected");
    }

    private static Conductivity.Ratio haven(Trajectory tr, double[] charge, double dt) {
        int n = tr.atoms();
        int frames = tr.frames();
        // tracer D uses n/2 "independent" particles at most for paired walkers; the tracer fit
        // here is only the numerator, its error is small either way
        DiffusionFit.Result tracer = DiffusionFit.fit(Msd.of(tr, tr.allAtoms(), dt, frames / 2));
        MsdResult qMsd = Conductivity.chargeMsd(tr, tr.allAtoms(), charge, dt, frames / 2);
        assertEquals(1, qMsd.particles());
        DiffusionFit.Result qFit = DiffusionFit.fit(qMsd);
        double[] dSigma = Conductivity.chargeDiffusion(qFit, n, 1.0);
        return Conductivity.havenRatio(tracer.d(), tracer.stdErr(), dSigma[0], dSigma[1]);
    }
}
