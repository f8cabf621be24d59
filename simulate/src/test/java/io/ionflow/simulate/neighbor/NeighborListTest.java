package io.ionflow.simulate.neighbor;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Structure;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeighborListTest {

    /** Pairs (i, j, image) within r as a set of strings, from a brute-force search over images. */
    private static Set<String> bruteForce(Structure s, double r) {
        Set<String> out = new HashSet<>();
        double[] x = s.positions();
        double lx = s.box().lx(), ly = s.box().ly(), lz = s.box().lz();
        // unwrapped positions: the shift must also undo how many boxes each atom has travelled
        int travelled = 0;
        for (int k = 0; k < x.length; k++) {
            travelled = Math.max(travelled, (int) Math.abs(Math.floor(x[k] / s.box().length(k % 3))));
        }
        int m = (int) Math.ceil(r / s.box().minLength()) + 1 + 2 * travelled;
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < s.size(); j++) {
                for (int a = -m; a <= m; a++) {
                    for (int b = -m; b <= m; b++) {
                        for (int c = -m; c <= m; c++) {
                            if (i == j && a == 0 && b == 0 && c == 0) continue;
                            double dx = x[3 * j] - x[3 * i] + a * lx, dy = x[3 * j + 1] - x[3 * i + 1] + b * ly,
                                    dz = x[3 * j + 2] - x[3 * i + 2] + c * lz;
                            if (dx * dx + dy * dy + dz * dz < r * r) out.add(i + "," + j + "," + a + "," + b + "," + c);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> fromList(NeighborList nl, Structure s, double r) {
        Set<String> out = new HashSet<>();
        double[] x = s.positions();
        for (int i = 0; i < s.size(); i++) {
            for (int k = nl.start(i); k < nl.end(i); k++) {
                int j = nl.neighbor(k);
                double dx = x[3 * j] - x[3 * i] + nl.shiftX(k) * s.box().lx();
                double dy = x[3 * j + 1] - x[3 * i + 1] + nl.shiftY(k) * s.box().ly();
                double dz = x[3 * j + 2] - x[3 * i + 2] + nl.shiftZ(k) * s.box().lz();
                if (dx * dx + dy * dy + dz * dz < r * r) {
                    // a half list: add the pair in both directions; a duplicate would reveal a double entry
                    assertTrue(out.add(i + "," + j + "," + nl.shiftX(k) + "," + nl.shiftY(k) + "," + nl.shiftZ(k)));
                    assertTrue(out.add(j + "," + i + "," + (-nl.shiftX(k)) + "," + (-nl.shiftY(k)) + "," + (-nl.shiftZ(k))));
                }
            }
        }
        return out;
    }

    @Test
    void smallCellWithCutoffBeyondHalfBoxFindsEveryImage() {
        // 1×1×1 cell (6.57 Å) with r = 7 Å: atoms see their own periodic images
        Structure s = TestSystems.distortedAg2Te(1, 0, 0.3, 3);
        // push some atoms out of the box: unwrapped coordinates must work
        s.positions()[0] += 2 * s.box().lx();
        s.positions()[5] -= 2 * s.box().ly();
        NeighborList nl = new NeighborList(6.0, 1.0);
        nl.build(s, Parallel.serial());
        assertEquals(bruteForce(s, 7.0), fromList(nl, s, 7.0));
    }

    @Test
    void cellListAgreesWithBruteForceAndEnergiesMatchAcrossThreads() {
        Structure s = TestSystems.distortedAg2Te(4, 0.1, 0.3, 4); // 26.3 Å box: 3 cells of 8.76 Å with r 8.5
        s.positions()[10] += 2 * s.box().lz();
        NeighborList nl = new NeighborList(7.5, 1.0);
        try (Parallel p2 = new Parallel(2)) {
            nl.build(s, p2);
        }
        Set<String> bf = bruteForce(s, 8.5);
        assertTrue(bf.size() > 1000);
        assertEquals(bf, fromList(nl, s, 8.5));
    }

    @Test
    void binSearchInABoxOfTwoAndAHalfListRadiiAgreesWithBruteForce() {
        // 13.1 Å box, list radius 5.2 Å: 5 bins of 2.6 Å (the smallest box the bin search takes)
        Structure s = TestSystems.distortedAg2Te(2, 0, 0.3, 5);
        s.positions()[7] -= 3 * s.box().lx();
        NeighborList nl = new NeighborList(4.2, 1.0);
        nl.build(s, Parallel.serial());
        assertEquals(bruteForce(s, 5.2), fromList(nl, s, 5.2));
    }

    @Test
    void listIsTheSameArrayForOneTwoAndThreeThreads() {
        Structure s = TestSystems.distortedAg2Te(4, 0.05, 0.3, 6);
        NeighborList one = new NeighborList(7.5, 1.0);
        one.build(s, Parallel.serial());
        for (int t = 2; t <= 3; t++) {
            NeighborList many = new NeighborList(7.5, 1.0);
            try (Parallel p = new Parallel(t)) {
                many.build(s, p);
            }
            assertArrayEquals(one.neighbors(), many.neighbors());
            assertArrayEquals(one.shiftsX(), many.shiftsX());
            assertArrayEquals(one.shiftsY(), many.shiftsY());
            assertArrayEquals(one.shiftsZ(), many.shiftsZ());
            assertArrayEquals(one.reverseSlots(), many.reverseSlots());
        }
    }
}
