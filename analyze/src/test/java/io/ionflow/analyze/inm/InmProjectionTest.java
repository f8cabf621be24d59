package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.Units;
import io.ionflow.simulate.md.MdEngine;
import io.ionflow.simulate.md.Thermo;
import io.ionflow.simulate.structure.Structure;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Projections of displacements and velocities on the unstable and stable subspaces. */
class InmProjectionTest {

    @Test
    void unstableAndStableSharesAreComplementary() {
        Structure s = InmFixtures.crystal(2, 6.57, 0, 41);
        MdEngine md = InmFixtures.nvt(s, 500, 400, 141);
        double[] before = s.positions().clone();
        InstantaneousModes m = InstantaneousModes.compute(Hessian.of(s, InmFixtures.ag2te()), true);
        assertTrue(m.unstableCount() > 0);
        md.run(250); // Δr over τ = 0.5 ps, unwrapped positions
        double[] dr = new double[before.length];
        for (int k = 0; k < dr.length; k++) {
            dr[k] = s.positions()[k] - before[k];
        }
        boolean[] ag = new boolean[s.size()];
        boolean[] few = new boolean[s.size()];
        for (int i = 0; i < s.size(); i++) {
            ag[i] = s.type(i) == 0;
            few[i] = i == 3 || i == 17 || i == 40; // an arbitrary subset of Ag atoms (like the ones that hop)
        }
        SplittableRandom r = new SplittableRandom(5);
        double[] noise = new double[dr.length];
        for (int k = 0; k < noise.length; k++) {
            noise[k] = r.nextGaussian();
        }
        for (double[] d : new double[][] {dr, noise}) {
            for (boolean[] mask : new boolean[][] {null, ag, few}) {
                ModeProjection.Split sp = ModeProjection.split(m, d, mask);
                assertEquals(1.0, sp.shareUnstable() + sp.shareStable(), 1e-10, "share_u + share_s");
                assertTrue(sp.shareUnstable() > 0 && sp.shareUnstable() < 1);
                assertTrue(sp.translation() >= 0);
            }
        }
        // a displacement along an unstable eigenvector (real space u = e/√m) is purely unstable, and a
        // rigid translation belongs to neither share
        int k = InmAnalysis.unstableIndices(m)[0];
        double[] e = m.vector(k);
        double[] masses = m.masses();
        double[] u = new double[e.length];
        for (int q = 0; q < u.length; q++) {
            u[q] = 0.1 * e[q] / Math.sqrt(masses[q / 3]) + (q % 3 == 1 ? 0.7 : 0); // plus a shift along y
        }
        ModeProjection.Split sp = ModeProjection.split(m, u);
        assertEquals(1.0, sp.shareUnstable(), 1e-10);
        assertEquals(0.0, sp.shareStable(), 1e-10);
        double totalMass = 0;
        for (double mi : masses) {
            totalMass += mi;
        }
        assertEquals(0.49 * totalMass, sp.translation(), 1e-9 * totalMass, "|q_T|² = M·0.7²");
        assertEquals(0.01, sp.internal(), 1e-12, "internal part = 0.1² (unit eigenvector)");
    }

    @Test
    void modeKineticEnergiesAddUpToTheInternalKineticEnergy() {
        Structure s = InmFixtures.distorted(2, 6.57, 0.2, 43);
        Thermo.maxwellBoltzmann(s, 400, InmFixtures.rng(9)); // zero total momentum
        InstantaneousModes m = InstantaneousModes.compute(Hessian.of(s, InmFixtures.ag2te()), true);
        double sum = 0;
        for (double k : ModeProjection.kineticEnergies(m, s.velocities())) {
            sum += k;
        }
        assertEquals(Thermo.kineticEnergy(s), sum, 1e-10 * sum);
        // a uniform velocity has no internal kinetic energy
        double[] v = new double[3 * s.size()];
        for (int i = 0; i < s.size(); i++) {
            v[3 * i] = 2.0;
        }
        double internal = 0;
        for (double k : ModeProjection.kineticEnergies(m, v)) {
            internal += k;
        }
        assertEquals(0.0, internal, 1e-12 * s.totalMass() * 4 * Units.MVV_TO_EV);
    }
}
