package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.analyze.inm.bench.HessianFdBench;
import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.potential.PairPotential;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Structure;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parallel finite-difference Hessian on the shipped Vashishta Ag2Te file, for a thermalised-looking
 * 2×2×2 antifluorite cell (96 atoms, Gaussian displacements σ = 0.1 Å, seeded): thread-count independence,
 * the accuracy of the default step against the analytic Hessian, the raw asymmetry, the translational
 * zero modes, and the step study that chose the default (printed; the table is in the Hessian Javadoc).
 */
class HessianFiniteDifferenceTest {
    private static Potential vashishta;
    private static Structure cell;
    private static Hessian analytic;
    private static Hessian fdDefault;

    @BeforeAll
    static void setUp() {
        vashishta = InmFixtures.ag2te();
        cell = HessianFdBench.snapshot(2, 11);
        analytic = Hessian.analytic(cell, (PairPotential) vashishta);
        fdDefault = Hessian.finiteDifference(cell, vashishta);
    }

    /** The Vashishta force field hidden behind the plain Potential interface (no analytic Hessian). */
    private static Potential opaque(Potential pair) {
        return new Potential() {
            @Override public String style() { return "opaque"; }
            @Override public List<String> species() { return pair.species(); }
            @Override public double cutoff() { return pair.cutoff(); }
            @Override public double compute(Structure s, NeighborList nl, double[] f, double[] v, Parallel par) {
                return pair.compute(s, nl, f, v, par);
            }
            @Override public String toJson() { return "{}"; }
        };
    }

    @Test
    void identicalBitForBitOnOneAndThreeThreads() {
        assertEquals(96, cell.size());
        for (Hessian.Stencil st : Hessian.Stencil.values()) {
            Hessian one = Hessian.finiteDifference(cell, vashishta, Hessian.DEFAULT_FD_STEP, st, Parallel.serial());
            Hessian three;
            try (Parallel par = new Parallel(3)) {
                three = Hessian.finiteDifference(cell, vashishta, Hessian.DEFAULT_FD_STEP, st, par);
            }
            assertArrayEquals(one.matrix().data, three.matrix().data, 0.0, st + ": 1 vs 3 threads");
            assertEquals(one.maxAsymmetry(), three.maxAsymmetry(), 0.0);
        }
        // and the no-Parallel signature is the serial default
        assertArrayEquals(fdDefault.matrix().data,
                Hessian.finiteDifference(cell, vashishta, Hessian.DEFAULT_FD_STEP, Parallel.serial()).matrix().data, 0.0);
    }

    @Test
    void defaultStepMatchesTheAnalyticHessianTo1e5() {
        double rel = HessianTest.relMaxDiff(analytic, fdDefault);
        System.out.printf(Locale.ROOT, "default FD (h = %.0e Å, %s) vs analytic: max-rel %.2e%n",
                Hessian.DEFAULT_FD_STEP, Hessian.DEFAULT_FD_STENCIL, rel);
        assertTrue(rel <= 1e-5, "FD at the default step vs analytic, max-element-relative " + rel);
    }

    @Test
    void rawAsymmetryOfTheDefaultStepIsBelow1e6() {
        double a = fdDefault.rawRelativeAsymmetry();
        System.out.printf(Locale.ROOT, "raw relative asymmetry at the default step: %.2e%n", a);
        assertTrue(a <= 1e-6, "raw relative asymmetry " + a);
        assertTrue(a > 0, "measured on the raw matrix, not on the symmetrised one");
        assertEquals(2 * fdDefault.maxAsymmetry() / HessianTest.maxAbs(fdDefault), a, 1e-3 * a,
                "maxAsymmetry is half the raw |H_kl − H_lk|");
        assertEquals(0.0, analytic.rawRelativeAsymmetry());
    }

