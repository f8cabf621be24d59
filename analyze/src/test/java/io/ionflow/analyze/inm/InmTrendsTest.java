package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.md.MdEngine;
import io.ionflow.simulate.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * f_u on short NVT runs of 96-atom cells at the static lattice constant of the potential (fixed
 * volume): it rises with temperature and with the Te vacancy fraction. Cheap by design (a few
 * snapshots); the margins below are several times the snapshot-to-snapshot scatter.
 *
 * <p>Measured while writing this test (these seeds, static a0 of the potential): with the Ag2Te
 * potential version 2 (a0 = 6.266 Å) f_u = 0 at 10 K, 0.033 at 300 K, 0.121 at 600 K, and at 300 K 0.028
 * pristine vs 0.057 with 10 % Te vacancies; with version 1 (a0 = 6.205 Å) 0, 0.057–0.063, 0.137–0.146,
 * and 0.064 vs 0.077. In the superionic state the vacancy effect is much weaker: version 2 at a = 6.553 Å,
 * 500 K, 96 atoms, 3 replicas × 8 snapshots: f_u = 0.133 pristine vs 0.137 with 10 % Te vacancies
 * (version 1 at 6.57 Å: 0.174 vs 0.170, no measurable change). That is why the vacancy test runs in the
 * ordered state.
 */
class InmTrendsTest {

    /** Mean f_u over {@code snaps} snapshots 0.2 ps apart after {@code equil} steps of NVT. */
    static double[] run(double vacancy, double t, long seed, int equil, int snaps, boolean vectors) {
        double a = InmFixtures.staticLatticeConstant();
        Structure s = InmFixtures.crystal(2, a, vacancy, seed);
        MdEngine md = InmFixtures.nvt(s, t, equil, seed + 100);
        double fu = 0, agDominantShare = 0;
        int withUnstable = 0;
        for (int k = 0; k < snaps; k++) {
            md.run(100);
            InmSnapshot snap = InmAnalysis.analyze(s, InmFixtures.ag2te(), InmAnalysis.Options.defaults().withVectors(vectors));
            fu += snap.fu();
            if (vectors) {
                assertEquals(snap.fu(), snap.fuDominant()[0] + snap.fuDominant()[1], 1e-12, "dominant split sums to f_u");
                assertEquals(snap.fu(), snap.fuFractional()[0] + snap.fuFractional()[1], 1e-12, "fractional split sums to f_u");
                assertEquals(snap.unstable(), snap.unstableDominant()[0] + snap.unstableDominant()[1]);
                for (double[] w : snap.speciesWeight()) {
                    assertEquals(1.0, w[0] + w[1], 1e-10, "species weights of a mode sum to 1");
                }
                for (double pr : snap.participationRatio()) {
                    assertTrue(pr >= 1.0 / snap.atoms() - 1e-12 && pr <= 1 + 1e-12, "PR in [1/N, 1]: " + pr);
                }
                if (snap.unstable() > 0) {
                    agDominantShare += (double) snap.unstableDominant()[0] / snap.unstable();
                    withUnstable++;
                }
            }
        }
        return new double[] {fu / snaps, withUnstable == 0 ? Double.NaN : agDominantShare / withUnstable};
    }

    @Test
    void unstableFractionRisesWithTemperature() {
        double cold = run(0, 10, 1, 300, 2, false)[0];
        double warm = run(0, 300, 2, 600, 3, false)[0];
        double[] hot = run(0, 600, 3, 600, 3, true);
        String msg = String.format("f_u(10 K) = %.4f, f_u(300 K) = %.4f, f_u(600 K) = %.4f", cold, warm, hot[0]);
        assertTrue(cold < 0.01, msg);
        assertTrue(warm > cold + 0.02, msg);
        assertTrue(hot[0] > warm + 0.02, msg);
        // unstable modes of α-Ag2Te are carried by the mobile Ag sublattice
        assertTrue(hot[1] > 0.8, "share of unstable modes dominated by Ag at 600 K: " + hot[1]);
    }

    @Test
    void unstableFractionRisesWithTeVacancies() {
        double pristine = 0, vacant = 0;
        long[] seeds = {11, 12, 13};
        for (long seed : seeds) {
            pristine += run(0, 300, seed, 600, 5, false)[0] / seeds.length;
            vacant += run(0.10, 300, seed, 600, 5, false)[0] / seeds.length;
        }
        assertTrue(vacant > pristine + 0.005,
                String.format("f_u pristine %.4f, 10 %% Te vacancies %.4f (300 K)", pristine, vacant));
    }

    @Test
    void doubleWellModesAreASubsetOfTheUnstableModesAt600K() {
        double a = InmFixtures.staticLatticeConstant();
        Structure s = InmFixtures.crystal(2, a, 0, 5);
        InmFixtures.nvt(s, 600, 800, 105);
        InmSnapshot snap = InmAnalysis.analyze(s, InmFixtures.ag2te(),
                InmAnalysis.Options.defaults().withDoubleWell(DoubleWellClassifier.Rule.defaults()).withThreads(2));
        assertTrue(snap.unstable() > 0);
        assertEquals(snap.unstable(), snap.unstableKinds().length);
        assertTrue(snap.doubleWell() >= 0 && snap.doubleWell() <= snap.unstable());
        assertEquals(snap.unstable(), snap.doubleWell() + snap.shoulder());
        assertEquals((double) snap.doubleWell() / snap.modes(), snap.fdw(), 1e-15);
        assertTrue(snap.fdw() <= snap.fu());
        assertTrue(snap.meanUnstableFrequencyThz() > 0);
        assertEquals(snap.fu(), snap.dos().unstableFraction(), 1e-12, "the imaginary branch of the DOS holds the unstable modes");
        double integral = 0;
        for (double d : snap.dos().density()) {
            integral += d * snap.dos().binWidthThz();
        }
        assertEquals(1.0, integral, 1e-12, "the INM DOS is normalised to 1 (all modes within ±10 THz)");
    }
}
