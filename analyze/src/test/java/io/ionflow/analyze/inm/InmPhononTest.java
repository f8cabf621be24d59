package io.ionflow.analyze.inm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.Units;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.potential.PairPotential;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A monatomic fcc crystal of a Lennard-Jones pair potential: the INM spectrum of an n×n×n supercell must
 * equal the phonon frequencies at the supercell's commensurate wave vectors, computed here independently
 * (closed-form dispersion, or a reciprocal-space lattice sum diagonalised with commons-math).
 */
class InmPhononTest {
    static final double MASS = 39.948;
    static final double EPS = 0.0104; // eV
    static final double R0 = 3.82;    // Å, position of the LJ minimum

    /** V(r) = ε[(r0/r)¹² − 2(r0/r)⁶] for r ≤ r_c, 0 beyond (no shift: only the Hessian is tested). */
    static final class Lj implements PairPotential {
        final double rc;

        Lj(double rc) {
            this.rc = rc;
        }

        @Override public double pairEnergy(int a, int b, double r) {
            if (r > rc) {
                return 0;
            }
            double s6 = Math.pow(R0 / r, 6);
            return EPS * (s6 * s6 - 2 * s6);
        }

        @Override public double pairDerivative(int a, int b, double r) {
            if (r > rc) {
                return 0;
            }
            double s6 = Math.pow(R0 / r, 6);
            return EPS * (-12 * s6 * s6 + 12 * s6) / r;
        }

        @Override public double pairSecondDerivative(int a, int b, double r) {
            if (r > rc) {
                return 0;
            }
            double s6 = Math.pow(R0 / r, 6);
            return EPS * (156 * s6 * s6 - 84 * s6) / (r * r);
        }

        @Override public double pairCutoff(int a, int b) { return rc; }
        @Override public String style() { return "lj-test"; }
        @Override public List<String> species() { return List.of("Ar"); }
        @Override public double cutoff() { return rc; }
        @Override public String toJson() { return "{}"; }

        @Override
        public double compute(Structure s, NeighborList nl, double[] f, double[] virial, Parallel par) {
            Arrays.fill(f, 0);
            double e = 0;
            double[] x = s.positions();
            Box b = s.box();
            for (int i = 0; i < s.size(); i++) {
                for (int k = nl.start(i); k < nl.end(i); k++) {
                    int j = nl.neighbor(k);
                    double dx = x[3 * j] - x[3 * i] + nl.shiftX(k) * b.lx();
                    double dy = x[3 * j + 1] - x[3 * i + 1] + nl.shiftY(k) * b.ly();
                    double dz = x[3 * j + 2] - x[3 * i + 2] + nl.shiftZ(k) * b.lz();
                    double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    if (r > rc) {
                        continue;
                    }
                    e += pairEnergy(0, 0, r);
                    double fr = pairDerivative(0, 0, r) / r;
                    f[3 * i] += fr * dx;
                    f[3 * i + 1] += fr * dy;
                    f[3 * i + 2] += fr * dz;
                    f[3 * j] -= fr * dx;
                    f[3 * j + 1] -= fr * dy;
                    f[3 * j + 2] -= fr * dz;
                }
            }
            return e;
        }
    }

