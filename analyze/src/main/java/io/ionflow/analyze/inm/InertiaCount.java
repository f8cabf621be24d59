package io.ionflow.analyze.inm;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Counting eigenvalues below a threshold without computing them, by Sylvester's law of inertia: for a
 * real symmetric A and any shift s, A + s·I = L D Lᵀ (L unit lower triangular with symmetric pivoting,
 * D block diagonal with 1×1 and 2×2 blocks; LAPACK {@code dsytrf}, Bunch–Kaufman) is a congruence, so
 * <pre>
 *   #{λ(A) &lt; −s} = #{negative eigenvalues of D}.
 * </pre>
 * A 1×1 block d contributes 1 when d &lt; 0; a 2×2 block [[a, b], [b, c]] contributes 1 when
 * ac − b² &lt; 0, 2 when ac − b² &gt; 0 and a &lt; 0, 0 when ac − b² &gt; 0 and a &gt; 0, and
 * [a + c &lt; 0] when ac − b² = 0. An eigenvalue exactly at −s gives a zero pivot and is not counted
 * (strict inequality). The factorisation costs n³/3 flops against ≈ 4n³/3 + O(n²) for the eigenvalues
 * ({@code dsytrd} + {@code dsterf}), and it is BLAS-3 rich where the tridiagonalisation is half BLAS-2.
 *
 * <p>Round-off: the computed inertia is that of A + s·I + E with ‖E‖ ≈ c·n·ε·g·‖A‖ (g the Bunch–Kaufman
 * growth factor), the same order as the eigenvalue errors of a backward-stable eigen-solver; a count can
 * only differ from an eigenvalue count for an eigenvalue within that distance of −s.
 */
public final class InertiaCount {
    private InertiaCount() {}

    /** @return the LAPACK used by default: native if it loads, else the pure-Java F2J translation */
    public static LAPACK defaultLapack() {
        return LapackEigen.nativeAvailable() ? LapackEigen.nativeInstance().lapack() : LapackEigen.javaInstance().lapack();
    }

    /**
     * Number of eigenvalues of a symmetric matrix strictly below −s.
     *
     * @param lapack the LAPACK implementation
     * @param a      row-major n×n symmetric matrix (not modified), units U
     * @param n      the order
     * @param shift  s, units U (a threshold −s: s &gt; 0 counts λ &lt; −s)
     * @return #{k : λ_k &lt; −s}
     * @throws IllegalStateException if dsytrf reports an illegal argument
     */
    public static int countBelow(LAPACK lapack, double[] a, int n, double shift) {
        return countBelowInPlace(lapack, a.clone(), n, shift);
    }

    /**
     * As {@link #countBelow} but factors {@code f} in place (no copy of the n² matrix).
     *
     * @param lapack the LAPACK implementation
     * @param f      row-major n×n symmetric matrix; overwritten by the factorisation
     * @param n      the order
     * @param shift  s, in the units of the matrix
     * @return #{k : λ_k &lt; −s}
     */
    public static int countBelowInPlace(LAPACK lapack, double[] f, int n, double shift) {
        for (int k = 0; k < n; k++) {
            f[k * n + k] += shift;
        }
        int[] ipiv = new int[n];
        double[] wq = new double[1];
        intW info = new intW(0);
        // a symmetric row-major matrix read column-major is itself; "L" = its lower triangle
        lapack.dsytrf("L", n, f, Math.max(1, n), ipiv, wq, -1, info);
        int lwork = Math.max(1, (int) Math.ceil(wq[0]));
        lapack.dsytrf("L", n, f, Math.max(1, n), ipiv, new double[lwork], lwork, info);
        if (info.val < 0) {
            throw new IllegalStateException("LAPACK dsytrf: illegal argument " + (-info.val));
        }
        // info > 0: an exactly zero 1×1 pivot (an eigenvalue exactly at −s); D is still complete
        return negativePivots(f, n, ipiv);
    }

