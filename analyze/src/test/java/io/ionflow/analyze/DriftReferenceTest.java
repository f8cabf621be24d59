package io.ionflow.analyze;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule for the drift reference: a framework only where one species is clearly immobile. */
class DriftReferenceTest {
    static final String[] AG_TE = {"Ag", "Te"};
    static final double[] AG_TE_MASS = {107.8682, 127.60};
    static final int[] AG_TE_COUNT = {256, 128};

    @Test
    void firstToLastDisplacementIsMeasuredFromTheCentreOfMass() {
        // 2 atoms of A (mass 1) move by d = (3, 0, 4); 2 atoms of B (mass 3) stay; a common shift t of every atom
        // must not matter. Centre of mass moves by 2·1·d / (2·1 + 2·3) = d/4: A moves 3d/4 relative to it, B −d/4.
        double[] t = {100, -7, 0.5};
        double[][] first = {{0, 0, 0}, {1, 1, 1}, {2, 0, 0}, {0, 2, 0}};
        double[][] last = new double[4][3];
        double[] d = {3, 0, 4};
        for (int a = 0; a < 4; a++) {
            for (int c = 0; c < 3; c++) {
                last[a][c] = first[a][c] + t[c] + (a < 2 ? d[c] : 0);
            }
        }
        double[] msd = DriftReference.msdFirstLast(new int[] {0, 0, 1, 1}, 3, new double[] {1, 3, 5}, first, last);
        assertEquals(25 * 9 / 16.0, msd[0], 1e-12);
        assertEquals(25 / 16.0, msd[1], 1e-12);
        assertTrue(Double.isNaN(msd[2]), "a species without atoms has no displacement");
        last[3][1] = Double.NaN;
        assertTrue(Double.isNaN(DriftReference.msdFirstLast(new int[] {0, 0, 1, 1}, 2, new double[] {1, 3}, first,
                last)[1]), "a non-finite position gives NaN, not a number");
    }

    @Test
    void aSuperionicHasItsFramework() {
        DriftReference.Choice c = DriftReference.choose(DriftReference.Mode.AUTO, null, AG_TE, AG_TE_MASS, AG_TE_COUNT,
                new double[] {48.0, 0.9});
        assertEquals(DriftReference.Mode.FRAMEWORK, c.mode());
        assertEquals(1, c.framework());
        assertTrue(c.description().startsWith("framework Te"), c.description());
    }

    @Test
    void aLiquidMixtureUsesTheSystemsCentreOfMass() {
        // Ar/Kr at 134 K, 60 ps: 112 and 81 Å² — Kr diffuses too
        DriftReference.Choice c = DriftReference.choose(DriftReference.Mode.AUTO, null, new String[] {"Ar", "Kr"},
                new double[] {39.948, 83.798}, new int[] {250, 250}, new double[] {112, 81.1});
        assertEquals(DriftReference.Mode.SYSTEM, c.mode());
        assertArrayEquals(new double[] {39.948, 83.798}, c.weights(), 0.0, "mass-weighted");
    }

    @Test
    void oneSpeciesIsItsOwnSystem() {
        DriftReference.Choice c = DriftReference.choose(DriftReference.Mode.AUTO, null, new String[] {"Ar"},
                new double[] {39.948}, new int[] {500}, new double[] {100});
        assertEquals(DriftReference.Mode.SYSTEM, c.mode());
    }

    @Test
    void explicitChoicesWin() {
        double[] msd = {48.0, 0.9};
        assertEquals(DriftReference.Mode.NONE,
                DriftReference.choose(DriftReference.Mode.NONE, null, AG_TE, AG_TE_MASS, AG_TE_COUNT, msd).mode());
        assertEquals(DriftReference.Mode.SYSTEM,
                DriftReference.choose(DriftReference.Mode.SYSTEM, null, AG_TE, AG_TE_MASS, AG_TE_COUNT, msd).mode());
        assertEquals(0, DriftReference.choose(DriftReference.Mode.AUTO, "Ag", AG_TE, AG_TE_MASS, AG_TE_COUNT, msd)
                .framework());
        // framework without a name: the least mobile species even when it is not clearly immobile
        assertEquals(1, DriftReference.choose(DriftReference.Mode.FRAMEWORK, null, AG_TE, AG_TE_MASS, AG_TE_COUNT,
                new double[] {10, 9}).framework());
    }

    @Test
    void badChoicesAreRefusedByName() {
        double[] msd = {48.0, 0.9};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DriftReference.choose(DriftReference.Mode.AUTO, "Cu", AG_TE, AG_TE_MASS, AG_TE_COUNT, msd));
        assertTrue(e.getMessage().contains("--framework Cu is not among"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DriftReference.choose(DriftReference.Mode.NONE, "Te", AG_TE, AG_TE_MASS, AG_TE_COUNT, msd));
        assertTrue(e.getMessage().contains("--drift none"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DriftReference.Mode.parse("lattice"));
        assertTrue(e.getMessage().contains("auto, framework, system or none"), e.getMessage());
    }

    @Test
    void theSystemReferenceIsTheCentreOfMass() {
        // two species' coordinate sums per frame; R = Σ m_s S_s / Σ m_s n_s, as DriftCorrection computes it atom by atom
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        Trajectory t = Synthetic.randomWalks(rng, 6, 50, 0.1, 0.2);
        int[] species = {0, 1, 0, 1, 1, 0};
        double[] masses = {39.948, 83.798};
        double[] massOfAtom = new double[6];
        double[][] sums = new double[2][50];
        for (int a = 0; a < 6; a++) {
            massOfAtom[a] = masses[species[a]];
            for (int f = 0; f < 50; f++) {
                sums[species[a]][f] += t.x(a)[f];
            }
        }
        DriftReference.Choice c = DriftReference.choose(DriftReference.Mode.SYSTEM, null, new String[] {"Ar", "Kr"}, masses,
                new int[] {3, 3}, new double[] {1, 1});
        double[] r = DriftReference.combine(c, sums, new int[] {3, 3}, 50);
        double[][] com = DriftCorrection.centreOfMass(t, t.allAtoms(), massOfAtom);
        assertArrayEquals(com[0], r, 1e-12);
        DriftReference.Choice none = DriftReference.choose(DriftReference.Mode.NONE, null, new String[] {"Ar", "Kr"}, masses,
                new int[] {3, 3}, new double[] {1, 1});
        assertArrayEquals(new double[50], DriftReference.combine(none, sums, new int[] {3, 3}, 50), 0.0);
    }
}
