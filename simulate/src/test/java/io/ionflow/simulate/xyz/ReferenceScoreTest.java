package io.ionflow.simulate.xyz;

import io.ionflow.simulate.potential.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ReferenceScore} against RMSEs worked out by hand. */
class ReferenceScoreTest {

    static XyzStructure ref(int n, double energy, double[] forces, double[] virial) {
        String[] sp = new String[n];
        java.util.Arrays.fill(sp, "Si");
        return new XyzStructure(0, 1, List.of(), List.of(), new String[n][], new double[9], sp, new double[3 * n], energy, virial, forces);
    }

    @Test
    void rmseAsGpumdReportsIt() {
        ReferenceScore s = new ReferenceScore();
        // structure 1: 2 atoms, energy off by +0.2 eV -> +100 meV/atom; forces off by 0.003 in all 6 components -> 3 meV/Å
        ReferenceScore.Line a = s.add(ref(2, -5.0, new double[6], null),
                new Evaluation(-4.8, new double[] {0.003, 0.003, 0.003, -0.003, -0.003, -0.003}, new double[9]));
        assertEquals(100.0, a.energyErrorMevPerAtom(), 1e-9);
        assertEquals(3.0, a.forceRmseMevPerA(), 1e-9);
        // structure 2: 1 atom, energy off by -0.05 eV -> -50 meV/atom; forces off by (0.004, 0, 0) -> rms over 3 = 4/sqrt(3)
        ReferenceScore.Line b = s.add(ref(1, 1.0, new double[] {1, 1, 1}, null),
                new Evaluation(0.95, new double[] {1.004, 1, 1}, new double[9]));
        assertEquals(-50.0, b.energyErrorMevPerAtom(), 1e-9);
        assertEquals(4.0 / Math.sqrt(3), b.forceRmseMevPerA(), 1e-9);
        assertTrue(Double.isNaN(b.virialRmseMevPerAtom()));
        assertEquals(Math.sqrt((100.0 * 100 + 50 * 50) / 2), s.energyRmse(), 1e-9);
        assertEquals(Math.sqrt((6 * 9.0 + 16) / 9), s.forceRmse(), 1e-9);
        assertEquals(2, s.energyCount());
        assertEquals(9, s.forceCount());
        assertEquals(0, s.virialCount());
        assertNull(s.add(ref(1, Double.NaN, null, null), new Evaluation(0, new double[3], new double[9])));
    }

    @Test
    void virialUsesTheSixComponentsPerAtom() {
        ReferenceScore s = new ReferenceScore();
        // 2 atoms; xx off by 0.012 eV (6 meV/atom), xy and yx off by 0.024 eV (12 meV/atom, counted once as xy);
        // zy/yz, zx/xz equal -> RMSE over six = sqrt((36 + 144) / 6)
        double[] ref = {1, 2, 3, 2, 5, 6, 3, 6, 9};
        double[] mine = {1.012, 2.024, 3, 2.024, 5, 6, 3, 6, 9};
        ReferenceScore.Line l = s.add(ref(2, Double.NaN, null, ref), new Evaluation(0, new double[6], mine));
        assertEquals(Math.sqrt((36 + 144) / 6.0), l.virialRmseMevPerAtom(), 1e-9);
        assertEquals(Math.sqrt((36 + 144) / 6.0), s.virialRmse(), 1e-9);
        assertTrue(Double.isNaN(s.energyRmse()) && Double.isNaN(s.forceRmse()));
    }
}
