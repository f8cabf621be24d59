package io.ionflow.simulate.ingest;

import io.ionflow.simulate.ingest.TrajectoryFixtures.Traj;
import org.junit.jupiter.api.Test;

import static io.ionflow.simulate.ingest.TrajectoryFixtures.L;
import static io.ionflow.simulate.ingest.TrajectoryFixtures.N;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestUnwrapperTest {

    private static double[] wrapped(Traj t, int f) {
        double[] w = new double[3 * N];
        for (int k = 0; k < w.length; k++) w[k] = t.wrapped(f, k);
        return w;
    }

    @Test
    void recoversTheUnwrappedPathOfWalkersThatCrossTheBoxManyTimes() throws Exception {
        Traj t = TrajectoryFixtures.walkers(400, 21);
        assertTrue(t.maxImage() >= 5);
        Unwrapper u = new Unwrapper(L, Unwrapper.DEFAULT_MAX_JUMP_FRACTION);
        for (int f = 0; f < t.frames(); f++) {
            double[] out = u.unwrap(wrapped(t, f));
            for (int k = 0; k < out.length; k++) assertEquals(t.pos[f][k], out[k], 1e-9, "frame " + f + " k " + k);
        }
    }

    @Test
    void unwrappedPositionsPassThroughUnchanged() throws Exception {
        Traj t = TrajectoryFixtures.walkers(50, 22);
        Unwrapper u = new Unwrapper(L, 0.4);
        for (int f = 0; f < t.frames(); f++) assertArrayEquals(t.pos[f], u.unwrap(t.pos[f]));
    }

    @Test
    void aMoveNearHalfABoxIsRefusedAndNamesTheAtom() throws Exception {
        Traj t = TrajectoryFixtures.walkers(6, 23);
        TrajectoryFixtures.jump(t, 4, 5, 0.55 * L[0]);
        Unwrapper u = new Unwrapper(L, 0.4);
        for (int f = 0; f < 4; f++) u.unwrap(wrapped(t, f));
        Unwrapper.JumpException e = assertThrows(Unwrapper.JumpException.class, () -> u.unwrap(wrapped(t, 4)));
        assertEquals(5, e.atom());
        assertEquals(0, e.axis());
        assertEquals(-0.45 * L[0], e.displacement(), 1e-9); // seen as a 0.45-box move the other way
    }

    @Test
    void aMoveBelowTheLimitIsUnwrapped() throws Exception {
        Traj t = TrajectoryFixtures.walkers(6, 23);
        TrajectoryFixtures.jump(t, 4, 5, 0.35 * L[0]);
        Unwrapper u = new Unwrapper(L, 0.4);
        double[] out = null;
        for (int f = 0; f < 6; f++) out = u.unwrap(wrapped(t, f));
        assertEquals(t.pos[5][15], out[15], 1e-9);
    }

    @Test
    void limitOfHalfABoxRefusesNothing() throws Exception {
        Traj t = TrajectoryFixtures.walkers(6, 23);
        TrajectoryFixtures.jump(t, 4, 5, 0.55 * L[0]);
        Unwrapper u = new Unwrapper(L, 0.5);
        for (int f = 0; f < 6; f++) u.unwrap(wrapped(t, f)); // the 0.55 move is taken for −0.45: undetectable
    }

    @Test
    void rejectsBadLimits() {
        assertThrows(IllegalArgumentException.class, () -> new Unwrapper(L, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new Unwrapper(L, 0));
        assertThrows(IllegalArgumentException.class, () -> new Unwrapper(new double[] {1, 0, 1}, 0.4));
    }
}
