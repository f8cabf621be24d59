package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.analyze.inm.bench.ModesBench;
import org.junit.jupiter.api.Test;

/** The benchmark entry point runs and returns numbers (smallest cell only; the real runs are in docs/benchmarks.md). */
class InmBenchSmokeTest {
    @Test
    void runReturnsTimings() {
        for (InstantaneousModes.Solver solver : InstantaneousModes.Solver.values()) {
            ModesBench.Result r = ModesBench.run(InmFixtures.ag2te(), 12, 1, true, solver, 1);
            assertEquals(12, r.atoms());
            assertTrue(r.hessianSeconds() > 0 && r.eigenSeconds() > 0 && r.eigenCpuSeconds() >= 0);
            assertTrue(r.unstable() >= 0);
        }
        ModesBench.Result mt = ModesBench.run(InmFixtures.ag2te(), 12, 2, false, InstantaneousModes.Solver.FACTORY, 1);
        assertEquals(2, mt.threads());
    }
}