    static Structure fcc(int n, double a) {
        double[][] basis = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        int atoms = 4 * n * n * n;
        double[] x = new double[3 * atoms];
        int q = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    for (double[] b : basis) {
                        x[3 * q] = (i + b[0]) * a;
                        x[3 * q + 1] = (j + b[1]) * a;
                        x[3 * q + 2] = (k + b[2]) * a;
                        q++;
                    }
                }
            }
        }
        return new Structure(new String[] {"Ar"}, new double[] {MASS}, new int[atoms], x, null, new Box(n * a, n * a, n * a));
    }

    /**
     * The 4n³ wave vectors (2π/(na))(h, k, l) of an n×n×n conventional supercell, one per class modulo the
     * bcc reciprocal lattice of fcc: h ∈ [0, n), k, l ∈ [0, 2n) (the class partner is (h+n, k+n, l+n)).
     */
    static List<double[]> commensurate(int n, double a) {
        List<double[]> qs = new ArrayList<>();
        double unit = 2 * Math.PI / (n * a);
        for (int h = 0; h < n; h++) {
            for (int k = 0; k < 2 * n; k++) {
                for (int l = 0; l < 2 * n; l++) {
                    qs.add(new double[] {h * unit, k * unit, l * unit});
                }
            }
        }
        return qs;
    }

    /** Signed frequencies (THz) of a 3×3 dynamical matrix in eV/(Å²·amu), via commons-math. */
    static double[] frequencies(double[][] dyn) {
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(dyn)).getRealEigenvalues();
        double[] nu = new double[3];
        for (int c = 0; c < 3; c++) {
            nu[c] = Math.signum(ev[c]) * Math.sqrt(Math.abs(ev[c]) * Units.FORCE_TO_ACCEL) / (2 * Math.PI);
        }
        return nu;
    }

    /** Sorted analytic spectrum without the three Γ-point translations. */
    static double[] spectrum(List<double[]> qs, java.util.function.Function<double[], double[][]> dyn) {
        List<Double> all = new ArrayList<>();
        for (double[] q : qs) {
            boolean gamma = q[0] == 0 && q[1] == 0 && q[2] == 0;
            if (gamma) {
                continue; // the three acoustic modes at Γ are the uniform translations
            }
            for (double v : frequencies(dyn.apply(q))) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    static void assertSpectraEqual(double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length, "number of modes");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < expected.length; k++) {
            double tol = rel * Math.abs(expected[k]) + 1e-9 * scale;
            assertEquals(expected[k], actual[k], tol, "mode " + k);
        }
    }

    @Test
    void nearestNeighbourFccMatchesTheClosedFormDispersion() {
        // NN distance at the LJ minimum: a = √2 r0; cutoff between the 1st (a/√2) and 2nd (a) shells
        double a = Math.sqrt(2) * R0;
        int n = 3;
        Structure s = fcc(n, a);
        Lj lj = new Lj(0.5 * (R0 + a));
        InstantaneousModes m = InstantaneousModes.compute(Hessian.of(s, lj), true);
        assertEquals(3 * s.size() - 3, m.modeCount());
        assertEquals(0, m.unstableCount(), "an fcc crystal at the LJ minimum is stable");
        // closed form for central nearest-neighbour springs K = V''(r0) = 72 ε / r0² (V'(r0) = 0):
        // D_xx = (2K/m)[2 − cos(qx a/2)cos(qy a/2) − cos(qx a/2)cos(qz a/2)], D_xy = (2K/m) sin(qx a/2) sin(qy a/2)
        double k2m = 2 * (72 * EPS / (R0 * R0)) / MASS;
        double[] expected = spectrum(commensurate(n, a), q -> {
            double[] c = new double[3], sn = new double[3];
            for (int d = 0; d < 3; d++) {
                c[d] = Math.cos(q[d] * a / 2);
                sn[d] = Math.sin(q[d] * a / 2);
            }
            double[][] dm = new double[3][3];
            for (int u = 0; u < 3; u++) {
                int v = (u + 1) % 3, w = (u + 2) % 3;
                dm[u][u] = k2m * (2 - c[u] * c[v] - c[u] * c[w]);
                dm[u][v] = dm[v][u] = k2m * sn[u] * sn[v];
            }
            return dm;
        });
        assertSpectraEqual(expected, m.frequenciesThz(), 1e-6);
    }

    /**
     * Off the minimum and with several neighbour shells (non-zero V', so the tension term V'/r counts),
     * in cells of 1 and 2 conventional cells where r_c exceeds half the box (each pair appears through
     * several images and each atom sees its own images). The truth is the lattice sum
     * D(q) = (1/m) Σ_{δ ≠ 0, |δ| ≤ r_c} [1 − cos(q·δ)] [(V'' − V'/r) δ̂δ̂ + (V'/r) I] over fcc lattice vectors δ.
     */
    @Test
    void longerRangeOffMinimumInSmallCellsMatchesTheLatticeSum() {
        double a = 1.02 * Math.sqrt(2) * R0; // expanded: V' ≠ 0 on every shell
        Lj lj = new Lj(1.3 * a);             // shells at a/√2, a, a√(3/2), a√2 ≈ 1.22a (4 shells)
        for (int n : new int[] {1, 2}) {
            Structure s = fcc(n, a);
            assertTrue(s.box().lx() < 2 * lj.rc, "r_c must exceed half the box");
            InstantaneousModes m = InstantaneousModes.compute(Hessian.of(s, lj), true);
            List<double[]> deltas = new ArrayList<>();
            int reach = 4;
            for (int i = -reach; i <= reach; i++) {
                for (int j = -reach; j <= reach; j++) {
                    for (int k = -reach; k <= reach; k++) {
                        if ((i + j + k) % 2 != 0 || (i == 0 && j == 0 && k == 0)) {
                            continue;
                        }
                        double[] d = {i * a / 2, j * a / 2, k * a / 2};
                        if (Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) <= lj.rc) {
                            deltas.add(d);
                        }
                    }
                }
            }
            double[] expected = spectrum(commensurate(n, a), q -> {
                double[][] dm = new double[3][3];
                for (double[] d : deltas) {
                    double r = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                    double s6 = Math.pow(R0 / r, 6);
                    double v1 = EPS * (-12 * s6 * s6 + 12 * s6) / r;
                    double v2 = EPS * (156 * s6 * s6 - 84 * s6) / (r * r);
                    double phase = 1 - Math.cos(q[0] * d[0] + q[1] * d[1] + q[2] * d[2]);
                    for (int u = 0; u < 3; u++) {
                        for (int v = 0; v < 3; v++) {
                            double kuv = (v2 - v1 / r) * d[u] * d[v] / (r * r) + (u == v ? v1 / r : 0);
                            dm[u][v] += phase * kuv / MASS;
                        }
                    }
                }
                return dm;
            });
            assertSpectraEqual(expected, m.frequenciesThz(), 1e-6);
        }
    }

    /** On a disordered Ag2Te cell (unstable modes, no degeneracies) all solver paths give the same modes. */
    @Test
    void valuesOnlyMultiThreadedAndVectorPathsAgree() {
        Structure s = InmFixtures.distorted(2, 6.57, 0.3, 11);
        Hessian h = Hessian.of(s, InmFixtures.ag2te());
        InstantaneousModes vec = InstantaneousModes.compute(h, true, 1);
        InstantaneousModes val = InstantaneousModes.compute(h, false, 1);
        InstantaneousModes mt = InstantaneousModes.compute(h, true, 2);
        InstantaneousModes mtVal = InstantaneousModes.compute(h, false, 2);
        double tol = InstantaneousModes.DEFAULT_ZERO_TOLERANCE;
        InstantaneousModes factory = InstantaneousModes.compute(h, true, 1, tol, InstantaneousModes.Solver.FACTORY);
        InstantaneousModes factoryVal = InstantaneousModes.compute(h, false, 1, tol, InstantaneousModes.Solver.FACTORY);
        InstantaneousModes block = InstantaneousModes.compute(h, true, 1, tol, InstantaneousModes.Solver.BLOCK_TRIDIAGONAL);
        assertTrue(vec.unstableCount() > 0, "the distorted cell should have unstable modes");
        assertEquals(vec.unstableCount(), val.unstableCount());
        assertEquals(vec.unstableCount(), mt.unstableCount());
        double scale = Math.abs(vec.eigenvalue(vec.modeCount() - 1));
        for (int k = 0; k < vec.modeCount(); k++) {
            assertEquals(vec.eigenvalue(k), val.eigenvalue(k), 1e-12 * scale);
            assertEquals(vec.eigenvalue(k), mt.eigenvalue(k), 1e-12 * scale);
            assertEquals(vec.eigenvalue(k), mtVal.eigenvalue(k), 1e-12 * scale);
            assertEquals(vec.eigenvalue(k), factory.eigenvalue(k), 1e-12 * scale);
            assertEquals(vec.eigenvalue(k), factoryVal.eigenvalue(k), 1e-12 * scale);
            assertEquals(vec.eigenvalue(k), block.eigenvalue(k), 1e-12 * scale);
        }
        // eigenvectors agree up to sign (the spectrum of this disordered cell is non-degenerate)
        for (int k = 0; k < vec.modeCount(); k += 7) {
            double dotF = 0, dotM = 0;
            double[] a = vec.vector(k), b = factory.vector(k), c = mt.vector(k);
            for (int j = 0; j < a.length; j++) {
                dotF += a[j] * b[j];
                dotM += a[j] * c[j];
            }
            assertEquals(1.0, Math.abs(dotF), 1e-8, "mode " + k + " factory vs block vector");
            assertEquals(1.0, Math.abs(dotM), 1e-8, "mode " + k + " multi-threaded vs serial vector");
        }
        // eigenvectors: orthonormal, translation-free, and D e = λ e
        assertTrue(vec.translationOverlapMin() > 1 - 1e-12, "dropped vectors are translations");
        assertTrue(vec.maxInternalTranslationOverlap() < 1e-20, "kept vectors are translation-free");
        DMatrixRMaj e = vec.vectorsByRow();
        DMatrixRMaj d = h.massWeighted();
        int dim = h.dimension();
        for (int k = 0; k < vec.modeCount(); k += 11) {
            for (int l = 0; l < vec.modeCount(); l += 13) {
                double dot = 0;
                for (int j = 0; j < dim; j++) {
                    dot += e.get(k, j) * e.get(l, j);
                }
                assertEquals(k == l ? 1 : 0, dot, 1e-12);
            }
            double res = 0;
            for (int r2 = 0; r2 < dim; r2++) {
                double de = 0;
                for (int j = 0; j < dim; j++) {
                    de += d.get(r2, j) * e.get(k, j);
                }
                res = Math.max(res, Math.abs(de - vec.eigenvalue(k) * e.get(k, r2)));
            }
            assertTrue(res < 1e-12 * scale, "residual |De − λe| = " + res);
        }
    }
}
