package io.ionflow.analyze.transport;

import io.ionflow.analyze.DriftReference;
import io.ionflow.analyze.MsdSums;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The kept kernel workspaces: taken again only for the same shape, with every accumulator emptied. Frame counts no
 * other test uses keep this test independent of the pool's state.
 */
class KernelWorkspaceTest {
    private static RunTask task(Method kind, int frames, int maxLag, int species) {
        String[] names = new String[species];
        double[] masses = new double[species];
        for (int s = 0; s < species; s++) {
            names[s] = "S" + s;
            masses[s] = 10 + s;
        }
        return new RunTask(0, "r", 0, 1, 0, 10, 10, frames, 0.1, maxLag, names, masses, new String[0], kind, null,
                DriftReference.Mode.NONE, Double.NaN, Double.NaN);
    }

    @Test
    void aWorkspaceIsTakenAgainOnlyForItsShapeAndEmpty() {
        RunTask t = task(Method.MSD, 317, 100, 2);
        KernelWorkspace w = KernelWorkspace.take(t, 0.1, 10);
        float[] s = new float[317];
        for (int f = 0; f < s.length; f++) {
            s[f] = (float) Math.sin(0.1 * f);
        }
        w.msd(1).add(s, s, s, 3);
        MsdSums sums = (MsdSums) w.takeSums(1);
        assertEquals(1, sums.atoms());
        assertNull(w.takeSums(1), "taking the sums empties the accumulator");
        w.give();

        KernelWorkspace again = KernelWorkspace.take(t, 0.1, 8);
        assertSame(w, again, "same shape, enough tile rows: reused");
        assertNull(again.takeSums(0), "a reused workspace starts empty");
        assertNull(again.takeSums(1));
        assertNotSame(w, KernelWorkspace.take(t, 0.1, 10), "one task at a time");
        again.give();
        assertNotSame(w, KernelWorkspace.take(t, 0.2, 10), "another frame spacing");
        assertNotSame(w, KernelWorkspace.take(task(Method.VACF, 317, 100, 2), 0.1, 10), "another method");
        assertNotSame(w, KernelWorkspace.take(task(Method.MSD, 317, 99, 2), 0.1, 10), "another max lag");
        assertNotSame(w, KernelWorkspace.take(t, 0.1, 11), "too few tile rows");
    }
}
