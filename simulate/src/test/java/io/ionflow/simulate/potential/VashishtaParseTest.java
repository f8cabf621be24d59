package io.ionflow.simulate.potential;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VashishtaParseTest {
    static final String GOOD = """
            # test file
            Ag Ag Ag 0.16 11 0.6 0.6 5.0 0.0 0.0 0.0 8.0 0 0 0 0 0
            Te Te Te 5328.0 7 -1.2 -1.2 5.0 29.8 0.0 84.5 8.0 0 0 0 0 0
            Ag Te Te 1310.0 9 0.6 -1.2 5.0 14.9 0.0
                     0.0 8.0 0 0 0 0 0
            Te Ag Ag 1310.0 9 -1.2 0.6 5.0 14.9 0.0 0.0 8.0 0 0 0 0 0
            Ag Ag Te 0 0 0 0 0 0 0 0 0 0 0 0 0 0
            Ag Te Ag 0 0 0 0 0 0 0 0 0 0 0 0 0 0
            Te Ag Te 0 0 0 0 0 0 0 0 0 0 0 0 0 0
            Te Te Ag 0 0 0 0 0 0 0 0 0 0 0 0 0 0
            Si Si Si 1 1 1 1 1 1 1 1 1 1 1 1 1 1
            """;

    @Test
    void parsesMultiLineEntriesAndIgnoresUnusedElements() {
        Vashishta v = Vashishta.parse(GOOD, "good.vashishta", List.of("Ag", "Te"));
        assertEquals(8.0, v.cutoff());
        // V(r) at r = 3 Å for Ag–Te from the formula, shifted: check the unshifted part independently
        double r = 3.0, rc = 8.0;
        java.util.function.DoubleUnaryOperator raw = x -> 1310.0 / Math.pow(x, 9) + 0.6 * -1.2 * 14.399645 * Math.exp(-x / 5) / x
                - 14.9 / Math.pow(x, 4); // λ4 = 0 means no screening, as in LAMMPS
        double h = 1e-6;
        double dvrc = (raw.applyAsDouble(rc + h) - raw.applyAsDouble(rc - h)) / (2 * h);
        double expected = raw.applyAsDouble(r) - raw.applyAsDouble(rc) - (r - rc) * dvrc;
        assertEquals(expected, v.pairEnergy(0, 1, r), 1e-7);
        assertEquals(v.pairEnergy(0, 1, r), v.pairEnergy(1, 0, r));
        assertTrue(v.toJson().contains("\"style\":\"vashishta\""));
        Potential again = PotentialStyles.fromJson(v.toJson(), List.of("Ag", "Te"));
        assertEquals(v.pairEnergy(1, 1, 4.4), ((PairPotential) again).pairEnergy(1, 1, 4.4));
    }

    @Test
    void refusesThreeBodyMissingAsymmetricAndMalformedEntries() {
        String threeBody = GOOD.replace("Ag Te Te 1310.0 9 0.6 -1.2 5.0 14.9 0.0\n         0.0 8.0 0 0 0 0 0",
                "Ag Te Te 1310.0 9 0.6 -1.2 5.0 14.9 0.0 0.0 8.0 1.5 1 2.9 5 -0.33");
        PotentialException e = assertThrows(PotentialException.class, () -> Vashishta.parse(threeBody, "tb.vashishta", List.of("Ag", "Te")));
        assertTrue(e.getMessage().contains("three-body") && e.getMessage().contains("tb.vashishta"), e.getMessage());
        String missing = GOOD.replace("Te Te Ag 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n", "");
        e = assertThrows(PotentialException.class, () -> Vashishta.parse(missing, "m.vashishta", List.of("Ag", "Te")));
        assertTrue(e.getMessage().contains("missing entry Te Te Ag"), e.getMessage());
        String asym = GOOD.replace("Te Ag Ag 1310.0", "Te Ag Ag 1300.0");
        e = assertThrows(PotentialException.class, () -> Vashishta.parse(asym, "a.vashishta", List.of("Ag", "Te")));
        assertTrue(e.getMessage().contains("differ"), e.getMessage());
        String bad = GOOD.replace("5328.0", "5328.0x");
        e = assertThrows(PotentialException.class, () -> Vashishta.parse(bad, "b.vashishta", List.of("Ag", "Te")));
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
        e = assertThrows(PotentialException.class, () -> Vashishta.parse(GOOD, "g.vashishta", List.of("Ag", "Cu")));
        assertTrue(e.getMessage().contains("missing entry"), e.getMessage());
        assertThrows(PotentialException.class, () -> PotentialStyles.style("tersoff"));
    }
}
