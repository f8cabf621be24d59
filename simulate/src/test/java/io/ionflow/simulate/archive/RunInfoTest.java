package io.ionflow.simulate.archive;

import io.ionflow.simulate.structure.Structure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunInfoTest {
    private final Structure s = ArchiveFixtures.ag2te(1);

    @Test
    void isImmutableAndComparesArrayContents() {
        double[] cell = s.box().toMatrix();
        RunInfo a = new RunInfo("r1", "Ag2Te", 500, 0, 0, 12, 1, 0.05, 10, cell, new String[] {"Ag", "Te"},
                new double[] {107.87, 127.6}, null, 1, "ionflow-md");
        cell[0] = -1;
        assertEquals(6.6, a.cell()[0]);
        a.cell()[0] = -1;
        assertEquals(6.6, a.cell()[0]);
        RunInfo b = new RunInfo("r1", "Ag2Te", 500, 0, 0, 12, 1, 0.05, 10, s.box().toMatrix(),
                new String[] {"Ag", "Te"}, new double[] {107.87, 127.6}, null, 1, "ionflow-md");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, b.withNFrames(11));
        assertEquals(11, b.withNFrames(11).nFrames());
        assertArrayEquals(new String[] {"Ag", "Te"}, a.species());
    }

    @Test
    void refusesBadFieldsNamingTheRun() {
        assertThrows(IllegalArgumentException.class, () -> ArchiveFixtures.run("9lives", s, 0, "ionflow-md"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunInfo("r1", "Ag2Te",
                500, 0, 0, 12, 1, 0.05, 10, new double[8], new String[] {"Ag"}, new double[] {1}, null, 1, "md"));
        assertTrue(e.getMessage().contains("run r1") && e.getMessage().contains("cell"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RunInfo("r1", "Ag2Te", 500, 0, 0, 12, 1, 0.05,
                10, new double[9], new String[] {"Ag"}, new double[] {1}, "{not json", 1, "md"));
        assertTrue(e.getMessage().contains("potential is not valid JSON"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RunInfo("r1", "Ag2Te", 500, 0, 0, 12, 1, 0.05,
                10, new double[9], new String[] {"Ag", "Ag"}, new double[] {1, 1}, null, 1, "md"));
        assertThrows(IllegalArgumentException.class, () -> new RunInfo("r1", "Ag2Te", 500, 1.0, 0, 12, 1, 0.05,
                10, new double[9], new String[] {"Ag"}, new double[] {1}, null, 1, "md"));
        assertThrows(IllegalArgumentException.class, () -> new RunInfo("r1", "Ag2Te", Double.NaN, 0, 0, 12, 1,
                0.05, 10, new double[9], new String[] {"Ag"}, new double[] {1}, null, 1, "md"));
        for (double bad : new double[] {0, -1, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new RunInfo("r1", "Ag2Te", 500, 0, 0, 12, bad,
                    0.05, 10, new double[9], new String[] {"Ag"}, new double[] {1}, null, 1, "md"), "timestep " + bad);
        }
    }

    @Test
    void timestepMayBeUnknown() {
        RunInfo r = new RunInfo("r1", "Ag2Te", 500, 0, 0, 12, Double.NaN, 0.05, 10, new double[9],
                new String[] {"Ag"}, new double[] {1}, null, 1, "extxyz");
        assertTrue(Double.isNaN(r.timestepFs()) && !r.timestepKnown());
        assertEquals(r, r.withNFrames(10));
        assertNotEquals(r, new RunInfo("r1", "Ag2Te", 500, 0, 0, 12, 1, 0.05, 10, new double[9],
                new String[] {"Ag"}, new double[] {1}, null, 1, "extxyz"));
    }
}
