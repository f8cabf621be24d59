package io.ionflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.Units;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Langevin (Ornstein–Uhlenbeck) particles have D = kT/(mγ) and a VACF 3(kT/m)e^{−γt} exactly; the
 * MSD fit, the Green–Kubo integral and the VACF shape must all reproduce them.
 */
class OrnsteinUhlenbeckTest {
    static final double MASS_AMU = 107.8682; // Ag
    static final double TEMPERATURE_K = 500.0;
    static final double GAMMA_PER_PS = 10.0;
    static final double DT_PS = 0.01;
    static final int ATOMS = 64;
    static final int FRAMES = 10_000;
    /** kT/m in Å²/ps². */
    static final double KT_OVER_M = Units.KB * TEMPERATURE_K * Units.FORCE_TO_ACCEL / MASS_AMU;
    /** Exact D = kT/(mγ), Å²/ps. */
    static final double D_EXACT = KT_OVER_M / GAMMA_PER_PS;

    static Trajectory positions;
    static Trajectory velocities;

    @BeforeAll
    static void simulate() {
        Trajectory[] pv = Synthetic.ornsteinUhlenbeck(new SplittableRandom(20240501L), ATOMS, FRAMES, DT_PS,
                KT_OVER_M, GAMMA_PER_PS);
        positions = pv[0];
        velocities = pv[1];
    }

    @Test
    void msdFitGivesKTOverMGamma() {
        MsdResult msd = Msd.of(positions, positions.allAtoms(), DT_PS, FRAMES - 1);
        DiffusionFit.Result fit = DiffusionFit.fit(msd);
        System.out.printf("OU: D exact %.5f Å²/ps, MSD fit %.5f ± %.5f (window %.2f–%.2f ps, %d points, χ²/dof %.2f)%n",
                D_EXACT, fit.d(), fit.stdErr(), fit.fitStartPs(), fit.fitEndPs(), fit.nPoints(), fit.chi2PerDof());
        assertTrue(fit.autoWindow(), fit.note());
        // the window must skip the ballistic regime (t < a few 1/γ)
        assertTrue(fit.fitStartPs() >= 3.0 / GAMMA_PER_PS, "window starts in the ballistic regime: " + fit.fitStartPs());
        assertEquals(D_EXACT, fit.d(), 0.03 * D_EXACT, "MSD-fit D within 3 %");
        assertTrue(fit.stdErr() > 0 && fit.stdErr() < 0.02 * D_EXACT, "error bar " + fit.stdErr());
        assertEquals(D_EXACT, fit.d(), 3 * fit.stdErr(), "within 3 sigma of its own error");
        assertEquals(D_EXACT * 1e-4, fit.dCm2PerS(), 0.03 * D_EXACT * 1e-4);
    }

    @Test
    void greenKuboGivesKTOverMGamma() {
        VacfResult vacf = Vacf.of(velocities, velocities.allAtoms(), DT_PS, 1000);
        VacfResult.Plateau auto = vacf.plateau();
        VacfResult.Plateau fixed = vacf.plateau(5.0 / GAMMA_PER_PS, 15.0 / GAMMA_PER_PS);
        System.out.printf("OU: Green-Kubo auto %.5f ± %.5f [%.2f, %.2f ps], fixed %.5f ± %.5f%n", auto.d(), auto.stdErr(),
                auto.startPs(), auto.endPs(), fixed.d(), fixed.stdErr());
        assertEquals(D_EXACT, auto.d(), 0.03 * D_EXACT, "Green-Kubo (auto window) within 3 %");
        assertEquals(D_EXACT, fixed.d(), 0.03 * D_EXACT, "Green-Kubo (fixed window) within 3 %");
        assertTrue(fixed.stdErr() > 0 && fixed.stdErr() < 0.02 * D_EXACT, "block error " + fixed.stdErr());
        assertEquals(8, fixed.nBlocks());
        // C(0) = 3 kT/m (equipartition), raw VACF in Å²/ps²
        assertEquals(3 * KT_OVER_M, vacf.raw()[0], 0.01 * 3 * KT_OVER_M);
    }

    @Test
    void normalisedVacfFollowsExpMinusGammaT() {
        VacfResult vacf = Vacf.of(velocities, velocities.allAtoms(), DT_PS, 200);
        double[] c = vacf.normalized();
        assertEquals(1.0, c[0], 1e-15);
        for (double t : new double[] {0.02, 0.05, 0.1, 0.2, 0.3}) {
            int m = (int) Math.round(t / DT_PS);
            assertEquals(Math.exp(-GAMMA_PER_PS * t), c[m], 0.01, "C(t)/C(0) at t = " + t + " ps");
        }
    }
}
