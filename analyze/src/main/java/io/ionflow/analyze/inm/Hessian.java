package io.ionflow.analyze.inm;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.Units;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.potential.PairPotential;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;
import org.ejml.data.DMatrixRMaj;

/**
 * The 3N×3N matrix of second derivatives H_{ia,jb} = ∂²E/∂x_{ia}∂x_{jb} of the potential energy at one
 * configuration (eV/Å², row/column index 3·atom + component), and its mass-weighted form
 * D = M^{-1/2} H M^{-1/2} (eV/(Å²·amu)); an eigenvalue λ of D is ω² = λ·{@link Units#FORCE_TO_ACCEL}
 * in ps⁻².
 *
 * <p><b>Analytic (any {@link PairPotential}).</b> For every pair (i, j) and every periodic image with
 * d = x_j − x_i + s·L and r = |d| ≤ {@code pairCutoff}, with r̂ = d/r, the block
 * <pre>
 *   k_ab = (V''(r) − V'(r)/r) r̂_a r̂_b + (V'(r)/r) δ_ab
 * </pre>
 * is added to the diagonal blocks (i,i) and (j,j) and subtracted from the off-diagonal blocks (i,j) and
 * (j,i) (so every diagonal block is minus the sum of its row's off-diagonal blocks). Several images of
 * the same pair simply add. An atom's interaction with its own images (small cells, r_c &gt; L/2) moves
 * rigidly with the atom, so it contributes +k +k −k −k = 0 to H and is skipped. The result is exactly
 * symmetric by construction ({@link #maxAsymmetry()} = 0).
 *
 * <p><b>Finite differences (any {@link Potential}).</b> Row k (Cartesian coordinate k = 3i + a of atom i)
 * is minus the derivative of all 3N forces along x_k, from the {@link Stencil#CENTRAL_2} central difference
 * H_{k,·} = −[F(x + h e_k) − F(x − h e_k)] / 2h (default) or the fourth-order {@link Stencil#CENTRAL_4}
 * −[−F(x+2h) + 8F(x+h) − 8F(x−h) + F(x−2h)] / 12h; default h = {@value #DEFAULT_FD_STEP} Å. Each of
 * the 6N (or 12N) force evaluations recomputes all forces through the generic {@link Potential} API, so a
 * snapshot costs O(N²); the displaced atoms are shared over the threads of a {@link Parallel}, with a
 * result identical bit for bit for any thread count. The raw matrix is symmetrised explicitly,
 * H ← (H + Hᵀ)/2; the largest |H_kl − H_lk|/2 removed is {@link #maxAsymmetry()} (eV/Å²) and
 * max|H_kl − H_lk| / max|H| is {@link #rawRelativeAsymmetry()}.
 *
 * <p><b>Step study</b> (HessianFiniteDifferenceTest#stepStudy, {@code bench.HessianFdBench}): the shipped
 * {@code conf/potentials/Ag2Te.vashishta}, a 2×2×2 antifluorite Ag2Te cell (96 atoms, a = 6.57 Å, Gaussian
 * displacements σ = 0.1 Å, {@code java.util.Random(11)}), errors against {@link #analytic} relative to the
 * largest element (max) and in the Frobenius norm (frob):
 * <pre>
 *   h (Å)   CENTRAL_2 max  frob      CENTRAL_4 max  frob
 *   1e-2    2.6e-3         1.5e-3    2.6e-3         1.4e-3
 *   3e-3    2.4e-3         1.1e-3    2.4e-3         1.1e-3
 *   1e-3    1.9e-3         9.0e-4    1.8e-3         8.5e-4
 *   3e-4    2.9e-4         1.2e-4    1.6e-4         6.5e-5
 *   1e-4    7.3e-9         7.6e-9    6.0e-12        6.6e-12
 *   3e-5    6.6e-10        6.9e-10   4.1e-11        2.9e-11
 *   1e-5    6.5e-11        8.1e-11   5.5e-11        7.0e-11
 * </pre>
 * Three regimes. (1) Cutoff crossings, h ≳ 3e-4 Å here: the Vashishta pair terms are shifted so that V and
 * V' vanish at r_c = 9 Å but V'' does not (V''(r_c⁻) = 9e-3, −1.8e-2, 3.6e-2 eV/Å² for Ag–Ag, Ag–Te,
 * Te–Te), so H jumps there. Any stencil that moves a pair across r_c averages over the jump, an error of
 * order |V''(r_c⁻)|/max|H| ~ 1e-3 that does not shrink with h or with the order of the stencil; only its
 * probability does, ∝ h (this cell's closest pair is 1.9e-4 Å from r_c). (2) Truncation, (h²/6)·|∂³E|
 * resp. (h⁴/30)·|∂⁵E|: CENTRAL_2 falls 11× from 1e-4 to 3e-5 and 10× to 1e-5 (h²). (3) Force round-off,
 * ~ε_F/h: it is the floor of CENTRAL_4 below 3e-5 (4–6e-11) and would dominate CENTRAL_2 below 1e-5
 * (9e-10 at h = 1e-6 in the same cells). The plain central difference at 1e-5 Å is at the minimum of (2)
 * plus (3), 1e-10 and five orders below the 1e-5 acceptance bound, so CENTRAL_4 (twice the cost) is not
 * needed. 1e-5 Å rather than 1e-4 Å because of (1): in 24 more disordered cells (σ ≈ 0.27 Å) four exceeded
 * 1e-5 at h = 1e-4 Å (1.5e-5 to 1.1e-4, closest pairs 7e-6 to 6e-5 Å from r_c) and one at h = 1e-5 Å
 * (1.0e-5, closest pair 7e-6 Å); the others were ≤ 5e-8 resp. ≤ 4e-10. The raw asymmetry of those cells
 * (3e-7 to 1.5e-5) underestimated a crossing error by up to 400×: {@link #rawRelativeAsymmetry()} tracks
 * the smooth error, not this one. A potential with noisier forces (ε_F ≫ 1e-15·|F|) needs a larger step.
 */
