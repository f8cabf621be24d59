package io.ionflow.simulate.neighbor;

import io.ionflow.simulate.Parallel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The binned search equals a brute-force sum over every periodic image, for sheared and thin cells. */
class PeriodicNeighborsTest {

    private static List<Double> bruteForce(double[] cell, double[] x, int i, double rc) {
        List<Double> d = new ArrayList<>();
        int n = x.length / 3, m = 14;
        for (int j = 0; j < n; j++) {
            for (int a = -m; a <= m; a++) {
                for (int b = -m; b <= m; b++) {
                    for (int c = -m; c <= m; c++) {
                        if (i == j && a == 0 && b == 0 && c == 0) continue;
                        double s2 = 0;
                        for (int k = 0; k < 3; k++) {
                            double v = x[3 * j + k] - x[3 * i + k] + a * cell[k] + b * cell[3 + k] + c * cell[6 + k];
                            s2 += v * v;
                        }
                        if (s2 < rc * rc) d.add(Math.sqrt(s2));
                    }
                }
            }
        }
        d.sort(null);
        return d;
    }

    @Test
    void matchesBruteForceOnShearedSmallAndLargeCells() {
        Random rng = new Random(2);
        double[][] cells = {
            {3.1, 0, 0, 1.4, 2.9, 0, -0.7, 0.9, 3.3},       // far smaller than the cutoff: many images, own images
            {9.0, 0, 0, 4.5, 7.8, 0, 0, 0, 20.0},           // hexagonal with vacuum
            {12.0, 0.5, -0.3, -2.0, 11.0, 0.4, 1.0, 2.5, 13.0}, // general triclinic, several bins
        };
        for (double[] cell : cells) {
            int n = 20;
            double[] x = new double[3 * n];
            for (int k = 0; k < x.length; k++) x[k] = (rng.nextDouble() - 0.5) * 12; // not wrapped
            double rc = 5.2;
            PeriodicNeighbors nl = PeriodicNeighbors.build(cell, x, rc, Parallel.serial());
            for (int i = 0; i < n; i++) {
                List<Double> got = new ArrayList<>();
                for (int p = nl.start(i); p < nl.end(i); p++) {
                    got.add(Math.sqrt(nl.dx(p) * nl.dx(p) + nl.dy(p) * nl.dy(p) + nl.dz(p) * nl.dz(p)));
                    int q = nl.reverse(p);
                    assertEquals(i, nl.neighbor(q));
                    assertEquals(-nl.dx(p), nl.dx(q), 0.0);
                    assertEquals(-nl.dz(p), nl.dz(q), 0.0);
                }
                got.sort(null);
                List<Double> want = bruteForce(cell, x, i, rc);
                assertEquals(want.size(), got.size(), "atom " + i + " neighbour count");
                for (int k = 0; k < want.size(); k++) assertEquals(want.get(k), got.get(k), 1e-9);
            }
            assertTrue(nl.size() > 0);
        }
    }

    /**
     * A cell of 5000 atoms (several chunks of the backward-entry transpose): 1, 2 and 3 threads give the same arrays,
     * every entry's reverse points back to it with the opposite displacement, and each atom's entries hold each
     * neighbour within the cutoff exactly as often as its forward and backward searches found it.
     */
    @Test
    void largeCellsAreLaidOutAlikeForAnyThreadCountWithConsistentReverses() {
        Random rng = new Random(5);
        int n = 5000;
        double a = 40.0;
        double[] cell = {a, 0, 0, 2.0, a, 0, 0, 1.5, a};
        double[] x = new double[3 * n];
        for (int k = 0; k < x.length; k++) x[k] = rng.nextDouble() * a;
        PeriodicNeighbors one;
        try (io.ionflow.simulate.Parallel p1 = new io.ionflow.simulate.Parallel(1)) {
            one = PeriodicNeighbors.build(cell, x, 4.0, p1);
        }
        for (int threads : new int[] {2, 3}) {
            try (io.ionflow.simulate.Parallel p = new io.ionflow.simulate.Parallel(threads)) {
                PeriodicNeighbors other = PeriodicNeighbors.build(cell, x, 4.0, p);
                assertEquals(one.size(), other.size());
                for (int q = 0; q < one.size(); q++) {
                    assertEquals(one.neighbor(q), other.neighbor(q));
                    assertEquals(one.reverse(q), other.reverse(q));
                    assertEquals(Double.doubleToRawLongBits(one.dx(q)), Double.doubleToRawLongBits(other.dx(q)));
                }
                for (int i = 0; i < n; i++) assertEquals(one.start(i), other.start(i));
            }
        }
        assertTrue(one.size() > 20 * n, "a dense enough list: " + one.size());
        for (int i = 0; i < n; i++) {
            for (int q = one.start(i); q < one.end(i); q++) {
                int r = one.reverse(q);
                assertEquals(q, one.reverse(r));
                assertEquals(i, one.neighbor(r));
                assertTrue(r >= one.start(one.neighbor(q)) && r < one.end(one.neighbor(q)));
                assertEquals(-one.dx(q), one.dx(r));
                assertEquals(-one.dz(q), one.dz(r));
            }
        }
    }

    /**
     * A list built by recycling the arrays of a previous one (denser, then sparser, then of another atom count)
     * equals one built from scratch, entry for entry.
     */
    @Test
    void recyclingAPreviousListChangesNothing() {
        Random rng = new Random(9);
        double a = 30.0;
        double[] cell = {a, 0, 0, 1.0, a, 0, 0, 0.5, a};
        PeriodicNeighbors previous = null;
        for (double[] run : new double[][] {{3000, 5.0}, {3000, 3.0}, {3000, 5.5}, {2000, 4.0}}) {
            int n = (int) run[0];
            double[] x = new double[3 * n];
            for (int k = 0; k < x.length; k++) x[k] = rng.nextDouble() * a;
            try (io.ionflow.simulate.Parallel p = new io.ionflow.simulate.Parallel(2)) {
                PeriodicNeighbors fresh = PeriodicNeighbors.build(cell, x, run[1], Parallel.serial());
                PeriodicNeighbors reused = PeriodicNeighbors.build(cell, x, run[1], p, previous);
                assertEquals(fresh.size(), reused.size());
                for (int i = 0; i <= n - 1; i++) assertEquals(fresh.end(i), reused.end(i));
                for (int q = 0; q < fresh.size(); q++) {
                    assertEquals(fresh.neighbor(q), reused.neighbor(q));
                    assertEquals(fresh.reverse(q), reused.reverse(q));
                    assertEquals(Double.doubleToRawLongBits(fresh.dy(q)), Double.doubleToRawLongBits(reused.dy(q)));
                }
                previous = reused;
            }
        }
    }
}
