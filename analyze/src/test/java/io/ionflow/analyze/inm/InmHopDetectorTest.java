package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.structure.Structure;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hops between tetrahedral sites on constructed frames. */
class InmHopDetectorTest {
    static final double A = 6.5;

    /** Adds Gaussian noise σ to every coordinate and a rigid shift of the whole crystal. */
    static double[] rattle(double[] x, double sigma, double[] shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = x.clone();
        for (int k = 0; k < y.length; k++) {
            y[k] += sigma * r.nextGaussian() + shift[k % 3];
        }
        return y;
    }

    @Test
    void oneAgMovedToANeighbouringSiteIsOneHopRattlingIsNone() {
        // 2×2×2 crystal with one Te vacancy and one Ag vacancy (Ag 1 at (¾,¼,¼)a removed)
        Structure full = InmFixtures.crystal(2, A, 0.05, 3);
        int n = full.size() - 1;
        int[] types = new int[n];
        double[] x0 = new double[3 * n];
        for (int i = 0, q = 0; i < full.size(); i++) {
            if (i == 1) {
                continue;
            }
            types[q] = full.type(i);
            System.arraycopy(full.positions(), 3 * i, x0, 3 * q, 3);
            q++;
        }
        HopDetector hd = HopDetector.antifluorite(full.box(), new int[] {2, 2, 2}, x0, types, 0, 1);
        // frame 1: thermal rattling (σ = 0.15 Å) plus a drift of the whole crystal larger than a/4
        double[] x1 = rattle(x0, 0.15, new double[] {1.9, -2.2, 0.4}, 1);
        // frame 2: the same, and Ag 0 moves from (¼,¼,¼)a to the empty neighbouring site (¾,¼,¼)a
        double[] x2 = rattle(x0, 0.15, new double[] {2.1, -2.0, 0.5}, 2);
        x2[0] += A / 2;
        // frame 3: Ag 5 leaves through the periodic boundary to its neighbour site in the next image
        double[] x3 = x2.clone();
        int top = -1;
        for (int i = 0; i < n && top < 0; i++) {
            if (types[i] == 0 && x0[3 * i + 2] > 1.5 * A) {
                top = i; // an Ag at z = 1.75a, next to the box edge at 2a
            }
        }
        assertTrue(top > 0);
        x3[3 * top + 2] += A / 2; // crosses z = 2a (the box edge) in unwrapped coordinates

        assertEquals(0, hd.countHops(x0, x1), "rattling and a rigid drift are not hops");
        boolean[] h = hd.hops(x1, x2);
        assertEquals(1, HopDetector.count(h));
        assertTrue(h[0], "Ag 0 hopped");
        assertEquals(1, hd.countHops(x2, x3), "a hop across the periodic boundary counts once");
        assertEquals(2, hd.countHops(x0, x3));
        // the site index of the hopping atom changed by one lattice step (a/2) along x
        int[] s1 = hd.sites(x1), s2 = hd.sites(x2);
        assertArrayEquals(new int[] {s1[0] + 1, s1[1], s1[2]}, new int[] {s2[0], s2[1], s2[2]});
        // the displacement criterion agrees here (hop 3.25 Å vs threshold 1.5 Å; rattling ≲ 0.6 Å)
        boolean[] byDisp = hd.hopsByDisplacement(x1, x2, HopDetector.DEFAULT_DISPLACEMENT_THRESHOLD);
        assertArrayEquals(h, byDisp);
        assertEquals(0, HopDetector.count(hd.hopsByDisplacement(x0, x1, HopDetector.DEFAULT_DISPLACEMENT_THRESHOLD)));
        // hop rate: 2 hops in 3 intervals of 0.5 ps among N_Ag atoms
        int nAg = hd.cations().length;
        assertEquals(2.0 / (nAg * 1.5), hd.hopRate(new double[][] {x0, x1, x2, x3}, 0.5), 1e-12);
        // the sites are the Te-tetrahedron centres: site of Ag 0 at frame 0 is (¼,¼,¼)a
        double[] site = hd.sitePosition(x0, s1[0], s1[1], s1[2]);
        int[] s0 = hd.sites(x0);
        double[] p0 = hd.sitePosition(x0, s0[0], s0[1], s0[2]);
        assertEquals(0.25 * A, p0[0], 1e-9);
        assertEquals(0.25 * A, p0[1], 1e-9);
        assertEquals(0.25 * A, p0[2], 1e-9);
        assertFalse(Double.isNaN(site[0]));
        // mask over atoms for the projection of hopping atoms
        boolean[] mask = hd.atomMask(h);
        assertTrue(mask[0]);
        assertEquals(1, HopDetector.count(mask));
    }
}