public final class Hessian {
    /**
     * A finite-difference formula for H_{k,·} = −∂F/∂x_k: the forces at x + o_q·h·e_k, weighted by w_q,
     * summed in a fixed order and divided by −(denominator·h).
     */
    public enum Stencil {
        /** −[F(x+h) − F(x−h)] / 2h: 2 force evaluations per column, truncation error (h²/6)·|∂³E|. */
        CENTRAL_2(new int[] {1, -1}, new double[] {1, -1}, 2),
        /**
         * −[−F(x+2h) + 8F(x+h) − 8F(x−h) + F(x−2h)] / 12h: 4 evaluations per column, truncation error
         * (h⁴/30)·|∂⁵E|, round-off ~1.5·ε_F/h.
         */
        CENTRAL_4(new int[] {2, 1, -1, -2}, new double[] {-1, 8, -8, 1}, 12);

        private final int[] offsets;
        private final double[] weights;
        private final double denominator;

        Stencil(int[] offsets, double[] weights, double denominator) {
            this.offsets = offsets;
            this.weights = weights;
            this.denominator = denominator;
        }

        /** Force evaluations per Cartesian column. */
        public int evaluations() {
            return offsets.length;
        }
    }

    /**
     * Default finite-difference step, Å: the minimum of truncation plus round-off error of the central
     * difference on the Vashishta Ag2Te file (≈ 1e-10 relative), ten times fewer cutoff crossings than
     * 1e-4 Å (step study in the class comment).
     */
    public static final double DEFAULT_FD_STEP = 1e-5;

    /**
     * Default finite-difference stencil: the plain central difference, whose error at the default step is
     * already at the round-off floor of the fourth-order one (step study in the class comment).
     */
    public static final Stencil DEFAULT_FD_STENCIL = Stencil.CENTRAL_2;

    private final DMatrixRMaj h;
    private final double[] massOfAtom;
    private final double maxAsymmetry;
    private final double rawRelativeAsymmetry;
    private final boolean analytic;

    private Hessian(DMatrixRMaj h, double[] massOfAtom, double maxAsymmetry, double rawRelativeAsymmetry,
                    boolean analytic) {
        this.h = h;
        this.massOfAtom = massOfAtom;
        this.maxAsymmetry = maxAsymmetry;
        this.rawRelativeAsymmetry = rawRelativeAsymmetry;
        this.analytic = analytic;
    }

