package io.ionflow.analyze.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Power-law and Keyes-type mode models recover their parameters within their errors. */
class ModeModelFitTest {
    static final double[] VAC = {0.0, 0.05, 0.10, 0.15};
    static final double[] T = {500, 575, 650, 725, 800};
    static final ModeModel.Spec POWER = new ModeModel.Spec(ModeModel.Form.POWER_LAW, ModeModel.Variable.F_U);
    static final ModeModel.Spec KEYES = new ModeModel.Spec(ModeModel.Form.KEYES, ModeModel.Variable.F_U);
    static final ModeModel.Spec KEYES_ACT = new ModeModel.Spec(ModeModel.Form.KEYES_ACTIVATED, ModeModel.Variable.F_U);

    /** f_u over the conditions: grows with vacancy fraction and temperature, spread of ln f_u ≈ 0.6. */
    static double fU(double t, double vac) {
        return (0.03 + 0.5 * vac) * (0.7 + 0.6 * (t - 500) / 300);
    }

    static double nu(double t, double vac) {
        return 1.2 + 0.002 * (t - 500) + 3 * vac; // THz
    }

    /** Power-law data D = A f_u^n with lognormal noise σ; f_u measured with relative noise fErr. */
    static List<FitRow> powerLawData(SplittableRandom rng, double a, double n, double sigma, double fErr) {
        List<FitRow> rows = new ArrayList<>();
        for (double v : VAC) {
            for (double t : T) {
                double f = fU(t, v);
                double d = a * Math.pow(f, n) * Math.exp(sigma * FitSynthetic.gaussian(rng));
                double fObs = f * Math.exp(fErr * FitSynthetic.gaussian(rng));
                rows.add(FitRow.of("T" + t + "v" + v, "Ag", t, v, d, sigma * d).withModes(fObs, fErr * fObs, nu(t, v)));
            }
        }
        return rows;
    }

    @Test
    void powerLawRecoversExponentAndPrefactorWithinErrors() {
        double a = 2.0e-3;
        double n = 1.7;
        SplittableRandom rng = new SplittableRandom(31L);
        int reps = 200;
        int in1N = 0, in2N = 0, in1A = 0, in2A = 0;
        double z2N = 0, z2A = 0;
        for (int r = 0; r < reps; r++) {
            ModeModel.Fit f = ModeModel.fit(POWER, powerLawData(rng, a, n, 0.06, 0), FitOptions.defaults());
            double zN = (f.beta()[1] - n) / f.se(1);
            double zA = (Math.exp(f.beta()[0]) - a) / (Math.exp(f.beta()[0]) * f.se(0));
            in1N += Math.abs(zN) <= 1 ? 1 : 0;
            in2N += Math.abs(zN) <= 2 ? 1 : 0;
            in1A += Math.abs(zA) <= 1 ? 1 : 0;
            in2A += Math.abs(zA) <= 2 ? 1 : 0;
            z2N += zN * zN;
            z2A += zA * zA;
        }
        System.out.printf("power law coverage: n 1σ %.3f 2σ %.3f <z²> %.3f | A 1σ %.3f 2σ %.3f <z²> %.3f%n",
                in1N / (double) reps, in2N / (double) reps, z2N / reps, in1A / (double) reps, in2A / (double) reps, z2A / reps);
        assertTrue(in1N >= 0.60 * reps && in2N >= 0.90 * reps);
        assertTrue(in1A >= 0.60 * reps && in2A >= 0.90 * reps);
        assertTrue(z2N / reps > 0.5 && z2N / reps < 2);
        assertTrue(z2A / reps > 0.5 && z2A / reps < 2);
    }

    @Test
    void powerLawOnOneDataSetAndParameterTable() {
        ModeModel.Fit f = ModeModel.fit(POWER, powerLawData(new SplittableRandom(1L), 2.0e-3, 1.7, 0.04, 0),
                FitOptions.defaults());
        assertEquals("powerlaw:Ag", f.model());
        assertEquals(1.7, f.beta()[1], 3 * f.se(1));
        assertTrue(f.se(1) < 0.1, "exponent determined to < 0.1: " + f.se(1));
        List<String> names = new ArrayList<>();
        for (ModelParameter p : f.parameters()) {
            names.add(p.parameter());
        }
        assertTrue(names.containsAll(List.of("A_cm2_s", "n", "lnA", "cov_lnA_n", "chi2_dof")), names.toString());
    }

    @Test
    void modeFractionErrorsEnterTheWeights() {
        // f_u itself noisy by 5 %: without propagation χ²/dof ≈ (0.03² + 1.7²·0.05²)/0.03² ≈ 9; with it ≈ 1
        SplittableRandom rng = new SplittableRandom(77L);
        double chiWith = 0, chiWithout = 0;
        int reps = 50;
        for (int r = 0; r < reps; r++) {
            List<FitRow> rows = powerLawData(rng, 2.0e-3, 1.7, 0.03, 0.05);
            chiWith += ModeModel.fit(POWER, rows, FitOptions.defaults()).chi2PerDof() / reps;
            chiWithout += ModeModel.fit(POWER, rows, new FitOptions(true, false)).chi2PerDof() / reps;
        }
        System.out.printf("power law with noisy f_u: <chi2/dof> %.2f with f_u errors, %.2f without%n", chiWith, chiWithout);
        assertEquals(1.0, chiWith, 0.25);
        assertTrue(chiWithout > 4);
    }

