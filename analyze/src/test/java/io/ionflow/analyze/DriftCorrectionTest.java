package io.ionflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A uniform drift of the whole cell must be removed by referring to the framework's COM. */
class DriftCorrectionTest {
    static final double DT_PS = 0.05;
    static final int FRAMES = 2000;
    static final int N_FW = 32;
    static final int N_MOBILE = 32;
    static final double D_MOBILE = 0.2; // Å²/ps
    static final double[] DRIFT = {0.5, -0.3, 0.2}; // Å/ps

    static int[] species = new int[N_FW + N_MOBILE];
    static double[] mass = new double[N_FW + N_MOBILE];
    static int[] mobile = new int[N_MOBILE];
    static Trajectory clean;
    static Trajectory drifting;

    @BeforeAll
    static void build() {
        SplittableRandom rng = new SplittableRandom(99);
        int n = N_FW + N_MOBILE;
        double[][][] r = new double[3][n][FRAMES];
        for (int a = 0; a < N_FW; a++) { // framework: sites + 0.1 Å thermal jitter
            species[a] = 0;
            mass[a] = 127.60;
            for (int c = 0; c < 3; c++) {
                double site = 13.2 * rng.nextDouble();
                for (int f = 0; f < FRAMES; f++) {
                    r[c][a][f] = site + 0.1 * rng.nextGaussian();
                }
            }
        }
        Trajectory walkers = Synthetic.randomWalks(rng, N_MOBILE, FRAMES, DT_PS, D_MOBILE);
        for (int i = 0; i < N_MOBILE; i++) {
            int a = N_FW + i;
            species[a] = 1;
            mass[a] = 107.8682;
            mobile[i] = a;
            for (int c = 0; c < 3; c++) {
                r[c][a] = walkers.component(i, c).clone();
            }
        }
        clean = new Trajectory(r[0], r[1], r[2]);
        drifting = Synthetic.withDrift(clean, DT_PS, DRIFT[0], DRIFT[1], DRIFT[2]);
    }

    @Test
    void leastMobileSpeciesIsTheFramework() {
        assertEquals(0, DriftCorrection.leastMobileSpecies(clean, species, mass));
        assertEquals(0, DriftCorrection.leastMobileSpecies(drifting, species, mass));
    }

    @Test
    void pureDriftGivesZeroMsd() {
        int n = 8;
        double[][][] r = new double[3][n][FRAMES];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < 3; c++) {
                java.util.Arrays.fill(r[c][a], 3.0 * a + c);
            }
        }
        Trajectory still = Synthetic.withDrift(new Trajectory(r[0], r[1], r[2]), DT_PS, DRIFT[0], DRIFT[1], DRIFT[2]);
        double[] m = new double[n];
        java.util.Arrays.fill(m, 1.0);
        int[] all = still.allAtoms();
        double raw = Msd.of(still, all, DT_PS, FRAMES - 1).total()[FRAMES / 2];
        double v2 = DRIFT[0] * DRIFT[0] + DRIFT[1] * DRIFT[1] + DRIFT[2] * DRIFT[2];
        double t = FRAMES / 2 * DT_PS;
        assertEquals(v2 * t * t, raw, 1e-9 * v2 * t * t, "uncorrected MSD of pure drift is |v|²t²");
        Trajectory fixed = DriftCorrection.correct(still, new int[] {0, 1, 2}, m);
        double[] msd = Msd.of(fixed, all, DT_PS, FRAMES - 1).total();
        for (double x : msd) {
            assertTrue(Math.abs(x) < 1e-12, "corrected MSD of pure drift should vanish, got " + x + " Å²");
        }
    }

    @Test
    void driftCorrectedDiffusionEqualsDriftFreeDiffusion() {
        DiffusionFit.Result ref = DiffusionFit.fit(Msd.of(clean, mobile, DT_PS, FRAMES - 1));
        Trajectory fixedDrift = DriftCorrection.correctAgainstLeastMobile(drifting, species, mass);
        Trajectory fixedClean = DriftCorrection.correctAgainstLeastMobile(clean, species, mass);
        DiffusionFit.Result withDrift = DiffusionFit.fit(Msd.of(fixedDrift, mobile, DT_PS, FRAMES - 1));
        DiffusionFit.Result noDrift = DiffusionFit.fit(Msd.of(fixedClean, mobile, DT_PS, FRAMES - 1));
        System.out.printf("drift: D clean %.5f ± %.5f, corrected(drift) %.5f, corrected(clean) %.5f%n",
                ref.d(), ref.stdErr(), withDrift.d(), noDrift.d());
        // the correction is linear: drift + correction == correction alone, to rounding
        assertEquals(noDrift.d(), withDrift.d(), 1e-9 * noDrift.d());
        // and the framework COM jitter (0.1 Å / √32) does not change D beyond its error bar
        assertEquals(ref.d(), withDrift.d(), 2 * ref.stdErr());
        assertEquals(D_MOBILE, withDrift.d(), 3 * withDrift.stdErr());
        // without correction the drift dominates the long-time MSD (|v|²t² ≫ 6Dt)
        int half = FRAMES / 2;
        double t = half * DT_PS;
        double raw = Msd.of(drifting, mobile, DT_PS, half).total()[half];
        double corrected = Msd.of(fixedDrift, mobile, DT_PS, half).total()[half];
        assertEquals(6 * D_MOBILE * t, corrected, 0.15 * 6 * D_MOBILE * t, "corrected MSD(T/2) ≈ 6Dt");
        assertTrue(raw > 10 * corrected, "uncorrected MSD(T/2) " + raw + " vs corrected " + corrected);
    }

    @Test
    void velocityDriftIsRemovedBeforeTheVacf() {
        Trajectory[] pv = Synthetic.ornsteinUhlenbeck(new SplittableRandom(4), 16, 4000, 0.01, 4.0, 10.0);
        Trajectory v = pv[1];
        int n = v.atoms();
        double[] m = new double[n];
        java.util.Arrays.fill(m, 1.0);
        // a cell moving at 0.7 Å/ps along x: every velocity shifted
        double[][][] s = new double[3][n][];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < 3; c++) {
                s[c][a] = v.component(a, c).clone();
                if (c == 0) {
                    for (int f = 0; f < s[c][a].length; f++) {
                        s[c][a][f] += 0.7;
                    }
                }
            }
        }
        Trajectory moving = new Trajectory(s[0], s[1], s[2]);
        int[] frame = {0, 1, 2, 3, 4, 5, 6, 7}; // reference atoms
        Trajectory fixedMoving = DriftCorrection.subtractVelocity(moving, DriftCorrection.centreOfMass(moving, frame, m));
        Trajectory fixedStill = DriftCorrection.subtractVelocity(v, DriftCorrection.centreOfMass(v, frame, m));
        double[] a = Vacf.of(fixedMoving, fixedMoving.allAtoms(), 0.01, 100).raw();
        double[] b = Vacf.of(fixedStill, fixedStill.allAtoms(), 0.01, 100).raw();
        double[] raw = Vacf.of(moving, moving.allAtoms(), 0.01, 100).raw();
        for (int k = 0; k <= 100; k++) {
            assertEquals(b[k], a[k], 1e-9 * b[0]);
        }
        assertEquals(b[100] + 0.49, raw[100], 0.05, "uncorrected VACF keeps the drift v² = 0.49 Å²/ps²");
    }
}
