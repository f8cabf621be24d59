package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ludovic.netlib.lapack.LAPACK;
import io.ionflow.simulate.structure.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Sylvester's law of inertia through LAPACK dsytrf: the number of negative pivots of A + s·I equals the
 * number of eigenvalues below −s, on random matrices (eigenvalues planted near ±s) and on Ag2Te Hessians
 * (against the eigenvalue count of {@link InstantaneousModes}).
 */
class InertiaCountTest {

    static List<LAPACK> lapacks() {
        List<LAPACK> l = new ArrayList<>();
        l.add(LapackEigen.javaInstance().lapack());
        if (LapackEigen.nativeAvailable()) {
            l.add(LapackEigen.nativeInstance().lapack());
        }
        return l;
    }

    static int countBelow(double[] lambda, double threshold) {
        int c = 0;
        for (double l : lambda) {
            if (l < threshold) {
                c++;
            }
        }
        return c;
    }

    @Test
    void randomSymmetricMatricesAgainstEigenvalues() {
        for (LAPACK lapack : lapacks()) {
            for (int n : new int[] {1, 2, 5, 40, 200}) {
                double[] a = SymmetricEigenTest.randomSymmetric(n, 300 + n);
                double[] lambda = EjmlEigen.DEFAULT.decompose(a.clone(), n, false).values();
                for (double s : new double[] {0, 0.5, -0.5, 3}) {
                    assertEquals(countBelow(lambda, -s), InertiaCount.countBelow(lapack, a, n, s),
                            lapack.getClass().getSimpleName() + " n=" + n + " shift " + s);
                }
            }
        }
    }

    /** Planted spectrum: eigenvalues at ±s·(1 ± 1e-2), ±s·(1 ± 1e-4) and exactly 0, the rest in [−1, 10]. */
    @Test
    void plantedEigenvaluesNearTheShift() {
        int n = 150;
        for (double s : new double[] {1e-3, 1e-9}) {
            double[] lambda = new double[n];
            Random r = new Random(7);
            for (int k = 0; k < n; k++) {
                lambda[k] = 11 * r.nextDouble() - 1;
            }
            double[] near = {-s * 1.01, -s * 0.99, -s * (1 + 1e-4), -s * (1 - 1e-4), s * 0.99, s * 1.01, 0};
            System.arraycopy(near, 0, lambda, 0, near.length);
            double[] a = SymmetricEigenTest.withSpectrum(SymmetricEigenTest.randomOrthogonal(n, 8, new double[0][]), lambda);
            int expected = countBelow(lambda, -s);
            for (LAPACK lapack : lapacks()) {
                assertEquals(expected, InertiaCount.countBelow(lapack, a, n, s), lapack.getClass().getSimpleName() + " s=" + s);
            }
        }
    }

    /**
     * A synthetic Hessian (unit masses, so D = H) with exact translations and planted internal
     * eigenvalues around the INM threshold τ·max|λ|.
     */
    @Test
    void plantedHessianAroundTheZeroTolerance() {
        int atoms = 40, dim = 3 * atoms;
        double tau = 1e-6, max = 10;
        double[][] trans = new double[3][dim];
        for (int i = 0; i < atoms; i++) {
            for (int c = 0; c < 3; c++) {
                trans[c][3 * i + c] = 1 / Math.sqrt(atoms);
            }
        }
        double[] lambda = new double[dim];
        Random r = new Random(3);
        for (int k = 3; k < dim; k++) {
            lambda[k] = 9 * r.nextDouble() - 1; // translations: lambda[0..2] = 0
        }
        lambda[3] = max;
        double thr = tau * max;
        double[] near = {-thr * 3, -thr * 1.5, -thr * 0.5, -thr * 0.2, thr * 0.5, thr * 2};
        System.arraycopy(near, 0, lambda, 4, near.length);
        double[] d = SymmetricEigenTest.withSpectrum(SymmetricEigenTest.randomOrthogonal(dim, 4, trans), lambda);
        double[] masses = new double[atoms];
        java.util.Arrays.fill(masses, 1.0);
        Hessian h = Hessian.of(DMatrixRMaj.wrap(dim, dim, d), masses);
        InstantaneousModes m = InstantaneousModes.compute(h, false, 1, tau);
        int planted = countBelow(java.util.Arrays.copyOfRange(lambda, 3, dim), -thr);
        assertEquals(planted, m.unstableCount(), "eigen count");
        assertEquals(planted, InstantaneousModes.unstableCount(h, tau, false), "inertia count");
        assertEquals(planted, InstantaneousModes.unstableCount(h, tau, true), "verified inertia count");
        // closer than the power estimate can resolve: only the verified count is exact
        lambda[6] = -thr * (1 + 1e-7);
        lambda[7] = -thr * (1 - 1e-7);
        d = SymmetricEigenTest.withSpectrum(SymmetricEigenTest.randomOrthogonal(dim, 4, trans), lambda);
        h = Hessian.of(DMatrixRMaj.wrap(dim, dim, d), masses);
        int eigen = InstantaneousModes.compute(h, false, 1, tau).unstableCount();
        assertEquals(eigen, InstantaneousModes.unstableCount(h, tau, true), "verified inertia count at ±1e-7 of τ·max|λ|");
    }