    @Test
    void activatedKeyesFormRecoversCAndE() {
        double c = 4.0e-4; // cm²/s per THz
        double e = 0.12;   // eV
        SplittableRandom rng = new SplittableRandom(12L);
        List<FitRow> rows = new ArrayList<>();
        for (double v : VAC) {
            for (double t : T) {
                double f = fU(t, v);
                double d = c * f * nu(t, v) * Math.exp(-e / (Arrhenius.KB_EV_PER_K * t)) * Math.exp(0.05 * FitSynthetic.gaussian(rng));
                rows.add(FitRow.of("r", "Ag", t, v, d, 0.05 * d).withModes(f, Double.NaN, nu(t, v)));
            }
        }
        ModeModel.Fit act = ModeModel.fit(KEYES_ACT, rows, FitOptions.defaults());
        assertEquals("keyes-act:Ag", act.model());
        assertEquals(e, act.beta()[1], 3 * act.se(1));
        assertEquals(Math.log(c), act.beta()[0], 3 * act.se(0));
        assertTrue(act.chi2PerDof() < 2.5, "chi2/dof " + act.chi2PerDof());
        // the non-activated form cannot absorb the Boltzmann factor: poor fit, flagged and inflated
        ModeModel.Fit plain = ModeModel.fit(KEYES, rows, FitOptions.defaults());
        assertTrue(plain.chi2PerDof() > 10 && plain.errorsScaled(), "chi2/dof " + plain.chi2PerDof());
    }

    @Test
    void plainKeyesFormRecoversC() {
        double c = 7.0e-5;
        List<FitRow> rows = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3L);
        for (double v : VAC) {
            for (double t : T) {
                double d = c * fU(t, v) * nu(t, v) * Math.exp(0.05 * FitSynthetic.gaussian(rng));
                rows.add(FitRow.of("r", "Ag", t, v, d, 0.05 * d).withModes(fU(t, v), 0.0, nu(t, v)));
            }
        }
        ModeModel.Fit f = ModeModel.fit(KEYES, rows, FitOptions.defaults());
        assertEquals(1, f.beta().length);
        assertEquals(Math.log(c), f.beta()[0], 3 * f.se(0));
        assertEquals(0.05 / Math.sqrt(rows.size()), f.se(0), 0.05 / Math.sqrt(rows.size()) * 0.5);
    }

    @Test
    void doubleWellVariantUsesOnlyRowsWithFdw() {
        List<FitRow> rows = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(8L);
        int i = 0;
        for (double v : VAC) {
            for (double t : T) {
                double fdw = 0.4 * fU(t, v);
                double d = 1e-2 * Math.pow(fdw, 1.2) * Math.exp(0.03 * FitSynthetic.gaussian(rng));
                FitRow r = FitRow.of("r" + i, "Ag", t, v, d, 0.03 * d).withModes(fU(t, v), Double.NaN, nu(t, v));
                rows.add(i++ % 4 == 0 ? r : r.withDoubleWell(fdw, Double.NaN)); // every 4th row lacks f_dw
            }
        }
        ModeModel.Fit f = ModeModel.fit(new ModeModel.Spec(ModeModel.Form.POWER_LAW, ModeModel.Variable.F_DW), rows,
                FitOptions.defaults());
        assertEquals("powerlaw-dw:Ag", f.model());
        assertEquals(15, f.nPoints());
        assertTrue(f.note().contains("5 row(s) without"), f.note());
        assertEquals(1.2, f.beta()[1], 3 * f.se(1));
        assertTrue(Double.isNaN(f.predictLnD(rows.get(0))[0]), "a row without f_dw cannot be predicted");
        assertFalse(Double.isNaN(f.predictLnD(rows.get(1))[0]));
    }

    @Test
    void tooFewRowsAndMixedSpeciesAreRefused() {
        FitRow a = FitRow.of("a", "Ag", 500, 0.0, 1e-5, 1e-6).withModes(0.05, Double.NaN, 1.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModeModel.fit(POWER, List.of(a), FitOptions.defaults()));
        assertTrue(e.getMessage().contains("powerlaw:Ag") && e.getMessage().contains("at least 2"), e.getMessage());
        FitRow b = FitRow.of("b", "Te", 600, 0.0, 1e-7, 1e-8).withModes(0.06, Double.NaN, 1.5);
        e = assertThrows(IllegalArgumentException.class, () -> ModeModel.fit(POWER, List.of(a, b), FitOptions.defaults()));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("per species"), e.getMessage());
        // identical f_u everywhere: the exponent is not identifiable
        FitRow c = FitRow.of("c", "Ag", 600, 0.0, 2e-5, 1e-6).withModes(0.05, Double.NaN, 1.5);
        FitRow d = FitRow.of("d", "Ag", 700, 0.0, 3e-5, 1e-6).withModes(0.05, Double.NaN, 1.5);
        e = assertThrows(IllegalArgumentException.class, () -> ModeModel.fit(POWER, List.of(a, c, d), FitOptions.defaults()));
        assertTrue(e.getMessage().contains("not identifiable"), e.getMessage());
        // two conditions for two parameters: the fit would pass through both, testing nothing across conditions
        e = assertThrows(ModeModel.TooFewConditions.class, () -> ModeModel.fit(POWER, List.of(a, c), FitOptions.defaults()));
        assertTrue(e.getMessage().contains("2 condition(s)") && e.getMessage().contains("at least 3"), e.getMessage());
    }
}