    /**
     * Wraps a given Cartesian Hessian (eV/Å², 3N×3N; symmetrised here, the removed asymmetry reported).
     *
     * @param h          the matrix (copied)
     * @param massOfAtom amu per atom
     */
    public static Hessian of(DMatrixRMaj h, double[] massOfAtom) {
        int n = massOfAtom.length;
        if (h.numRows != 3 * n || h.numCols != 3 * n) {
            throw new IllegalArgumentException("Hessian must be " + 3 * n + "×" + 3 * n + " for " + n + " atoms, got "
                    + h.numRows + "×" + h.numCols);
        }
        DMatrixRMaj c = h.copy();
        double rawMax = maxAbs(c);
        double asym = symmetrise(c);
        return new Hessian(c, massOfAtom.clone(), asym, rawMax > 0 ? 2 * asym / rawMax : 0, false);
    }

    /**
     * The analytic Hessian when the potential is a {@link PairPotential}, else finite differences with the
     * default step and stencil; on one thread.
     */
    public static Hessian of(Structure s, Potential p) {
        return of(s, p, Parallel.serial());
    }

    /**
     * As {@link #of(Structure, Potential)}, the finite-difference path sharing the displaced atoms over
     * {@code par} (the analytic path is serial: it costs one neighbour-list pass).
     */
    public static Hessian of(Structure s, Potential p, Parallel par) {
        if (p instanceof PairPotential pp) {
            return analytic(s, pp);
        }
        return finiteDifference(s, p, DEFAULT_FD_STEP, DEFAULT_FD_STENCIL, par);
    }

    /**
     * Analytic Hessian of a pair potential (see the class comment).
     *
     * @param s structure (unwrapped positions, orthorhombic box; any size relative to the cutoff)
     * @param p pair potential bound to the structure's species
     */
    public static Hessian analytic(Structure s, PairPotential p) {
        checkSpecies(s, p);
        int n = s.size();
        int dim = 3 * n;
        DMatrixRMaj h = new DMatrixRMaj(dim, dim);
        double[] a = h.data;
        // a small skin so pairs at exactly r_c are listed; the per-pair cutoff is applied below
        NeighborList nl = new NeighborList(p.cutoff(), 1e-3);
        nl.build(s, Parallel.serial());
        double[] x = s.positions();
        int[] type = s.types();
        Box box = s.box();
        double lx = box.lx(), ly = box.ly(), lz = box.lz();
        double[] k = new double[9];
        double[] dvec = new double[3];
        for (int i = 0; i < n; i++) {
            for (int q = nl.start(i), end = nl.end(i); q < end; q++) {
                int j = nl.neighbor(q);
                if (j == i) {
                    continue; // own image: moves rigidly with the atom, no contribution
                }
                dvec[0] = x[3 * j] - x[3 * i] + nl.shiftX(q) * lx;
                dvec[1] = x[3 * j + 1] - x[3 * i + 1] + nl.shiftY(q) * ly;
                dvec[2] = x[3 * j + 2] - x[3 * i + 2] + nl.shiftZ(q) * lz;
                double r = Math.sqrt(dvec[0] * dvec[0] + dvec[1] * dvec[1] + dvec[2] * dvec[2]);
                int ti = type[i], tj = type[j];
                if (r > p.pairCutoff(ti, tj)) {
                    continue;
                }
                double d1 = p.pairDerivative(ti, tj, r);
                double d2 = p.pairSecondDerivative(ti, tj, r);
                double t = d1 / r;
                double radial = d2 - t;
                for (int u = 0; u < 3; u++) {
                    double ru = dvec[u] / r;
                    for (int v = u; v < 3; v++) {
                        double kuv = radial * ru * (dvec[v] / r) + (u == v ? t : 0);
                        k[3 * u + v] = kuv;
                        k[3 * v + u] = kuv; // bit-exact symmetry
                    }
                }
                for (int u = 0; u < 3; u++) {
                    int rowI = (3 * i + u) * dim, rowJ = (3 * j + u) * dim;
                    for (int v = 0; v < 3; v++) {
                        double kv = k[3 * u + v];
                        a[rowI + 3 * i + v] += kv;
                        a[rowJ + 3 * j + v] += kv;
                        a[rowI + 3 * j + v] -= kv;
                        a[rowJ + 3 * i + v] -= kv;
                    }
                }
            }
        }
        double asym = symmetrise(h); // exactly 0: every block added is bit-symmetric
        double rawMax = maxAbs(h);
        return new Hessian(h, masses(s), asym, rawMax > 0 ? 2 * asym / rawMax : 0, true);
    }

