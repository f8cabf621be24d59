package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.potential.PairPotential;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Structure;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The analytic pair Hessian against central differences of the forces of the shipped Ag2Te potential. */
class HessianTest {

    /** max |A − B| / max |A|. */
    static double relMaxDiff(Hessian a, Hessian b) {
        double maxA = 0, maxD = 0;
        for (int r = 0; r < a.dimension(); r++) {
            for (int c = 0; c < a.dimension(); c++) {
                maxA = Math.max(maxA, Math.abs(a.get(r, c)));
                maxD = Math.max(maxD, Math.abs(a.get(r, c) - b.get(r, c)));
            }
        }
        return maxD / maxA;
    }

    @Test
    void analyticEqualsFiniteDifferencesOnADistortedCell() {
        Potential p = InmFixtures.ag2te();
        Structure s = InmFixtures.distorted(2, 6.57, 0.25, 7); // 96 atoms, 2×2×2
        assertEquals(96, s.size());
        Hessian an = Hessian.analytic(s, (PairPotential) p);
        Hessian fd = Hessian.finiteDifference(s, p);
        assertTrue(an.isAnalytic());
        assertEquals(0.0, an.maxAsymmetry(), "analytic Hessian is symmetric by construction");
        double rel = relMaxDiff(an, fd);
        assertTrue(rel < 1e-5, "analytic vs finite differences: max rel. difference " + rel);
        // the raw finite-difference matrix was nearly symmetric before the explicit symmetrisation
        assertTrue(fd.maxAsymmetry() < 1e-5 * maxAbs(an), "FD asymmetry " + fd.maxAsymmetry());
        assertTrue(fd.maxAsymmetry() > 0, "FD asymmetry is measured, not assumed");
        assertSymmetric(an.matrix());
        assertSymmetric(an.massWeighted());
        // translation invariance: each row sums to zero per Cartesian component
        double worst = 0;
        for (int r = 0; r < an.dimension(); r++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int j = 0; j < an.atoms(); j++) {
                    sum += an.get(r, 3 * j + c);
                }
                worst = Math.max(worst, Math.abs(sum));
            }
        }
        assertTrue(worst < 1e-10 * maxAbs(an), "acoustic sum rule violated by " + worst);
    }

    @Test
    void smallCellWithImagesAndSelfImages() {
        // one conventional cell, 12 atoms, L = 6.2 Å < r_c = 9 Å: many images of each pair and of each atom itself
        Potential p = InmFixtures.ag2te();
        Structure s = InmFixtures.distorted(1, 6.2, 0.3, 3);
        assertEquals(12, s.size());
        assertTrue(s.box().lx() < p.cutoff(), "the cell must be smaller than the cutoff for this test");
        Hessian an = Hessian.analytic(s, (PairPotential) p);
        Hessian fd = Hessian.finiteDifference(s, p, 1e-4);
        double rel = relMaxDiff(an, fd);
        assertTrue(rel < 1e-5, "small cell: analytic vs FD max rel. difference " + rel);
    }

    @Test
    void nonPairPotentialFallsBackToFiniteDifferences() {
        Potential pair = InmFixtures.ag2te();
        Potential opaque = new Potential() { // the same force field without the PairPotential interface
            @Override public String style() { return "opaque"; }
            @Override public List<String> species() { return pair.species(); }
            @Override public double cutoff() { return pair.cutoff(); }
            @Override public double compute(Structure s, NeighborList nl, double[] f, double[] v, Parallel par) {
                return pair.compute(s, nl, f, v, par);
            }
            @Override public String toJson() { return "{}"; }
        };
        Structure s = InmFixtures.distorted(1, 6.4, 0.2, 5);
        Hessian h = Hessian.of(s, opaque);
        assertFalse(h.isAnalytic());
        double rel = relMaxDiff(Hessian.of(s, pair), h);
        assertTrue(rel < 1e-5, "fallback vs analytic " + rel);
    }

    @Test
    void massWeightingAndUnits() {
        Potential p = InmFixtures.ag2te();
        Structure s = InmFixtures.distorted(1, 6.4, 0.2, 9);
        Hessian h = Hessian.of(s, p);
        DMatrixRMaj d = h.massWeighted();
        double[] m = h.masses();
        for (int r = 0; r < h.dimension(); r += 5) {
            for (int c = 0; c < h.dimension(); c += 7) {
                assertEquals(h.get(r, c) / Math.sqrt(m[r / 3] * m[c / 3]), d.get(r, c), 1e-15 * Math.abs(h.get(r, c)) + 1e-300);
            }
        }
        // 1 eV/(Å²·amu) is ω² = 9648.533 ps⁻², i.e. ν = √9648.533 / 2π THz
        assertEquals(9648.533212331, Hessian.omega2(1.0), 1e-9);
        assertEquals(Math.sqrt(9648.533212331) / (2 * Math.PI), Hessian.frequencyThz(1.0), 1e-12);
        assertEquals(-Math.sqrt(9648.533212331) / (2 * Math.PI), Hessian.frequencyThz(-1.0), 1e-12);
    }

    static double maxAbs(Hessian h) {
        double m = 0;
        for (int r = 0; r < h.dimension(); r++) {
            for (int c = 0; c < h.dimension(); c++) {
                m = Math.max(m, Math.abs(h.get(r, c)));
            }
        }
        return m;
    }

    static void assertSymmetric(DMatrixRMaj a) {
        for (int r = 0; r < a.numRows; r++) {
            for (int c = r + 1; c < a.numCols; c++) {
                if (a.get(r, c) != a.get(c, r)) {
                    throw new AssertionError("not symmetric at (" + r + "," + c + ")");
                }
            }
        }
    }
}