    @Test
    void ag2teHessiansAgainstTheEigenCount() {
        for (long seed : new long[] {21, 22, 23}) {
            for (double amp : new double[] {0.1, 0.35}) {
                Structure s = InmFixtures.distorted(2, 6.57, amp, seed);
                Hessian h = Hessian.of(s, InmFixtures.ag2te());
                int eigen = InstantaneousModes.compute(h, false, 1, InstantaneousModes.DEFAULT_ZERO_TOLERANCE).unstableCount();
                assertTrue(amp < 0.3 || eigen > 10, "the test needs unstable modes");
                assertEquals(eigen, InstantaneousModes.unstableCount(h), "seed " + seed + " amp " + amp);
                assertEquals(eigen, InstantaneousModes.unstableCount(h, InstantaneousModes.DEFAULT_ZERO_TOLERANCE, true));
                assertEquals((double) eigen / (3 * s.size() - 3), InstantaneousModes.unstableFraction(h), 0.0);
            }
        }
    }

    @Test
    void inmAnalysisUnstableFractionEqualsTheFullAnalysis() {
        Structure s = InmFixtures.distorted(2, 6.57, 0.3, 31);
        InmSnapshot full = InmAnalysis.analyze(s, InmFixtures.ag2te(), InmAnalysis.Options.defaults().withVectors(false));
        assertTrue(full.unstable() > 0);
        assertEquals(full.fu(), InmAnalysis.unstableFraction(s, InmFixtures.ag2te(), InstantaneousModes.DEFAULT_ZERO_TOLERANCE), 0.0);
    }

    @Test
    void ag2teHessianWithTheJavaLapack() {
        Hessian h = Hessian.of(InmFixtures.distorted(2, 6.57, 0.35, 24), InmFixtures.ag2te());
        InstantaneousModes m = InstantaneousModes.compute(h, false, 1, InstantaneousModes.DEFAULT_ZERO_TOLERANCE);
        DMatrixRMaj a = h.massWeighted();
        double[] t = InstantaneousModes.translationWeights(h.masses());
        InstantaneousModes.projectTranslations(a, t);
        double rho = InertiaCount.powerEstimate(a.data, a.numRows, t, 30);
        double max = Math.max(Math.abs(m.eigenvalue(0)), Math.abs(m.eigenvalue(m.modeCount() - 1)));
        assertTrue(rho <= max * (1 + 1e-12) && rho > 0.5 * max, "power estimate " + rho + " vs max|λ| " + max);
        for (LAPACK lapack : lapacks()) {
            assertEquals(m.unstableCount(), InertiaCount.countBelow(lapack, a.data, a.numRows, m.zeroThreshold()),
                    lapack.getClass().getSimpleName());
        }
    }

    @Test
    void nativeLapackLoadsHere() {
        assumeTrue(LapackEigen.nativeAvailable(), "native LAPACK not loadable (install libopenblas0 / liblapack3): "
                + LapackEigen.nativeUnavailableReason());
        assertTrue(LapackEigen.nativeInstance().isNative());
    }
}