    /** Finite-difference Hessian with the default step {@value #DEFAULT_FD_STEP} Å and stencil, on one thread. */
    public static Hessian finiteDifference(Structure s, Potential p) {
        return finiteDifference(s, p, DEFAULT_FD_STEP, DEFAULT_FD_STENCIL, Parallel.serial());
    }

    /** Finite-difference Hessian with step {@code stepA} (Å) and the default stencil, on one thread. */
    public static Hessian finiteDifference(Structure s, Potential p, double stepA) {
        return finiteDifference(s, p, stepA, DEFAULT_FD_STENCIL, Parallel.serial());
    }

    /** Finite-difference Hessian with step {@code stepA} (Å) and the default stencil, atoms shared over {@code par}. */
    public static Hessian finiteDifference(Structure s, Potential p, double stepA, Parallel par) {
        return finiteDifference(s, p, stepA, DEFAULT_FD_STENCIL, par);
    }

    /**
     * Finite differences of the forces (see the class comment), symmetrised. The displaced atoms are
     * shared over the threads of {@code par} in contiguous ranges; every range gets its own copy of the
     * structure, its own {@link NeighborList} (so its own force buffers) and calls
     * {@link Potential#compute} with {@link Parallel#serial()} (no nested parallelism), and writes only
     * the rows 3i..3i+2 of its atoms i. The result is therefore identical bit for bit for any thread
     * count. The potential must allow concurrent {@code compute} calls on distinct structures and lists.
     *
     * @param s       structure (not modified)
     * @param p       any potential bound to the structure's species
     * @param stepA   displacement h, Å (&gt; 0)
     * @param stencil difference formula
     * @param par     threads over the displaced atoms
     */
    public static Hessian finiteDifference(Structure s, Potential p, double stepA, Stencil stencil, Parallel par) {
        if (!(stepA > 0) || !Double.isFinite(stepA)) {
            throw new IllegalArgumentException("finite-difference step must be > 0 Å, got " + stepA);
        }
        checkSpecies(s, p);
        int n = s.size();
        int dim = 3 * n;
        DMatrixRMaj h = new DMatrixRMaj(dim, dim);
        par.forRange(n, (from, to) -> new FdWorker(s, p, stepA, stencil).rows(from, to, h.data));
        double rawMax = maxAbs(h);
        double asym = symmetrise(h);
        return new Hessian(h, masses(s), asym, rawMax > 0 ? 2 * asym / rawMax : 0, false);
    }

    /**
     * One thread's share of a finite-difference Hessian: a private copy of the structure, a private
     * neighbour list built once at the reference positions with a skin (≥ 0.5 Å, ≥ 8·h) that the
     * displacements of at most 2h never exhaust, so it is never rebuilt and every worker sums the
     * forces in the same order.
     */
    private static final class FdWorker {
        private final Structure w;
        private final double[] x;
        private final Potential p;
        private final double step;
        private final Stencil stencil;
        private final NeighborList nl;
        private final Parallel serial = Parallel.serial();
        private final double[] f;
        private final double[] acc;

        FdWorker(Structure s, Potential p, double step, Stencil stencil) {
            this.w = s.copy();
            this.x = w.positions();
            this.p = p;
            this.step = step;
            this.stencil = stencil;
            this.nl = new NeighborList(p.cutoff(), Math.max(0.5, 8 * step));
            nl.build(w, serial);
            this.f = new double[x.length];
            this.acc = new double[x.length];
        }

        /** Rows 3i..3i+2 of atoms i in [from, to) into {@code out} (row-major 3N×3N). */
        void rows(int from, int to, double[] out) {
            int dim = x.length;
            int[] offsets = stencil.offsets;
            double[] weights = stencil.weights;
            double scale = -1 / (stencil.denominator * step);
            for (int row = 3 * from; row < 3 * to; row++) {
                double x0 = x[row];
                java.util.Arrays.fill(acc, 0);
                for (int q = 0; q < offsets.length; q++) {
                    x[row] = x0 + offsets[q] * step;
                    nl.update(w, serial);
                    p.compute(w, nl, f, null, serial);
                    double wq = weights[q];
                    for (int m = 0; m < dim; m++) {
                        acc[m] += wq * f[m];
                    }
                }
                x[row] = x0;
                int base = row * dim;
                for (int m = 0; m < dim; m++) {
                    out[base + m] = acc[m] * scale;
                }
            }
        }
    }

