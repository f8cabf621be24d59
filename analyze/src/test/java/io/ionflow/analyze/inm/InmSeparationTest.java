package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.structure.Structure;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ag–Te g(r), nearest-Te distance and the Pearson helper on cases with known answers. */
class InmSeparationTest {

    @Test
    void idealAntifluorite() {
        double a = 6.5;
        Structure s = InmFixtures.crystal(2, a, 0, 1);
        double dNn = Math.sqrt(3) / 4 * a; // Ag at the centre of a Te tetrahedron
        assertEquals(dNn, CationAnionSeparation.meanNearestDistance(s.positions(), s.types(), 0, 1, s.box()), 1e-12);
        double bin = 0.02;
        CationAnionSeparation.Rdf g = CationAnionSeparation.rdf(s.positions(), s.types(), 0, 1, s.box(), 10.0, bin);
        // coordination number: ∫ ρ_Te g(r) 4πr² dr over the first shell = 4 Te around each Ag
        double rhoTe = s.count(1) / s.box().volume();
        double cn = 0;
        int peak = -1;
        for (int b = 0; b < g.g().length; b++) {
            double r0 = b * bin, r1 = (b + 1) * bin;
            if (r1 < dNn + 0.5) {
                cn += rhoTe * g.g()[b] * 4.0 / 3.0 * Math.PI * (r1 * r1 * r1 - r0 * r0 * r0);
            }
            if (g.g()[b] > 0 && peak < 0) {
                peak = b;
            }
        }
        assertEquals(4.0, cn, 1e-9, "four Te neighbours");
        assertTrue(Math.abs(g.rA()[peak] - dNn) <= bin, "first peak at √3a/4");
        // second shell: 12 Te at √11·a/4
        double cn2 = 0, d2 = Math.sqrt(11) / 4 * a;
        for (int b = 0; b < g.g().length; b++) {
            double r0 = b * bin, r1 = (b + 1) * bin;
            if (r0 > d2 - 0.3 && r1 < d2 + 0.3) {
                cn2 += rhoTe * g.g()[b] * 4.0 / 3.0 * Math.PI * (r1 * r1 * r1 - r0 * r0 * r0);
            }
        }
        assertEquals(12.0, cn2, 1e-9, "twelve Te in the second shell");
        // r_max = 10 Å exceeds half the box, so images count: N(r_max) = ∫ ρ g 4πr² dr must equal the number of
        // Te of the infinite fcc lattice within 10 Å of a tetrahedral site, enumerated directly here
        double total = 0;
        for (int b = 0; b < g.g().length; b++) {
            double r0 = b * bin, r1 = (b + 1) * bin;
            total += rhoTe * g.g()[b] * 4.0 / 3.0 * Math.PI * (r1 * r1 * r1 - r0 * r0 * r0);
        }
        int exact = 0;
        for (int i = -8; i <= 8; i++) {
            for (int j = -8; j <= 8; j++) {
                for (int k = -8; k <= 8; k++) {
                    if (((i + j + k) & 1) != 0) {
                        continue; // fcc: (a/2)(i, j, k) with i + j + k even
                    }
                    double dx = i * a / 2 - a / 4, dy = j * a / 2 - a / 4, dz = k * a / 2 - a / 4;
                    if (Math.sqrt(dx * dx + dy * dy + dz * dz) < 10.0) {
                        exact++;
                    }
                }
            }
        }
        assertEquals(exact, total, 1e-9, "Te within 10 Å of an Ag");
        assertEquals((long) exact * s.count(0), g.pairs());
    }

    @Test
    void pearson() {
        double[] x = {1, 2, 3, 4, 5};
        assertEquals(1.0, CationAnionSeparation.pearson(x, new double[] {3, 5, 7, 9, 11}), 1e-15);
        assertEquals(-1.0, CationAnionSeparation.pearson(x, new double[] {5, 4, 3, 2, 1}), 1e-15);
        SplittableRandom r = new SplittableRandom(1);
        double[] u = new double[20000], v = new double[20000], w = new double[20000];
        for (int k = 0; k < u.length; k++) {
            u[k] = r.nextGaussian();
            v[k] = r.nextGaussian();
            w[k] = 0.6 * u[k] + 0.8 * v[k]; // corr(u, w) = 0.6
        }
        assertEquals(0.6, CationAnionSeparation.pearson(u, w), 0.02);
        assertEquals(0.0, CationAnionSeparation.pearson(u, v), 0.03);
    }
}
