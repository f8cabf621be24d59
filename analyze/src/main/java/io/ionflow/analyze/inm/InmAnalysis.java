package io.ionflow.analyze.inm;

import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Structure;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;

/**
 * One snapshot → {@link InmSnapshot}: Hessian (analytic for pair potentials), eigen-decomposition with
 * translations projected out, unstable-mode statistics, species participation, participation ratios,
 * the INM DOS and optionally the double-well/shoulder classification.
 *
 * <p>Species participation of mode k: w_ks = Σ_{i of species s} |e_ki|² (mass-weighted eigenvector, so
 * Σ_s w_ks = 1). An unstable mode is counted for the species with the largest w_ks ("dominant"); the
 * "fractional" split adds w_ks of every unstable mode instead. Both are divided by 3N − 3, so each
 * split sums over species to f_u.
 */
public final class InmAnalysis {
    private InmAnalysis() {}

    /**
     * Options.
     *
     * @param vectors       compute eigenvectors (needed for species splits, PR and double wells)
     * @param threads       threads for the eigen-decomposition and the double-well profiles
     * @param dosBinThz     DOS bin width, THz
     * @param dosMaxThz     DOS half-range, THz
     * @param doubleWell    double-well rule, or null to skip the classification
     * @param zeroTolerance relative zero tolerance τ for unstable modes
     */
    public record Options(boolean vectors, int threads, double dosBinThz, double dosMaxThz,
                          DoubleWellClassifier.Rule doubleWell, double zeroTolerance) {
        /** Vectors, 1 thread, 0.1 THz bins to ±10 THz, no double-well classification, τ = 1e-10. */
        public static Options defaults() {
            return new Options(true, 1, 0.1, 10.0, null, InstantaneousModes.DEFAULT_ZERO_TOLERANCE);
        }

        public Options withThreads(int t) {
            return new Options(vectors, t, dosBinThz, dosMaxThz, doubleWell, zeroTolerance);
        }

        public Options withVectors(boolean v) {
            return new Options(v, threads, dosBinThz, dosMaxThz, doubleWell, zeroTolerance);
        }

        public Options withDoubleWell(DoubleWellClassifier.Rule r) {
            return new Options(vectors, threads, dosBinThz, dosMaxThz, r, zeroTolerance);
        }

        public Options withDos(double binThz, double maxThz) {
            return new Options(vectors, threads, binThz, maxThz, doubleWell, zeroTolerance);
        }
    }

    /** Hessian, modes and summary of one configuration. */
    public static InmSnapshot analyze(Structure s, Potential p, Options o) {
        Hessian h = Hessian.of(s, p);
        InstantaneousModes m = InstantaneousModes.compute(h, o.vectors() || o.doubleWell() != null, o.threads(),
                o.zeroTolerance());
        DoubleWellClassifier.Kind[] kinds = null;
        if (o.doubleWell() != null) {
            kinds = DoubleWellClassifier.classify(s, p, m, unstableIndices(m), o.doubleWell(), o.threads());
        }
        return summarize(m, s.types(), List.of(s.speciesNames()), o, kinds);
    }

    /**
     * f_u = n_u / (3N − 3) of one configuration without any eigenvalue: the analytic (or finite-difference)
     * Hessian, then the inertia count {@link InstantaneousModes#unstableCount(Hessian, double, boolean)}
     * (LDLᵀ, Sylvester's law; not verified), for callers that need neither the spectrum, the DOS nor the
     * vectors. Equal to {@code analyze(s, p, o).fu()} except for an eigenvalue within τ·max|λ| of zero.
     *
     * @param s             the configuration
     * @param p             the potential
     * @param zeroTolerance relative zero tolerance τ
     * @return f_u, dimensionless
     */
    public static double unstableFraction(Structure s, Potential p, double zeroTolerance) {
        Hessian h = Hessian.of(s, p);
        return (double) InstantaneousModes.unstableCount(h, zeroTolerance, false) / (3 * s.size() - 3);
    }

    /** Indices of the unstable modes, ascending ν. */
    public static int[] unstableIndices(InstantaneousModes m) {
        boolean[] u = m.unstableMask();
        int c = 0;
        for (boolean b : u) {
            if (b) {
                c++;
            }
        }
        int[] idx = new int[c];
        for (int k = 0, q = 0; k < u.length; k++) {
            if (u[k]) {
                idx[q++] = k;
            }
        }
        return idx;
    }

    /**
     * Summary of computed modes.
     *
     * @param m       the modes
     * @param types   species id of each atom
     * @param species species names by id
     * @param o       options (DOS binning)
     * @param kinds   double-well kinds of the unstable modes (ascending ν), or null
     */
    public static InmSnapshot summarize(InstantaneousModes m, int[] types, List<String> species, Options o,
                                        DoubleWellClassifier.Kind[] kinds) {
        int n = m.atoms();
        if (types.length != n) {
            throw new IllegalArgumentException("types has " + types.length + " entries for " + n + " atoms");
        }
        int ns = species.size();
        int modes = m.modeCount();
        double[] nu = m.frequenciesThz();
        boolean[] unstable = m.unstableMask();
        int nu0 = 0;
        double sumAbs = 0;
        for (int k = 0; k < modes; k++) {
            if (unstable[k]) {
                nu0++;
                sumAbs += Math.abs(nu[k]);
            }
        }
        int[] dominant = null;
        double[] fuDom = null, fuFrac = null, pr = null;
        double[][] weight = null;
        if (m.hasVectors()) {
            dominant = new int[ns];
            fuDom = new double[ns];
            fuFrac = new double[ns];
            pr = new double[modes];
            weight = new double[modes][ns];
            DMatrixRMaj e = m.vectorsByRow();
            int dim = e.numCols;
            for (int k = 0; k < modes; k++) {
                int row = k * dim;
                double s2 = 0, s4 = 0;
                for (int i = 0; i < n; i++) {
                    double a = e.data[row + 3 * i], b = e.data[row + 3 * i + 1], c = e.data[row + 3 * i + 2];
                    double w = a * a + b * b + c * c;
                    s2 += w;
                    s4 += w * w;
                    weight[k][types[i]] += w;
                }
                pr[k] = s2 * s2 / (n * s4);
                if (unstable[k]) {
                    int best = 0;
                    for (int sp = 0; sp < ns; sp++) {
                        fuFrac[sp] += weight[k][sp];
                        if (weight[k][sp] > weight[k][best]) {
                            best = sp;
                        }
                    }
                    dominant[best]++;
                }
            }
            for (int sp = 0; sp < ns; sp++) {
                fuDom[sp] = (double) dominant[sp] / modes;
                fuFrac[sp] /= modes;
            }
        }
        int ndw = -1;
        if (kinds != null) {
            if (kinds.length != nu0) {
                throw new IllegalArgumentException(kinds.length + " double-well kinds for " + nu0 + " unstable modes");
            }
            ndw = (int) Arrays.stream(kinds).filter(k -> k == DoubleWellClassifier.Kind.DOUBLE_WELL).count();
        }
        InmDos dos = InmDos.of(nu, o.dosBinThz(), o.dosMaxThz());
        return new InmSnapshot(n, modes, List.copyOf(species), nu, nu0, (double) nu0 / modes, dominant, fuDom, fuFrac,
                pr, weight, nu0 == 0 ? Double.NaN : sumAbs / nu0, dos, kinds, ndw);
    }
}