    private static void checkSpecies(Structure s, Potential p) {
        if (s.speciesCount() != p.species().size()) {
            throw new IllegalArgumentException("structure has " + s.speciesCount() + " species, potential is bound to "
                    + p.species());
        }
    }

    private static double[] masses(Structure s) {
        double[] m = new double[s.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = s.mass(i);
        }
        return m;
    }

    /** max |a_kl| over all elements. */
    static double maxAbs(DMatrixRMaj a) {
        double m = 0;
        for (double v : a.data) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Replaces a by (a + aᵀ)/2 in place; returns max |a_kl − a_lk|/2 before. */
    static double symmetrise(DMatrixRMaj a) {
        int dim = a.numRows;
        double[] d = a.data;
        double max = 0;
        for (int r = 0; r < dim; r++) {
            for (int c = r + 1; c < dim; c++) {
                double u = d[r * dim + c], v = d[c * dim + r];
                max = Math.max(max, 0.5 * Math.abs(u - v));
                double m = 0.5 * (u + v);
                d[r * dim + c] = m;
                d[c * dim + r] = m;
            }
        }
        return max;
    }

    /** Number of atoms N. */
    public int atoms() {
        return massOfAtom.length;
    }

    /** Matrix dimension 3N. */
    public int dimension() {
        return 3 * massOfAtom.length;
    }

    /** True when built analytically from a pair potential. */
    public boolean isAnalytic() {
        return analytic;
    }

    /** Element (row, col), eV/Å². */
    public double get(int row, int col) {
        return h.get(row, col);
    }

    /** A copy of the symmetrised Cartesian Hessian, eV/Å². */
    public DMatrixRMaj matrix() {
        return h.copy();
    }

    /** The live symmetrised matrix (not copied; do not modify). */
    DMatrixRMaj live() {
        return h;
    }

    /** Mass of each atom, amu (copy). */
    public double[] masses() {
        return massOfAtom.clone();
    }

    /** Largest |H_kl − H_lk|/2 removed by the explicit symmetrisation, eV/Å² (0 for the analytic path). */
    public double maxAsymmetry() {
        return maxAsymmetry;
    }

    /**
     * The raw asymmetry before the explicit symmetrisation relative to the largest element,
     * max |H_kl − H_lk| / max |H_kl| (dimensionless; 0 for the analytic path). For finite differences it
     * measures the truncation and round-off error of the columns, since the exact Hessian is symmetric.
     */
    public double rawRelativeAsymmetry() {
        return rawRelativeAsymmetry;
    }

    /** D = M^{-1/2} H M^{-1/2} as a new matrix, eV/(Å²·amu); exactly symmetric. */
    public DMatrixRMaj massWeighted() {
        int dim = dimension();
        double[] inv = new double[dim];
        for (int k = 0; k < dim; k++) {
            inv[k] = 1 / Math.sqrt(massOfAtom[k / 3]);
        }
        DMatrixRMaj d = new DMatrixRMaj(dim, dim);
        double[] src = h.data, dst = d.data;
        for (int r = 0; r < dim; r++) {
            double ir = inv[r];
            int row = r * dim;
            for (int c = 0; c < dim; c++) {
                dst[row + c] = src[row + c] * (ir * inv[c]); // (ir·ic) is commutative: D stays bit-symmetric
            }
        }
        return d;
    }

    /** ω² in ps⁻² of an eigenvalue of D given in eV/(Å²·amu). */
    public static double omega2(double lambda) {
        return lambda * Units.FORCE_TO_ACCEL;
    }

    /**
     * Signed frequency ν = sign(λ)·√|ω²| / 2π in THz (imaginary frequencies as negative numbers) of an
     * eigenvalue of D in eV/(Å²·amu).
     */
    public static double frequencyThz(double lambda) {
        return Math.signum(lambda) * Math.sqrt(Math.abs(lambda) * Units.FORCE_TO_ACCEL) / (2 * Math.PI);
    }
}
