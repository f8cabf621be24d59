package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.structure.Structure;
import org.junit.jupiter.api.Test;

/** One snapshot's row of the modes job, against analytic values and identities. */
class SnapshotModesTest {
    private static final double A = 6.6;
    private static final SnapshotModes.Options OPTIONS = new SnapshotModes.Options(false, 0.1, 10, A);

    @Test
    void idealCrystalNearestTeIsAQuarterOfTheCubeDiagonal() {
        Structure s = InmFixtures.crystal(2, A, 0, 1);
        SnapshotModes.Result r = SnapshotModes.analyse(s, InmFixtures.ag2te(), null, 0, OPTIONS);
        assertEquals(Math.sqrt(3) / 4 * A, r.meanNearestTeA(), 1e-12, "Ag on a tetrahedral site of the Te fcc");
        assertNull(r.lagged(), "no later frame: nothing over a lag");
        assertEquals(3 * s.size() - 3, r.modes().modes());
    }

    @Test
    void speciesSharesAddUpToTheUnstableFraction() {
        Structure s = InmFixtures.distorted(2, A, 0.35, 7);
        SnapshotModes.Result r = SnapshotModes.analyse(s, InmFixtures.ag2te(), null, 0, OPTIONS);
        assertTrue(r.modes().unstable() > 0, "a distorted cell has unstable modes");
        assertEquals(r.modes().fu(), r.fuAg() + r.fuTe(), 1e-12, "fractional species weights sum to f_u");
        assertEquals((double) r.modes().unstable() / r.modes().modes(), r.modes().fu(), 0);
    }

    @Test
    void oneAgMovedToAnEmptySiteIsOneHopAtRateOnePerAgAndLag() {
        // one Ag removed so that its site is empty; Ag 0 moves there (a/2 along x)
        Structure full = InmFixtures.crystal(2, A, 0, 3);
        Structure s = without(full, 1);
        double[] later = s.positions().clone();
        later[0] += A / 2;
        double lagPs = 2.5;
        SnapshotModes.Result r = SnapshotModes.analyse(s, InmFixtures.ag2te(), later, lagPs, OPTIONS);
        int ag = s.count(0);
        assertEquals(1, r.lagged().hops());
        assertEquals(1.0 / (ag * lagPs), r.lagged().hopRatePerAgPs(), 1e-15);
        double share = r.lagged().shareUnstableHoppingAg();
        assertTrue(share >= 0 && share <= 1, "a share: " + share);

        SnapshotModes.Result still = SnapshotModes.analyse(s, InmFixtures.ag2te(), s.positions().clone(), lagPs, OPTIONS);
        assertEquals(0, still.lagged().hops());
        assertNull(still.lagged().shareUnstableHoppingAg(), "no hopping Ag: no share");
        assertEquals(0, still.lagged().stableAmplitude(), 0, "no displacement");
    }

    @Test
    void withoutAgAndTeOnlyTheSpeciesFreeQuantities() {
        Structure ag2te = InmFixtures.distorted(2, A, 0.2, 5);
        Structure other = new Structure(new String[] {"Cu", "Se"}, ag2te.speciesMasses(), ag2te.types(),
                ag2te.positions(), null, ag2te.box());
        SnapshotModes.Result named = SnapshotModes.analyse(ag2te, InmFixtures.ag2te(), null, 0, OPTIONS);
        SnapshotModes.Result r = SnapshotModes.analyse(other, InmFixtures.ag2te(), other.positions(), 1,
                OPTIONS);
        assertNull(r.lagged());
        assertTrue(Double.isNaN(r.fuAg()) && Double.isNaN(r.fuTe()) && Double.isNaN(r.meanNearestTeA()));
        assertEquals(named.modes().fu(), r.modes().fu(), 0, "the same crystal under other names");
    }

    /** The structure without atom {@code drop}. */
    private static Structure without(Structure s, int drop) {
        int n = s.size() - 1;
        int[] types = new int[n];
        double[] x = new double[3 * n];
        for (int i = 0, q = 0; i < s.size(); i++) {
            if (i == drop) {
                continue;
            }
            types[q] = s.type(i);
            System.arraycopy(s.positions(), 3 * i, x, 3 * q, 3);
            q++;
        }
        return new Structure(s.speciesNames(), s.speciesMasses(), types, x, null, s.box());
    }
}
