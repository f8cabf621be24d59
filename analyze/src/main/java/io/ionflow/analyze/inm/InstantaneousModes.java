package io.ionflow.analyze.inm;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * Instantaneous normal modes: the eigen-decomposition of the mass-weighted Hessian D (see
 * {@link Hessian}) with the three uniform translations removed by projection.
 *
 * <p><b>Translations.</b> With the orthonormal mass-weighted translations t_c (c = x, y, z;
 * t_c[3i+c] = √m_i / √M), P = I − Σ_c t_c t_cᵀ and the decomposed matrix is
 * <pre>
 *   A = P D P + σ Σ_c t_c t_cᵀ,   σ = 1 + 2·max_r Σ_c |D_rc|   (a Gershgorin bound on ‖D‖₂).
 * </pre>
 * The translation space is then an exact invariant subspace of A with eigenvalue σ, strictly above the
 * 3N − 3 internal eigenvalues (those of P D P on the complement), so nothing can mix with it even when
 * a soft internal mode is degenerate with zero. With eigenvectors, the three dropped vectors are the three
 * with the largest overlap Σ_c (t_c·e)² with the translations (reported by
 * {@link #translationOverlapMin()}, ≈ 1); without eigenvectors, the three eigenvalues equal to σ
 * (checked to 1e-8 relative) are dropped. The remaining 3N − 3 eigenvectors are orthonormal and
 * orthogonal to every translation.
 *
 * <p><b>Units and signs.</b> Eigenvalues λ are in eV/(Å²·amu), ω² = λ·FORCE_TO_ACCEL in ps⁻², and the
 * frequency ν = sign(λ)·√|ω²|/2π in THz: unstable (imaginary) modes are reported as negative ν. A mode
 * is unstable when λ &lt; −τ·max|λ|, with the relative zero tolerance τ (default
 * {@value #DEFAULT_ZERO_TOLERANCE}; far below any physical frequency, far above round-off).
 *
 * <p><b>Backend.</b> {@link SymmetricEigen#current()}: LAPACK {@code dsyevd} ({@link LapackEigen}) when the
 * system's native LAPACK (OpenBLAS / liblapack3) loads, EJML ({@link EjmlEigen}) otherwise;
 * {@code -Dionflow.eigen=auto|lapack|ejml} forces a choice. Both give the same modes to round-off
 * (SymmetricEigenTest). Only the unstable count, without any eigenvalue, is
 * {@link #unstableCount(Hessian)} (Sylvester's law of inertia, {@link InertiaCount}). Native OpenBLAS
 * threads itself ({@code OPENBLAS_NUM_THREADS}); when every core already runs one snapshot (the Spark
 * modes job, one snapshot per task), {@code OPENBLAS_NUM_THREADS=1} avoids oversubscription.
 *
 * <p><b>EJML solver.</b> EJML's symmetric eigen-decomposition: Householder tridiagonalisation then implicit
 * symmetric QR, values only or with vectors. On one thread the default is
 * {@code DecompositionFactory_DDRM.eig(n, vectors, true)} ({@link Solver#FACTORY}); the block
 * tridiagonalisation at every size ({@link Solver#BLOCK_TRIDIAGONAL}) can be asked for. With
 * {@code threads > 1} the multi-threaded
 * {@code DecompositionFactory_MT_DDRM} is used, after {@link EjmlConcurrency#setMaxThreads(int)} (a
 * JVM-wide EJML setting). For many snapshots, one snapshot per thread on one EJML thread each scales
 * better than a multi-threaded decomposition.
 */
public final class InstantaneousModes {
    /**
     * Which EJML symmetric eigen-solver to use. All give the same modes to round-off; they differ in speed.
     */
    public enum Solver {
        /**
         * EJML's factory choice: {@code DecompositionFactory_DDRM.eig(n, vectors, true)} on one thread
         * (row-major Householder tridiagonalisation below n = 1800, block above), or
         * {@code DecompositionFactory_MT_DDRM.eig} on more threads.
         */
        FACTORY,
        /**
         * Block (cache-friendly) Householder tridiagonalisation at every size
         * ({@code TridiagonalDecomposition_DDRB_to_DDRM}) followed by the same implicit symmetric QR;
         * single-threaded only (with more threads {@link #FACTORY}'s multi-threaded solver is used).
         */
        BLOCK_TRIDIAGONAL
    }

    /** Default relative tolerance τ below which |λ| counts as zero (not unstable). */
    public static final double DEFAULT_ZERO_TOLERANCE = 1e-10;

    /**
     * The single-thread solver used when none is named: EJML's {@link Solver#FACTORY} choice. The block
     * variant measured −15 %, 0 % and +10 % CPU time against it in three runs at 384 atoms and equal at
     * 768 (docs/benchmarks.md, "INM (Hessian + eigen)"): no consistent gain, so the factory stays.
     */
    public static final Solver DEFAULT_SOLVER = Solver.FACTORY;

    private final double[] masses;
    private final double[] lambda;      // ascending, length 3N − 3
    private final DMatrixRMaj vectors;  // (3N − 3) × 3N, row k = eigenvector of lambda[k]; null if values only
    private final double zeroTolerance;
    private final double translationOverlapMin;
    private final double maxInternalTranslationOverlap;
    private final double zeroThreshold;

    private InstantaneousModes(double[] masses, double[] lambda, DMatrixRMaj vectors, double zeroTolerance,
                               double translationOverlapMin, double maxInternalTranslationOverlap) {
        this.masses = masses;
        this.lambda = lambda;
        this.vectors = vectors;
        this.zeroTolerance = zeroTolerance;
        this.translationOverlapMin = translationOverlapMin;
        this.maxInternalTranslationOverlap = maxInternalTranslationOverlap;
        double max = 0;
        for (double l : lambda) {
            max = Math.max(max, Math.abs(l));
        }
        this.zeroThreshold = zeroTolerance * max;
    }

    /** Single-threaded decomposition with the default zero tolerance. */
    public static InstantaneousModes compute(Hessian h, boolean vectors) {
        return compute(h, vectors, 1, DEFAULT_ZERO_TOLERANCE);
    }

    /** Decomposition on {@code threads} threads with the default zero tolerance. */
    public static InstantaneousModes compute(Hessian h, boolean vectors, int threads) {
        return compute(h, vectors, threads, DEFAULT_ZERO_TOLERANCE);
    }

    /**
     * Decomposes the mass-weighted Hessian with the translations projected out.
     *
     * @param h             the Cartesian Hessian and masses
     * @param vectors       also compute the eigenvectors
     * @param threads       1 for the serial EJML solver, &gt; 1 for EJML's multi-threaded one (ignored by
     *                      native LAPACK, which uses OpenBLAS's threads)
     * @param zeroTolerance relative tolerance τ for "unstable" (λ &lt; −τ·max|λ|)
     * @see SymmetricEigen#current() the backend ({@value SymmetricEigen#PROPERTY})
     */
    public static InstantaneousModes compute(Hessian h, boolean vectors, int threads, double zeroTolerance) {
        return compute(h, vectors, zeroTolerance, backend(threads));
    }

    /**
     * As {@link #compute(Hessian, boolean, int, double)} with EJML and an explicit single-thread solver
     * variant (whatever {@value SymmetricEigen#PROPERTY} says).
     */
    public static InstantaneousModes compute(Hessian h, boolean vectors, int threads, double zeroTolerance,
                                             Solver solver) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return compute(h, vectors, zeroTolerance, new EjmlEigen(threads, solver));
    }

    /**
     * The default backend for {@code threads}: {@link SymmetricEigen#current()}; when that is EJML and
     * {@code threads > 1}, EJML's multi-threaded solver (native LAPACK threads itself, OpenBLAS's
     * {@code OPENBLAS_NUM_THREADS}).
     */
    static SymmetricEigen backend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        SymmetricEigen e = SymmetricEigen.current();
        return e instanceof EjmlEigen && threads > 1 ? new EjmlEigen(threads, DEFAULT_SOLVER) : e;
    }

    /**
     * Decomposes the mass-weighted Hessian with the translations projected out, with a given eigen-solver.
     *
     * @param h             the Cartesian Hessian and masses
     * @param vectors       also compute the eigenvectors
     * @param zeroTolerance relative tolerance τ for "unstable" (λ &lt; −τ·max|λ|)
     * @param eigen         the symmetric eigen-solver
     */
    public static InstantaneousModes compute(Hessian h, boolean vectors, double zeroTolerance, SymmetricEigen eigen) {
        if (!(zeroTolerance >= 0)) {
            throw new IllegalArgumentException("zero tolerance must be >= 0, got " + zeroTolerance);
        }
        double[] m = h.masses();
        int n = m.length;
        if (n < 2) {
            throw new IllegalArgumentException("normal modes need at least 2 atoms, got " + n);
        }
        int dim = 3 * n;
        DMatrixRMaj a = h.massWeighted();
        double[] t = translationWeights(m); // t_c[3i+c] = t[i]
        double sigma = projectTranslations(a, t);
        SymmetricEigen.Result r = eigen.decompose(a.data, dim, vectors);
        return vectors ? withVectors(m, r, t, dim, zeroTolerance) : valuesOnly(m, r.values(), sigma, dim, zeroTolerance);
    }

    /** Values only: drops the three eigenvalues equal to the translation shift σ. */
    private static InstantaneousModes valuesOnly(double[] m, double[] all, double sigma, int dim, double zeroTolerance) {
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        for (int k = dim - 3; k < dim; k++) {
            if (Math.abs(sorted[k] - sigma) > 1e-8 * sigma) {
                throw new IllegalStateException("translation eigenvalue " + sorted[k] + " differs from the shift " + sigma);
            }
        }
        return new InstantaneousModes(m, Arrays.copyOf(sorted, dim - 3), null, zeroTolerance, Double.NaN, Double.NaN);
    }

    /**
     * With vectors: drops the three eigenvectors with the largest translation overlap and sorts the rest
     * by eigenvalue.
     */
    private static InstantaneousModes withVectors(double[] m, SymmetricEigen.Result r, double[] t, int dim,
                                                  double zeroTolerance) {
        double[] all = r.values();
        double[] v = r.vectors();
        int count = all.length;
        double[] overlap = new double[count];
        double[] row = new double[dim];
        for (int k = 0; k < count; k++) {
            System.arraycopy(v, k * dim, row, 0, dim);
            overlap[k] = translationOverlap(row, t);
        }
        Integer[] byOverlap = new Integer[count];
        for (int k = 0; k < count; k++) {
            byOverlap[k] = k;
        }
        Arrays.sort(byOverlap, (p, q) -> Double.compare(overlap[q], overlap[p]));
        boolean[] drop = new boolean[count];
        double ovMin = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            drop[byOverlap[k]] = true;
            ovMin = Math.min(ovMin, overlap[byOverlap[k]]);
        }
        Integer[] kept = new Integer[dim - 3];
        double ovMaxInternal = 0;
        for (int k = 0, c = 0; k < count; k++) {
            if (!drop[k]) {
                kept[c++] = k;
                ovMaxInternal = Math.max(ovMaxInternal, overlap[k]);
            }
        }
        Arrays.sort(kept, (p, q) -> Double.compare(all[p], all[q]));
        double[] lam = new double[dim - 3];
        DMatrixRMaj vec = new DMatrixRMaj(dim - 3, dim);
        for (int c = 0; c < dim - 3; c++) {
            lam[c] = all[kept[c]];
            System.arraycopy(v, kept[c] * dim, vec.data, c * dim, dim);
        }
        return new InstantaneousModes(m, lam, vec, zeroTolerance, ovMin, ovMaxInternal);
    }

    /** Power iterations at most for the max|λ| estimate of {@link #unstableCount(Hessian, double, boolean)}. */
    static final int POWER_ITERATIONS = 30;

    /** {@link #unstableCount(Hessian, double, boolean)} with the default tolerance, not verified. */
    public static int unstableCount(Hessian h) {
        return unstableCount(h, DEFAULT_ZERO_TOLERANCE, false);
    }

    /** f_u = n_u / (3N − 3) from {@link #unstableCount(Hessian)}. */
    public static double unstableFraction(Hessian h) {
        return (double) unstableCount(h) / (3 * h.masses().length - 3);
    }

    /**
     * The number of unstable modes n_u without eigenvalues (Sylvester's law of inertia, {@link InertiaCount}):
     * the negative pivots of the LDLᵀ factorisation of A + s·I, with A = P D P + σ T Tᵀ the matrix that
     * {@link #compute} decomposes (the translations sit at σ &gt; 0 and are never counted).
     *
     * <p><b>Tolerance → shift.</b> The eigen path counts λ &lt; −τ·M with M = max|λ| over the 3N − 3
     * internal modes. Here M is estimated by power iteration on the translation-free complement
     * ({@link InertiaCount#powerEstimate}, ≤ {@value #POWER_ITERATIONS} n² products): the Rayleigh quotient
     * ρ ≤ M, and the shift is s = τ·ρ. The count can therefore exceed the eigen count only by eigenvalues
     * in [−τM, −τρ), i.e. within τ·M of zero. With {@code verified}, a second factorisation at the
     * Gershgorin bound U = max_r Σ_c |D_rc| ≥ M gives a lower count; when both agree the count equals the
     * eigen count exactly, otherwise the eigenvalues are computed (values only) and counted.
     *
     * @param h             the Cartesian Hessian and masses
     * @param zeroTolerance relative tolerance τ, as in {@link #compute(Hessian, boolean, int, double)}
     * @param verified      bracket the threshold between ρ and U (at most twice the cost) and fall back to
     *                      the eigenvalues when the brackets disagree
     * @return n_u
     */
    public static int unstableCount(Hessian h, double zeroTolerance, boolean verified) {
        if (!(zeroTolerance >= 0)) {
            throw new IllegalArgumentException("zero tolerance must be >= 0, got " + zeroTolerance);
        }
        double[] m = h.masses();
        if (m.length < 2) {
            throw new IllegalArgumentException("normal modes need at least 2 atoms, got " + m.length);
        }
        int dim = 3 * m.length;
        DMatrixRMaj a = h.massWeighted();
        double[] t = translationWeights(m);
        double sigma = projectTranslations(a, t);
        double rho = InertiaCount.powerEstimate(a.data, dim, t, POWER_ITERATIONS);
        dev.ludovic.netlib.lapack.LAPACK lapack = InertiaCount.defaultLapack();
        if (!verified) {
            return InertiaCount.countBelowInPlace(lapack, a.data, dim, zeroTolerance * rho);
        }
        int high = InertiaCount.countBelow(lapack, a.data, dim, zeroTolerance * rho);
        double gershgorin = (sigma - 1) / 2;
        int low = InertiaCount.countBelow(lapack, a.data, dim, zeroTolerance * gershgorin);
        return low == high ? high : compute(h, false, 1, zeroTolerance).unstableCount();
    }

    /**
     * The matrix {@link #compute} hands to the eigen-solver: A = P D P + σ T Tᵀ (mass-weighted Hessian,
     * translations moved to σ), row-major 3N×3N, eV/(Å²·amu) (benchmarks, tests).
     */
    public static double[] projectedMatrix(Hessian h) {
        DMatrixRMaj a = h.massWeighted();
        projectTranslations(a, translationWeights(h.masses()));
        return a.data;
    }

    /** √m_i / √M for every atom (the entries of the normalised mass-weighted translations). */
    static double[] translationWeights(double[] m) {
        double total = 0;
        for (double mi : m) {
            total += mi;
        }
        double[] t = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            t[i] = Math.sqrt(m[i] / total);
        }
        return t;
    }

    /** Σ_c (t_c · e)² for a 3N vector e. */
    static double translationOverlap(double[] e, double[] t) {
        double sx = 0, sy = 0, sz = 0;
        for (int i = 0; i < t.length; i++) {
            sx += t[i] * e[3 * i];
            sy += t[i] * e[3 * i + 1];
            sz += t[i] * e[3 * i + 2];
        }
        return sx * sx + sy * sy + sz * sz;
    }

    /**
     * Replaces D by P D P + σ T Tᵀ in place (T = [t_x t_y t_z]) and returns σ. With U = D T and
     * W = Tᵀ U: P D P = D − U Tᵀ − T Uᵀ + T W Tᵀ. The result is symmetrised exactly.
     */
    static double projectTranslations(DMatrixRMaj d, double[] t) {
        int dim = d.numRows;
        int n = dim / 3;
        double[] a = d.data;
        double gersh = 0;
        double[] u = new double[dim * 3]; // u[r*3+c] = (D t_c)_r
        for (int r = 0; r < dim; r++) {
            int row = r * dim;
            double rowSum = 0, u0 = 0, u1 = 0, u2 = 0;
            for (int i = 0; i < n; i++) {
                int b = row + 3 * i;
                double ti = t[i];
                u0 += a[b] * ti;
                u1 += a[b + 1] * ti;
                u2 += a[b + 2] * ti;
                rowSum += Math.abs(a[b]) + Math.abs(a[b + 1]) + Math.abs(a[b + 2]);
            }
            u[3 * r] = u0;
            u[3 * r + 1] = u1;
            u[3 * r + 2] = u2;
            gersh = Math.max(gersh, rowSum);
        }
        double[] w = new double[9]; // W_cd = t_c · U_d
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int e = 0; e < 3; e++) {
                    w[3 * c + e] += t[i] * u[3 * (3 * i + c) + e];
                }
            }
        }
        double sigma = 1 + 2 * gersh;
        // (T X)_{r} for row r = 3i+c: t_i · X_c (only component c of atom i is non-zero in t_c). Per element
        // (s = 3j+e): − (U Tᵀ)_{rs} − (T Uᵀ)_{rs} + (T W Tᵀ)_{rs} + σ (T Tᵀ)_{rs}
        //   = t_j·(t_i·(W_ce + σ δ_ce) − U_{r,e}) − t_i·U_{s,c}
        double[] wc = new double[3];
        for (int r = 0; r < dim; r++) {
            int cr = r % 3;
            double tr = t[r / 3];
            int row = r * dim;
            double ur0 = u[3 * r], ur1 = u[3 * r + 1], ur2 = u[3 * r + 2];
            for (int e = 0; e < 3; e++) {
                wc[e] = tr * (w[3 * cr + e] + (cr == e ? sigma : 0));
            }
            double wc0 = wc[0], wc1 = wc[1], wc2 = wc[2];
            for (int j = 0; j < n; j++) {
                int b = row + 3 * j;
                int us = 9 * j + cr; // u[3·(3j+e) + cr] = u[us + 3e]
                double ts = t[j];
                a[b] += ts * (wc0 - ur0) - tr * u[us];
                a[b + 1] += ts * (wc1 - ur1) - tr * u[us + 3];
                a[b + 2] += ts * (wc2 - ur2) - tr * u[us + 6];
            }
        }
        Hessian.symmetrise(d);
        return sigma;
    }

    /** Number of atoms N. */
    public int atoms() {
        return masses.length;
    }

    /** Number of internal modes, 3N − 3. */
    public int modeCount() {
        return lambda.length;
    }

    /** Masses, amu (copy). */
    public double[] masses() {
        return masses.clone();
    }

    /** Eigenvalues of D on the translation-free subspace, ascending, eV/(Å²·amu) (copy). */
    public double[] eigenvalues() {
        return lambda.clone();
    }

    /** Eigenvalue k, eV/(Å²·amu). */
    public double eigenvalue(int k) {
        return lambda[k];
    }

    /** ω² in ps⁻², ascending. */
    public double[] omega2() {
        double[] w = new double[lambda.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = Hessian.omega2(lambda[k]);
        }
        return w;
    }

    /**
     * Signed frequencies ν in THz, ascending (imaginary as negative); a mode with |λ| ≤ τ·max|λ| is
     * reported as exactly 0, so the sign of ν always agrees with {@link #isUnstable(int)}.
     */
    public double[] frequenciesThz() {
        double[] f = new double[lambda.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = Math.abs(lambda[k]) <= zeroThreshold ? 0 : Hessian.frequencyThz(lambda[k]);
        }
        return f;
    }

    /** The relative zero tolerance τ. */
    public double zeroTolerance() {
        return zeroTolerance;
    }

    /** The absolute threshold τ·max|λ|, eV/(Å²·amu). */
    public double zeroThreshold() {
        return zeroThreshold;
    }

    /** True when mode k is unstable (λ_k &lt; −τ·max|λ|). */
    public boolean isUnstable(int k) {
        return lambda[k] < -zeroThreshold;
    }

    /** Unstable-mode flags for all modes. */
    public boolean[] unstableMask() {
        double thr = zeroThreshold;
        boolean[] u = new boolean[lambda.length];
        for (int k = 0; k < u.length; k++) {
            u[k] = lambda[k] < -thr;
        }
        return u;
    }

    /** Number of unstable modes. */
    public int unstableCount() {
        double thr = zeroThreshold;
        int c = 0;
        for (double l : lambda) {
            if (l < -thr) {
                c++;
            }
        }
        return c;
    }

    /** True when eigenvectors were computed. */
    public boolean hasVectors() {
        return vectors != null;
    }

    /** Eigenvector k (unit length, mass-weighted, 3N entries) as a copy. */
    public double[] vector(int k) {
        requireVectors();
        int dim = vectors.numCols;
        return Arrays.copyOfRange(vectors.data, k * dim, (k + 1) * dim);
    }

    /** The (3N − 3) × 3N matrix whose row k is eigenvector k (live; do not modify). */
    public DMatrixRMaj vectorsByRow() {
        requireVectors();
        return vectors;
    }

    /** Smallest translation overlap among the three dropped eigenvectors (≈ 1; NaN without vectors). */
    public double translationOverlapMin() {
        return translationOverlapMin;
    }

    /** Largest translation overlap among the kept eigenvectors (≈ 0; NaN without vectors). */
    public double maxInternalTranslationOverlap() {
        return maxInternalTranslationOverlap;
    }

    void requireVectors() {
        if (vectors == null) {
            throw new IllegalStateException("eigenvectors were not computed (values-only decomposition)");
        }
    }
}
