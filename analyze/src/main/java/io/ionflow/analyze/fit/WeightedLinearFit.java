package io.ionflow.analyze.fit;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Weighted linear least squares y − o = X·β with independent Gaussian errors σ (the common core of
 * every fit in this package; all of them are linear in log space).
 *
 * <p>The whitened system (X/σ)·β = (y − o)/σ is solved by a singular-value decomposition (EJML), after
 * scaling each column to unit root-mean-square so that columns such as {@code 1} and {@code 1/(k_B T)}
 * (≈ 20 eV⁻¹) are on a common footing. Cov β = (XᵀWX)⁻¹ = V·S⁻²·Vᵀ (in the scaled basis, transformed
 * back). A singular value below 1e-10 of the largest means the parameters are not identifiable from
 * these points: the fit is refused.
 *
 * <p>χ² = Σ ((y − o − Xβ)/σ)², dof = n − p. When {@code scaleErrors} is set, dof ≥ 1 and χ²/dof &gt; 1, the
 * covariance is multiplied by χ²/dof (the "Birge ratio" inflation: the scatter is larger than the
 * quoted errors claim, so the errors are taken to be underestimated by a common factor); it is never
 * shrunk when χ²/dof &lt; 1.
 */
final class WeightedLinearFit {
    private WeightedLinearFit() {}

    /**
     * @param beta        parameters
     * @param cov         their covariance (already inflated when {@code errorsScaled})
     * @param chi2        χ² with the input errors (before any inflation)
     * @param dof         n − p
     * @param errorsScaled whether cov was multiplied by χ²/dof
     */
    record Result(double[] beta, double[][] cov, double chi2, int dof, boolean errorsScaled) {
        double chi2PerDof() {
            return dof >= 1 ? chi2 / dof : Double.NaN;
        }

        double se(int j) {
            return Math.sqrt(cov[j][j]);
        }

        /** Variance of the linear combination a·β. */
        double variance(double[] a) {
            double v = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    v += a[i] * cov[i][j] * a[j];
                }
            }
            return v;
        }
    }

    /**
     * @param x           design matrix, x[i] is row i (n × p, n ≥ p)
     * @param y           responses
     * @param offset      fixed offsets o (null = 0)
     * @param sigma       standard errors of y − o, all &gt; 0
     * @param scaleErrors inflate the covariance by χ²/dof when that exceeds 1
     * @return the fit
     * @throws IllegalArgumentException if n &lt; p or the design is rank deficient
     */
    static Result fit(double[][] x, double[] y, double[] offset, double[] sigma, boolean scaleErrors) {
        int n = y.length;
        int p = x.length == 0 ? 0 : x[0].length;
        if (p == 0 || n < p) {
            throw new IllegalArgumentException("need at least " + p + " points for " + p + " parameters, got " + n);
        }
        double[] colScale = columnScales(x, sigma, n, p);
        DMatrixRMaj a = new DMatrixRMaj(n, p);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                a.set(i, j, x[i][j] / sigma[i] / colScale[j]);
            }
            b[i] = (y[i] - (offset == null ? 0 : offset[i])) / sigma[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, p, true, true, true);
        if (!svd.decompose(a.copy())) {
            throw new IllegalArgumentException("singular-value decomposition failed");
        }
        double[] s = svd.getSingularValues();
        DMatrixRMaj u = svd.getU(null, false); // n × k
        DMatrixRMaj v = svd.getV(null, false); // p × k
        int k = svd.numberOfSingularValues();
        checkRank(s, k, p);
        double[] betaScaled = new double[p];
        for (int m = 0; m < k; m++) {
            double utb = 0;
            for (int i = 0; i < n; i++) {
                utb += u.get(i, m) * b[i];
            }
            for (int j = 0; j < p; j++) {
                betaScaled[j] += v.get(j, m) * utb / s[m];
            }
        }
        double chi2 = 0;
        for (int i = 0; i < n; i++) {
            double r = b[i];
            for (int j = 0; j < p; j++) {
                r -= a.get(i, j) * betaScaled[j];
            }
            chi2 += r * r;
        }
        int dof = n - p;
        boolean scaled = scaleErrors && dof >= 1 && chi2 / dof > 1;
        double factor = scaled ? chi2 / dof : 1;
        double[] beta = new double[p];
        double[][] cov = new double[p][p];
        for (int j = 0; j < p; j++) {
            beta[j] = betaScaled[j] / colScale[j];
            for (int l = 0; l < p; l++) {
                double c = 0;
                for (int m = 0; m < k; m++) {
                    c += v.get(j, m) * v.get(l, m) / (s[m] * s[m]);
                }
                cov[j][l] = factor * c / (colScale[j] * colScale[l]);
            }
        }
        return new Result(beta, cov, chi2, dof, scaled);
    }

    /** Root-mean-square of each weighted design column (the columns are scaled to 1 before the SVD). */
    private static double[] columnScales(double[][] x, double[] sigma, int n, int p) {
        double[] colScale = new double[p];
        for (int i = 0; i < n; i++) {
            if (!(sigma[i] > 0) || !Double.isFinite(sigma[i])) {
                throw new IllegalArgumentException("point " + i + ": standard error must be finite and > 0, got " + sigma[i]);
            }
            for (int j = 0; j < p; j++) {
                double a = x[i][j] / sigma[i];
                colScale[j] += a * a;
            }
        }
        for (int j = 0; j < p; j++) {
            colScale[j] = Math.sqrt(colScale[j] / n);
            if (!(colScale[j] > 0)) {
                throw new IllegalArgumentException("design column " + j + " is identically zero: parameter not identifiable");
            }
        }
        return colScale;
    }

    /** Refuses a design whose singular values fall below 1e-10 of the largest (parameters not identifiable). */
    private static void checkRank(double[] s, int k, int p) {
        double sMax = 0;
        for (int m = 0; m < k; m++) {
            sMax = Math.max(sMax, s[m]);
        }
        for (int m = 0; m < k; m++) {
            if (!(s[m] > 1e-10 * sMax)) {
                throw new IllegalArgumentException("rank-deficient design (singular values " + java.util.Arrays.toString(s)
                        + "): the parameters are not identifiable from these points");
            }
        }
        if (k < p) {
            throw new IllegalArgumentException("rank-deficient design: " + k + " < " + p + " parameters");
        }
    }
}