    /**
     * Negative eigenvalues of D from a {@code dsytrf("L")} result (column-major, 1-based ipiv).
     *
     * @param f    the factored matrix, column-major (D on the diagonal and first sub-diagonal)
     * @param n    the order
     * @param ipiv the pivot vector from dsytrf
     * @return the number of negative eigenvalues of D
     */
    static int negativePivots(double[] f, int n, int[] ipiv) {
        int neg = 0;
        int k = 0;
        while (k < n) {
            if (ipiv[k] > 0) {
                if (f[k * n + k] < 0) {
                    neg++;
                }
                k++;
            } else { // 2×2 block in rows/columns k, k+1 (ipiv[k] = ipiv[k+1] < 0)
                double p = f[k * n + k], b = f[k * n + k + 1], q = f[(k + 1) * n + k + 1];
                double det = Math.fma(p, q, -b * b);
                if (det < 0) {
                    neg += 1;
                } else if (det > 0) {
                    neg += p < 0 ? 2 : 0;
                } else {
                    neg += p + q < 0 ? 1 : 0;
                }
                k += 2;
            }
        }
        return neg;
    }

    /**
     * An estimate ρ of max|λ| of a symmetric A on the complement of the mass-weighted translations, by
     * power iteration from a fixed start vector re-projected onto that complement at every step: the
     * Rayleigh quotient |ρ| ≤ max|λ| (a lower bound), stopped when it changes by less than 1e-2
     * relative (it only scales the zero threshold τ·ρ) or after {@code maxIterations}. Cost: one n² matrix-vector product per iteration.
     *
     * @param a             row-major n×n symmetric matrix, units U
     * @param n             the order (3N)
     * @param t             translation weights √m_i/√M per atom, or null for no projection
     * @param maxIterations at most this many products
     * @return |ρ|, units U
     */
    public static double powerEstimate(double[] a, int n, double[] t, int maxIterations) {
        double[] v = new double[n];
        long seed = 0x9E3779B97F4A7C15L;
        for (int k = 0; k < n; k++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            v[k] = ((seed >>> 11) * 0x1.0p-53) - 0.5;
        }
        double[] w = new double[n];
        double rho = 0;
        for (int it = 0; it < maxIterations; it++) {
            removeTranslations(v, t);
            double norm = Math.sqrt(dot(v, v, n));
            if (norm == 0) {
                return 0;
            }
            for (int k = 0; k < n; k++) {
                v[k] /= norm;
            }
            for (int r = 0; r < n; r++) {
                w[r] = dotRow(a, r * n, v, n);
            }
            double next = dot(v, w, n);
            boolean done = it > 2 && Math.abs(Math.abs(next) - Math.abs(rho)) < 1e-2 * Math.abs(next);
            rho = next;
            double[] tmp = v;
            v = w;
            w = tmp;
            if (done) {
                break;
            }
        }
        return Math.abs(rho);
    }

    private static void removeTranslations(double[] v, double[] t) {
        if (t == null) {
            return;
        }
        double sx = 0, sy = 0, sz = 0;
        for (int i = 0; i < t.length; i++) {
            sx += t[i] * v[3 * i];
            sy += t[i] * v[3 * i + 1];
            sz += t[i] * v[3 * i + 2];
        }
        for (int i = 0; i < t.length; i++) {
            v[3 * i] -= sx * t[i];
            v[3 * i + 1] -= sy * t[i];
            v[3 * i + 2] -= sz * t[i];
        }
    }

    private static double dot(double[] x, double[] y, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    private static double dotRow(double[] a, int off, double[] v, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[off + k] * v[k];
            s1 += a[off + k + 1] * v[k + 1];
            s2 += a[off + k + 2] * v[k + 2];
            s3 += a[off + k + 3] * v[k + 3];
        }
        for (; k < n; k++) {
            s0 += a[off + k] * v[k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
