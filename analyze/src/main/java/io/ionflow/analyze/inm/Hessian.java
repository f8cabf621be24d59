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
 * <p><b>Finite differences (any {@link Potential}).</b> Central differences of the forces,
 * H_{k,·} = −[F(x + h e_k) − F(x − h e_k)] / 2h, default h = {@value #DEFAULT_FD_STEP} Å; error O(h²)
 * from the third derivatives plus ~ε_F/h from force round-off. The raw matrix is symmetrised
 * explicitly, H ← (H + Hᵀ)/2, and the largest |H_kl − H_lk|/2 removed is reported by
 * {@link #maxAsymmetry()} (eV/Å²).
 */
public final class Hessian {
    /** Default finite-difference step, Å. */
    public static final double DEFAULT_FD_STEP = 1e-4;

    private final DMatrixRMaj h;
    private final double[] massOfAtom;
    private final double maxAsymmetry;
    private final boolean analytic;

    private Hessian(DMatrixRMaj h, double[] massOfAtom, double maxAsymmetry, boolean analytic) {
        this.h = h;
        this.massOfAtom = massOfAtom;
        this.maxAsymmetry = maxAsymmetry;
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
        double asym = symmetrise(c);
        return new Hessian(c, massOfAtom.clone(), asym, false);
    }

    /** The analytic Hessian when the potential is a {@link PairPotential}, else finite differences with the default step. */
    public static Hessian of(Structure s, Potential p) {
        if (p instanceof PairPotential pp) {
            return analytic(s, pp);
        }
        return finiteDifference(s, p, DEFAULT_FD_STEP);
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
        return new Hessian(h, masses(s), asym, true);
    }

    /** Finite-difference Hessian with the default step {@value #DEFAULT_FD_STEP} Å. */
    public static Hessian finiteDifference(Structure s, Potential p) {
        return finiteDifference(s, p, DEFAULT_FD_STEP);
    }

    /**
     * Central finite differences of the forces (see the class comment), symmetrised.
     *
     * @param s     structure (not modified)
     * @param p     any potential bound to the structure's species
     * @param stepA displacement h, Å (&gt; 0)
     */
    public static Hessian finiteDifference(Structure s, Potential p, double stepA) {
        if (!(stepA > 0) || !Double.isFinite(stepA)) {
            throw new IllegalArgumentException("finite-difference step must be > 0 Å, got " + stepA);
        }
        checkSpecies(s, p);
        int n = s.size();
        int dim = 3 * n;
        Structure w = s.copy();
        double[] x = w.positions();
        Parallel par = Parallel.serial();
        NeighborList nl = new NeighborList(p.cutoff(), Math.max(0.5, 4 * stepA));
        nl.build(w, par);
        double[] fPlus = new double[dim], fMinus = new double[dim];
        DMatrixRMaj h = new DMatrixRMaj(dim, dim);
        for (int col = 0; col < dim; col++) {
            double x0 = x[col];
            x[col] = x0 + stepA;
            nl.update(w, par);
            p.compute(w, nl, fPlus, null, par);
            x[col] = x0 - stepA;
            nl.update(w, par);
            p.compute(w, nl, fMinus, null, par);
            x[col] = x0;
            int row = col * dim;
            for (int m = 0; m < dim; m++) {
                h.data[row + m] = -(fPlus[m] - fMinus[m]) / (2 * stepA);
            }
        }
        double asym = symmetrise(h);
        return new Hessian(h, masses(s), asym, false);
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
