package io.ionflow.simulate.potential;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.TestSystems;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forces are −∇E (central finite differences), the virial is −dE/dε, pair derivatives are consistent. */
class VashishtaForceTest {

    private static double energy(Potential p, Structure s) {
        NeighborList nl = new NeighborList(p.cutoff(), 0.5);
        nl.build(s, Parallel.serial());
        return p.compute(s, nl, new double[3 * s.size()], null, Parallel.serial());
    }

    @Test
    void forcesEqualMinusGradientOnDistortedCell() {
        Potential p = TestSystems.ag2te();
        Structure s = TestSystems.distortedAg2Te(2, 0.0, 0.25, 11);
        NeighborList nl = new NeighborList(p.cutoff(), 0.5);
        nl.build(s, Parallel.serial());
        double[] f = new double[3 * s.size()];
        p.compute(s, nl, f, null, Parallel.serial());
        double h = 1e-5;
        double maxErr = 0, maxF = 0;
        double[] x = s.positions();
        for (int k = 0; k < x.length; k += 7) { // every 7th coordinate: all atoms, all directions sampled
            double x0 = x[k];
            x[k] = x0 + h;
            double ep = energy(p, s);
            x[k] = x0 - h;
            double em = energy(p, s);
            x[k] = x0;
            double fd = -(ep - em) / (2 * h);
            maxErr = Math.max(maxErr, Math.abs(fd - f[k]));
            maxF = Math.max(maxF, Math.abs(f[k]));
        }
        assertTrue(maxF > 0.1, "forces should be non-trivial on a distorted cell, max |F| = " + maxF);
        assertTrue(maxErr / maxF < 1e-6, "max |F_fd − F| / max |F| = " + maxErr / maxF);
    }

    @Test
    void virialEqualsStrainDerivativeOfEnergy() {
        Potential p = TestSystems.ag2te();
        Structure s = TestSystems.distortedAg2Te(2, 0.0, 0.2, 5);
        NeighborList nl = new NeighborList(p.cutoff(), 0.5);
        nl.build(s, Parallel.serial());
        double[] vir = new double[6];
        p.compute(s, nl, new double[3 * s.size()], vir, Parallel.serial());
        // W = Σ r_ij·f_ij = −3V dE/dV = −dE/dε for isotropic scaling x → (1+ε)x
        double eps = 1e-6;
        Structure sp = scaled(s, 1 + eps), sm = scaled(s, 1 - eps);
        double dEdEps = (energy(p, sp) - energy(p, sm)) / (2 * eps);
        double trace = vir[0] + vir[1] + vir[2];
        assertEquals(-dEdEps, trace, 1e-6 * Math.abs(trace) + 1e-8);
    }

    private static Structure scaled(Structure s, double f) {
        Structure c = s.copy();
        double[] x = c.positions();
        for (int k = 0; k < x.length; k++) x[k] *= f;
        c.setBox(new Box(s.box().lx() * f, s.box().ly() * f, s.box().lz() * f));
        return c;
    }

    @Test
    void pairDerivativesMatchFiniteDifferencesAndVanishAtCutoff() {
        PairPotential p = (PairPotential) TestSystems.ag2te();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double rc = p.pairCutoff(a, b);
                assertEquals(0, p.pairEnergy(a, b, rc), 1e-12);
                assertEquals(0, p.pairDerivative(a, b, rc), 1e-12);
                for (double r = 2.4; r < rc - 0.01; r += 0.37) {
                    double h = 1e-5;
                    double d1 = (p.pairEnergy(a, b, r + h) - p.pairEnergy(a, b, r - h)) / (2 * h);
                    double d2 = (p.pairDerivative(a, b, r + h) - p.pairDerivative(a, b, r - h)) / (2 * h);
                    assertEquals(d1, p.pairDerivative(a, b, r), 1e-6 * Math.max(1, Math.abs(d1)), "dV/dr at r=" + r);
                    assertEquals(d2, p.pairSecondDerivative(a, b, r), 1e-5 * Math.max(1, Math.abs(d2)), "d2V/dr2 at r=" + r);
                }
            }
        }
    }
}
