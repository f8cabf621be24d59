package io.ionflow.analyze;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Green–Kubo plateau of a caged atom is not a diffusion coefficient even when the block error makes it
 * "significant": the running integral falls back to almost nothing of its vibrational maximum.
 */
class VacfCageTest {
    static final double DT = 0.005;
    static final int LAGS = 2000;

    /** VACF per lag: a bound (underdamped Brownian) oscillator, which integrates to zero, plus a hop term eps·e^{-t/0.5}. */
    static double[] vacf(double omega, double gamma, double eps, double scale) {
        double w1 = Math.sqrt(omega * omega - gamma * gamma / 4);
        double[] c = new double[LAGS + 1];
        for (int m = 0; m <= LAGS; m++) {
            double t = m * DT;
            c[m] = scale * (3 * Math.exp(-gamma * t / 2) * (Math.cos(w1 * t) - gamma / (2 * w1) * Math.sin(w1 * t))
                    + eps * Math.exp(-t / 0.5));
        }
        return c;
    }

    static VacfResult.Plateau plateau(double eps) {
        double[][] blocks = new double[8][];
        for (int b = 0; b < 8; b++) {
            blocks[b] = vacf(12.6, 2.0, eps, 1 + 0.002 * (b - 3.5));
        }
        return new VacfResult(DT, 64, 64, vacf(12.6, 2.0, eps, 1.0), blocks).plateau(5.0, 9.0);
    }

    @Test
    void aVibratingAtomWithAFewHopsIsCaged() {
        VacfResult.Plateau p = plateau(0.02); // plateau ≈ 0.0033 Å²/ps against a vibrational peak ≈ 1/ω = 0.08
        assertTrue(p.d() > 10 * p.stdErr(), "significant by the block error: " + p);
        String why = p.notDiffusive();
        assertTrue(why != null && why.startsWith("caged: the Green-Kubo integral falls back to"), String.valueOf(why));
    }

    @Test
    void aHoppingAtomIsDiffusive() {
        VacfResult.Plateau p = plateau(3.0); // hops carry as much as the cage: plateau ≈ 0.5 Å²/ps
        assertNull(p.notDiffusive(), p.toString());
        assertEquals(0.5, p.d(), 0.01, "(1/3)·eps·τ = 0.5 Å²/ps; the bound oscillator adds nothing");
    }
}