    @Test
    void translationsAreTheThreeZeroModes() {
        DMatrixRMaj d = fdDefault.massWeighted();
        int dim = d.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dim, true, true);
        assertTrue(eig.decompose(d.copy()));
        Integer[] order = new Integer[dim];
        double maxAbs = 0;
        for (int k = 0; k < dim; k++) {
            order[k] = k;
            maxAbs = Math.max(maxAbs, Math.abs(eig.getEigenvalue(k).real));
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> Math.abs(eig.getEigenvalue(k).real)));
        double[] t = InstantaneousModes.translationWeights(fdDefault.masses());
        for (int q = 0; q < 3; q++) {
            double lambda = eig.getEigenvalue(order[q]).real;
            double overlap = InstantaneousModes.translationOverlap(eig.getEigenVector(order[q]).data, t);
            System.out.printf(Locale.ROOT, "zero mode %d: |λ|/max|λ| = %.2e, translation overlap %.12f%n",
                    q, Math.abs(lambda) / maxAbs, overlap);
            assertTrue(Math.abs(lambda) <= 1e-6 * maxAbs, "translation eigenvalue " + lambda + " vs max " + maxAbs);
            assertTrue(overlap > 1 - 1e-6, "mode " + q + " is a translation: overlap " + overlap);
        }
        double fourth = Math.abs(eig.getEigenvalue(order[3]).real);
        assertTrue(fourth > 1e-4 * maxAbs, "no fourth zero mode in a distorted cell: " + fourth / maxAbs);
    }

    @Test
    void ofChoosesFiniteDifferencesForANonPairPotentialWithParallel() {
        Potential p = opaque(vashishta);
        Hessian serial = Hessian.of(cell, p);
        Hessian twoThreads;
        try (Parallel par = new Parallel(2)) {
            twoThreads = Hessian.of(cell, p, par);
            assertTrue(Hessian.of(cell, vashishta, par).isAnalytic());
        }
        assertFalse(serial.isAnalytic());
        assertArrayEquals(fdDefault.matrix().data, serial.matrix().data, 0.0);
        assertArrayEquals(serial.matrix().data, twoThreads.matrix().data, 0.0);
    }

    /**
     * The step study behind {@link Hessian#DEFAULT_FD_STEP}: both stencils at h = 1e-2 … 1e-5 Å. The
     * numbers are printed (they are the table of the Hessian Javadoc and docs/benchmarks.md); the
     * assertions pin the three regimes found there: a cutoff crossing (this cell has a pair 1.9e-4 Å from
     * r_c) spoils h = 3e-4 Å whatever the stencil, below it the central difference falls as h², the
     * fourth-order stencil is far below it at 1e-4 Å, and the default step is the best central step.
     */
    @Test
    void stepStudy() {
        List<HessianFdBench.StudyRow> c2, c4;
        try (Parallel par = new Parallel(2)) {
            c2 = HessianFdBench.study(cell, vashishta, HessianFdBench.STUDY_STEPS, Hessian.Stencil.CENTRAL_2, par);
            c4 = HessianFdBench.study(cell, vashishta, HessianFdBench.STUDY_STEPS, Hessian.Stencil.CENTRAL_4, par);
        }
        System.out.println("| h (Å) | C2 max | C2 frob | C2 raw asym | C4 max | C4 frob | C4 raw asym |");
        double best2 = Double.POSITIVE_INFINITY, atDefault = Double.NaN;
        for (int k = 0; k < c2.size(); k++) {
            HessianFdBench.StudyRow a = c2.get(k), b = c4.get(k);
            System.out.printf(Locale.ROOT, "| %.0e | %.2e | %.2e | %.2e | %.2e | %.2e | %.2e |%n", a.step(),
                    a.maxRel(), a.frobRel(), a.rawAsym(), b.maxRel(), b.frobRel(), b.rawAsym());
            best2 = Math.min(best2, a.maxRel());
            if (a.step() == Hessian.DEFAULT_FD_STEP) {
                atDefault = a.maxRel();
            }
        }
        int i3e4 = 3, i1e4 = 4, i1e5 = 6;
        assertEquals(3e-4, c2.get(i3e4).step());
        assertTrue(c2.get(i3e4).maxRel() > 1e-5 && c4.get(i3e4).maxRel() > 1e-5,
                "the pair crossing r_c at h = 3e-4 Å spoils both stencils");
        assertTrue(c2.get(i1e4).maxRel() > 30 * c2.get(i1e5).maxRel(), "CENTRAL_2 below 1e-4 Å is not O(h²)");
        assertTrue(c4.get(i1e4).maxRel() < 1e-2 * c2.get(i1e4).maxRel(), "CENTRAL_4 is not higher order");
        assertTrue(atDefault <= 2 * best2, "default step " + atDefault + " vs best central step " + best2);
        assertTrue(atDefault <= 1e-5);
    }
}
