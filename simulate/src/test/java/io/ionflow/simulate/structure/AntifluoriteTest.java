package io.ionflow.simulate.structure;

import io.ionflow.simulate.TestSystems;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AntifluoriteTest {

    @Test
    void perfectCellHasTwelveAtomsPerCellAndTetrahedralCoordination() {
        double a = 6.57;
        Structure s = Antifluorite.build("Ag", "Te", 2, a, 0, false, TestSystems.rng(1)).structure();
        assertEquals(96, s.size());
        assertEquals(64, s.count(0));
        assertEquals(32, s.count(1));
        assertEquals(2 * a, s.box().lx(), 1e-12);
        // every Ag has 4 Te at a·√3/4; every Te has 8 Ag at the same distance
        double dAgTe = a * Math.sqrt(3) / 4;
        for (int i = 0; i < s.size(); i++) {
            int near = 0;
            for (int j = 0; j < s.size(); j++) {
                if (s.type(j) == s.type(i)) continue;
                if (Math.abs(minImage(s, i, j) - dAgTe) < 1e-9) near++;
            }
            assertEquals(s.type(i) == 0 ? 4 : 8, near, "atom " + i);
        }
    }

    static double minImage(Structure s, int i, int j) {
        double d2 = 0;
        for (int c = 0; c < 3; c++) {
            double l = s.box().length(c);
            double d = s.positions()[3 * j + c] - s.positions()[3 * i + c];
            d -= l * Math.rint(d / l);
            d2 += d * d;
        }
        return Math.sqrt(d2);
    }

    @Test
    void vacancyCountIsExactlyRoundedFractionAndSeeded() {
        for (double f : new double[] {0.0, 0.05, 0.1, 0.123, 0.5}) {
            Antifluorite.Result r = Antifluorite.build("Ag", "Te", 3, 6.57, f, false, TestSystems.rng(5));
            assertEquals(108, r.anionSites());
            assertEquals(Math.round(f * 108), r.anionVacancies());
            assertEquals(108 - r.anionVacancies(), r.structure().count(1));
            assertEquals(216, r.structure().count(0), "Te-only vacancies by default");
        }
        Antifluorite.Result n = Antifluorite.build("Ag", "Te", 3, 6.57, 0.1, true, TestSystems.rng(5));
        assertEquals(11, n.anionVacancies());
        assertEquals(216 - 22, n.structure().count(0), "charge neutral: 2 Ag removed per Te vacancy");
        double[] a = Antifluorite.build("Ag", "Te", 3, 6.57, 0.1, false, TestSystems.rng(9)).structure().positions();
        double[] b = Antifluorite.build("Ag", "Te", 3, 6.57, 0.1, false, TestSystems.rng(9)).structure().positions();
        double[] c = Antifluorite.build("Ag", "Te", 3, 6.57, 0.1, false, TestSystems.rng(10)).structure().positions();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Antifluorite.build("Ag", "Te", 2, 6.57, 1.0, false, TestSystems.rng(1)));
        assertThrows(IllegalArgumentException.class, () -> Antifluorite.build("Ag", "Te", 0, 6.57, 0, false, TestSystems.rng(1)));
        assertThrows(IllegalArgumentException.class, () -> Antifluorite.build("Ag", "Te", 2, -1, 0, false, TestSystems.rng(1)));
        assertThrows(IllegalArgumentException.class, () -> Antifluorite.build("Ag", "Xx", 2, 6.57, 0, false, TestSystems.rng(1)));
        assertThrows(IllegalArgumentException.class, () -> Box.fromMatrix(new double[] {5, 0.5, 0, 0, 5, 0, 0, 0, 5}));
    }
}
