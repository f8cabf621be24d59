package io.ionflow.analyze.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Arrhenius fits on synthetic data with known Ea and D0 and lognormal noise of known σ: the
 * estimates, their errors (coverage, ⟨z²⟩) and the propagated extrapolation error must be calibrated.
 */
class ArrheniusFitTest {
    static final double EA = 0.25;          // eV
    static final double D0 = 3.0e-3;        // cm²/s
    static final double SIGMA = 0.08;       // σ of ln D
    static final double[] T = {500, 550, 600, 650, 700, 750, 800};
    static final int REPS = 200;

    static double dTrue(double t) {
        return D0 * Math.exp(-EA / (Arrhenius.KB_EV_PER_K * t));
    }

    /** One synthetic series; the reported error is errorFactor × the true σ_lnD. */
    static Arrhenius.Fit synthetic(SplittableRandom rng, double errorFactor, FitOptions options) {
        java.util.List<FitRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < T.length; i++) {
            double d = dTrue(T[i]) * Math.exp(SIGMA * FitSynthetic.gaussian(rng));
            rows.add(FitRow.of("r" + i, "Ag", T[i], 0.10, d, errorFactor * SIGMA * d));
        }
        return Arrhenius.fit(rows, options);
    }

    record Coverage(double in1Ea, double in2Ea, double z2Ea, double in1D0, double in2D0, double z2D0, double scaledFrac) {}

    static Coverage coverage(long seed, double errorFactor, FitOptions options) {
        SplittableRandom rng = new SplittableRandom(seed);
        int in1Ea = 0, in2Ea = 0, in1D0 = 0, in2D0 = 0, scaled = 0;
        double z2Ea = 0, z2D0 = 0;
        for (int r = 0; r < REPS; r++) {
            Arrhenius.Fit f = synthetic(rng, errorFactor, options);
            double zEa = (f.eaEv() - EA) / f.eaErrEv();
            double zD0 = (f.d0Cm2s() - D0) / f.d0ErrCm2s();
            in1Ea += Math.abs(zEa) <= 1 ? 1 : 0;
            in2Ea += Math.abs(zEa) <= 2 ? 1 : 0;
            in1D0 += Math.abs(zD0) <= 1 ? 1 : 0;
            in2D0 += Math.abs(zD0) <= 2 ? 1 : 0;
            z2Ea += zEa * zEa;
            z2D0 += zD0 * zD0;
            scaled += f.errorsScaled() ? 1 : 0;
        }
        double n = REPS;
        return new Coverage(in1Ea / n, in2Ea / n, z2Ea / n, in1D0 / n, in2D0 / n, z2D0 / n, scaled / n);
    }

    @Test
    void recoversEaAndD0WithinCalibratedErrors() {
        Coverage c = coverage(20240611L, 1.0, FitOptions.defaults());
        System.out.printf("Arrhenius coverage: Ea 1σ %.3f 2σ %.3f <z²> %.3f | D0 1σ %.3f 2σ %.3f <z²> %.3f | scaled in %.2f%n",
                c.in1Ea(), c.in2Ea(), c.z2Ea(), c.in1D0(), c.in2D0(), c.z2D0(), c.scaledFrac());
        assertTrue(c.in1Ea() >= 0.60, "Ea within 1σ in " + c.in1Ea());
        assertTrue(c.in2Ea() >= 0.90, "Ea within 2σ in " + c.in2Ea());
        assertTrue(c.in1D0() >= 0.60, "D0 within 1σ in " + c.in1D0());
        assertTrue(c.in2D0() >= 0.90, "D0 within 2σ in " + c.in2D0());
        assertTrue(c.z2Ea() > 0.5 && c.z2Ea() < 2, "<z²> of Ea " + c.z2Ea());
        assertTrue(c.z2D0() > 0.5 && c.z2D0() < 2, "<z²> of D0 " + c.z2D0());
    }

    /** The same criteria must reject miscalibrated errors (so the test above can fail). */
    @Test
    void criteriaRejectMiscalibratedErrors() {
        Coverage tooLarge = coverage(7L, 3.0, FitOptions.defaults()); // errors 3× too large are never shrunk
        Coverage tooSmall = coverage(7L, 1.0 / 3, new FitOptions(false, true)); // 3× too small, no rescue by scaling
        System.out.printf("miscalibrated: 3x too large <z²>=%.3f, 3x too small (unscaled) <z²>=%.3f%n",
                tooLarge.z2Ea(), tooSmall.z2Ea());
        assertTrue(tooLarge.z2Ea() < 0.5, "over-estimated errors must fail the <z²> bound");
        assertTrue(tooSmall.z2Ea() > 2 && tooSmall.in1Ea() < 0.60, "under-estimated errors must fail the bounds");
        // with the default χ²/dof scaling, the under-estimated errors are rescued
        Coverage rescued = coverage(7L, 1.0 / 3, FitOptions.defaults());
        System.out.printf("3x too small, scaled: <z²>=%.3f, 1σ %.3f, scaled in %.2f%n", rescued.z2Ea(), rescued.in1Ea(),
                rescued.scaledFrac());
        assertTrue(rescued.scaledFrac() > 0.95);
        assertTrue(rescued.z2Ea() < 2, "χ²/dof scaling restores sane errors");
    }

    @Test
    void extrapolationErrorMatchesSpreadOverRepetitions() {
        SplittableRandom rng = new SplittableRandom(99L);
        double tx = 300;
        double lnTrue = Math.log(dTrue(tx));
        double[] ln = new double[REPS];
        double sumVar = 0;
        double sumNaiveVar = 0;
        int in1 = 0;
        double z2 = 0;
        for (int r = 0; r < REPS; r++) {
            Arrhenius.Fit f = synthetic(rng, 1.0, FitOptions.defaults());
            Arrhenius.Prediction p = f.at(tx);
            ln[r] = p.lnD();
            sumVar += p.lnDErr() * p.lnDErr();
            double x = 1 / (Arrhenius.KB_EV_PER_K * tx);
            sumNaiveVar += f.lnD0Err() * f.lnD0Err() + x * x * f.eaErrEv() * f.eaErrEv(); // covariance ignored
            double z = (p.lnD() - lnTrue) / p.lnDErr();
            in1 += Math.abs(z) <= 1 ? 1 : 0;
            z2 += z * z;
            assertEquals(p.dCm2s() * p.lnDErr(), p.dErrCm2s(), 1e-15 * p.dCm2s());
        }
        double mean = 0;
        for (double v : ln) {
            mean += v / REPS;
        }
        double ss = 0;
        for (double v : ln) {
            ss += (v - mean) * (v - mean);
        }
        double empirical = Math.sqrt(ss / (REPS - 1));
        double propagated = Math.sqrt(sumVar / REPS);
        double naive = Math.sqrt(sumNaiveVar / REPS);
        System.out.printf("D(300 K): spread of ln D %.4f, propagated %.4f (ratio %.3f), covariance ignored %.4f; "
                + "1σ coverage %.3f, <z²> %.3f, bias %.4f%n", empirical, propagated, propagated / empirical, naive,
                in1 / (double) REPS, z2 / REPS, mean - lnTrue);
        assertTrue(propagated / empirical > 0.8 && propagated / empirical < 1.25,
                "propagated error " + propagated + " vs spread " + empirical);
        assertTrue(in1 / (double) REPS >= 0.60);
        assertTrue(z2 / REPS > 0.5 && z2 / REPS < 2);
        assertTrue(naive / empirical > 1.5, "this test is sensitive to the covariance term: without it the error is "
                + naive / empirical + "× the spread");
    }

    @Test
    void noiselessDataAreRecoveredExactlyAndCovarianceMatchesClosedForm() {
        double[] d = new double[T.length];
        double[] e = new double[T.length];
        for (int i = 0; i < T.length; i++) {
            d[i] = dTrue(T[i]);
            e[i] = 0.05 * d[i];
        }
        Arrhenius.Fit f = Arrhenius.fit(T, d, e);
        assertEquals(EA, f.eaEv(), 1e-12);
        assertEquals(Math.log(D0), f.lnD0(), 1e-10);
        assertEquals(0, f.chi2PerDof(), 1e-18);
        assertFalse(f.errorsScaled());
        // equal weights σ: var(slope) = σ²/Sxx, var(icpt) = σ²(1/n + x̄²/Sxx), cov = −x̄σ²/Sxx with slope = −Ea
        int n = T.length;
        double xm = 0;
        for (double t : T) {
            xm += 1 / (Arrhenius.KB_EV_PER_K * t) / n;
        }
        double sxx = 0;
        for (double t : T) {
            double dx = 1 / (Arrhenius.KB_EV_PER_K * t) - xm;
            sxx += dx * dx;
        }
        double s2 = 0.05 * 0.05;
        assertEquals(Math.sqrt(s2 / sxx), f.eaErrEv(), 1e-9);
        assertEquals(Math.sqrt(s2 * (1.0 / n + xm * xm / sxx)), f.lnD0Err(), 1e-9);
        assertEquals(xm * s2 / sxx, f.covLnD0Ea(), 1e-9); // cov(lnD0, Ea) = −cov(lnD0, slope)
        assertEquals(f.d0Cm2s() * f.lnD0Err(), f.d0ErrCm2s(), 1e-18);
        assertEquals(5, f.dof());
    }

    @Test
    void excessScatterInflatesErrorsAndIsFlagged() {
        SplittableRandom rng = new SplittableRandom(5L);
        double[] d = new double[T.length];
        double[] e = new double[T.length];
        for (int i = 0; i < T.length; i++) {
            d[i] = dTrue(T[i]) * Math.exp(0.3 * FitSynthetic.gaussian(rng));
            e[i] = 0.03 * d[i]; // claimed 3 %, real scatter 30 %
        }
        Arrhenius.Fit scaled = Arrhenius.fit(T, d, e);
        java.util.List<FitRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < T.length; i++) {
            rows.add(FitRow.of("r" + i, "Ag", T[i], 0.0, d[i], e[i]));
        }
        Arrhenius.Fit raw = Arrhenius.fit(rows, new FitOptions(false, true));
        assertTrue(scaled.chi2PerDof() > 10, "chi2/dof " + scaled.chi2PerDof());
        assertTrue(scaled.errorsScaled());
        assertTrue(scaled.note().contains("scaled"), scaled.note());
        assertFalse(raw.errorsScaled());
        assertEquals(raw.eaErrEv() * Math.sqrt(scaled.chi2PerDof()), scaled.eaErrEv(), 1e-12);
        assertEquals(raw.covLnD0Ea() * scaled.chi2PerDof(), scaled.covLnD0Ea(), 1e-12 * Math.abs(raw.covLnD0Ea()) * 100);
        assertEquals(raw.eaEv(), scaled.eaEv(), 1e-12);
    }

    @Test
    void parameterTableUsesTheAgreedNames() {
        double[] d = {1e-5, 2e-5, 3.5e-5};
        Arrhenius.Fit f = Arrhenius.fit(java.util.List.of(
                FitRow.of("a", "Ag", 500, 0.1, d[0], 1e-6), FitRow.of("b", "Ag", 600, 0.1, d[1], 1e-6),
                FitRow.of("c", "Ag", 700, 0.1, d[2], 1e-6)), FitOptions.defaults());
        assertEquals("arrhenius:Ag:vac=0.10", f.model());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ModelParameter p : f.parameters()) {
            assertEquals("arrhenius:Ag:vac=0.10", p.model());
            names.add(p.parameter());
        }
        assertTrue(names.containsAll(java.util.List.of("Ea_eV", "D0_cm2_s", "lnD0", "chi2_dof", "cov_lnD0_Ea")), names.toString());
        ModelParameter x = f.extrapolationParameter(300);
        assertEquals("D_300K_cm2_s", x.parameter());
        assertEquals(f.at(300).dCm2s(), x.value(), 0);
    }
}
