package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.structure.Structure;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * Sylvester's law of inertia: D = M^{-1/2} H M^{-1/2} is congruent to H, so both have the same numbers
 * of negative, zero and positive eigenvalues; only the values differ. An exact check of the INM count.
 */
class InmSylvesterTest {

    static double[] eigenvalues(DMatrixRMaj a) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false, true);
        assertTrue(eig.decompose(a.copy()));
        double[] v = new double[a.numRows];
        for (int k = 0; k < v.length; k++) {
            v[k] = eig.getEigenvalue(k).real;
        }
        Arrays.sort(v);
        return v;
    }

    /** {negative, zero, positive} with |λ| ≤ 1e-10·max|λ| counted as zero. */
    static int[] inertia(double[] v) {
        double max = Math.max(Math.abs(v[0]), Math.abs(v[v.length - 1]));
        int[] c = new int[3];
        for (double x : v) {
            c[Math.abs(x) <= 1e-10 * max ? 1 : x < 0 ? 0 : 2]++;
        }
        return c;
    }

    @Test
    void plainAndMassWeightedHessiansHaveTheSameNumberOfNegativeEigenvalues() {
        for (long seed : new long[] {21, 22}) {
            Structure s = InmFixtures.distorted(2, 6.57, 0.35, seed); // strongly distorted: many unstable modes
            Hessian h = Hessian.of(s, InmFixtures.ag2te());
            int[] plain = inertia(eigenvalues(h.matrix()));
            int[] weighted = inertia(eigenvalues(h.massWeighted()));
            InstantaneousModes m = InstantaneousModes.compute(h, false);
            assertTrue(plain[0] > 10, "the test needs negative eigenvalues, got " + plain[0]);
            assertEquals(3, plain[1], "three zero (translation) eigenvalues of H");
            assertEquals(3, weighted[1], "three zero (translation) eigenvalues of D");
            assertEquals(plain[0], weighted[0], "negative eigenvalues of H and of D");
            assertEquals(plain[2], weighted[2], "positive eigenvalues of H and of D");
            assertEquals(plain[0], m.unstableCount(), "INM unstable count equals the inertia of H");
            // the spectra themselves differ (the masses differ): only the signs are invariant
            double[] a = eigenvalues(h.matrix()), b = eigenvalues(h.massWeighted());
            assertTrue(Math.abs(a[0] / b[0] - 1) > 0.5, "values are not invariant, only their signs");
        }
    }
}
