package io.ionflow.simulate.potential.nep;

import java.util.List;

/**
 * The parameters of a NEP model as GPUMD's trainer writes them to {@code nep.txt} (NEP3: one network
 * shared by all species; NEP4: one network per species), rearranged for evaluation. Types are the
 * model's own (the order of its header line).
 *
 * <p>Descriptor layout (dimension {@link #dim}): the radial components n = 0..n_max^R, then for each
 * three-body order l = 1..l_max the angular components n = 0..n_max^A, then the four-body and the
 * five-body components when enabled. Each descriptor component is multiplied by its scaler before the
 * network. Atom energy: E_i = Σ_k w1_k tanh(Σ_d w0_kd q_d − b0_k) − b1.
 */
final class NepModel {
    final int version;
    final List<String> elements;
    final int[] atomicNumbers;
    final int types;
    /** Per type-pair (t_i·types + t_j) radial and angular cutoffs, Å. */
    final double[] rcRadial, rcAngular;
    /** Per type pair: equal radial and angular cutoffs, so both use the same Chebyshev basis values. */
    final boolean[] sharedBasis;
    final int nRadial, nAngular;         // number of radial functions n_max + 1
    final int basisRadial, basisAngular; // number of Chebyshev terms basis_size + 1
    final int lMax;
    final boolean fourBody, fiveBody;
    final int dim;
    final int neurons;
    /** Per model type: w0 [neuron·dim + d], b0, w1; NEP3 models share index 0. */
    final double[][] w0, b0, w1;
    /** w0 of each network transposed: [d·neurons + neuron]. */
    private final double[][] w0Transposed;
    final double b1;
    /** Per type pair: c[n·basis + k]. */
    final double[][] cRadial, cAngular;
    /** Per type pair: the angular c transposed, [k·n_A + n], so g_n for all n accumulate basis term by term. */
    final double[][] cAngularByBasis;
    final double[] scaler;
    final Zbl zbl; // null without ZBL
    final double maxCutoff;

    NepModel(Header h, double[][] w0, double[][] b0, double[][] w1, double b1, double[][] cRadial,
             double[][] cAngular, double[] scaler) {
        this.version = h.version;
        this.elements = List.copyOf(h.elements);
        this.atomicNumbers = h.atomicNumbers.clone();
        this.types = h.elements.size();
        this.rcRadial = pairCutoffs(h.rcRadialByType);
        this.rcAngular = pairCutoffs(h.rcAngularByType);
        this.sharedBasis = new boolean[rcRadial.length];
        for (int p = 0; p < rcRadial.length; p++) sharedBasis[p] = rcRadial[p] == rcAngular[p];
        this.nRadial = h.nMaxRadial + 1;
        this.nAngular = h.nMaxAngular + 1;
        this.basisRadial = h.basisRadial + 1;
        this.basisAngular = h.basisAngular + 1;
        this.lMax = h.lMax;
        this.fourBody = h.fourBody;
        this.fiveBody = h.fiveBody;
        this.dim = h.dim();
        this.neurons = h.neurons;
        this.w0 = w0;
        this.w0Transposed = transpose(w0);
        this.b0 = b0;
        this.w1 = w1;
        this.b1 = b1;
        this.cRadial = cRadial;
        this.cAngular = cAngular;
        this.cAngularByBasis = new double[cAngular.length][];
        for (int p = 0; p < cAngular.length; p++) {
            cAngularByBasis[p] = new double[nAngular * basisAngular];
            for (int n = 0; n < nAngular; n++) {
                for (int k = 0; k < basisAngular; k++) cAngularByBasis[p][k * nAngular + n] = cAngular[p][n * basisAngular + k];
            }
        }
        this.scaler = scaler;
        this.zbl = h.zbl ? new Zbl(h.atomicNumbers, h.zblInner, h.zblOuter, h.zblTypewiseFactor) : null;
        double max = 0;
        for (double r : rcRadial) max = Math.max(max, r);
        for (double r : rcAngular) max = Math.max(max, r);
        if (zbl != null) max = Math.max(max, zbl.maxOuter());
        this.maxCutoff = max;
    }

    private double[] pairCutoffs(double[] byType) {
        double[] p = new double[types * types];
        for (int a = 0; a < types; a++) {
            for (int b = 0; b < types; b++) p[a * types + b] = (byType[a] + byType[b]) * 0.5;
        }
        return p;
    }

    /** Index of the network used for atoms of model type t. */
    int network(int t) {
        return version == 3 ? 0 : t;
    }

    /**
     * Atom energy from its scaled descriptor q; writes dE/dq into {@code dEdq} (length dim, overwritten).
     * {@code hidden} (length {@link #neurons}) is work space.
     */
    double atomEnergy(int t, double[] q, double[] dEdq, double[] hidden) {
        int k = network(t);
        hiddenLayer(w0Transposed[k], b0[k], q, hidden);
        double[] out = w1[k];
        double e = 0;
        for (int m = 0; m < neurons; m++) {
            double x = tanh(hidden[m]);
            e += out[m] * x;
            hidden[m] = out[m] * (1 - x * x); // dE/dz_m
        }
        inputGradient(w0[k], hidden, dEdq);
        return e - b1;
    }

    /**
     * z_m = Σ_d w0_md q_d − b0_m, eight neurons at a time: their weights for one input d are contiguous in
     * w0ᵀ, and the eight sums stay in registers (fused multiply-adds).
     */
    private void hiddenLayer(double[] wt, double[] bias, double[] q, double[] z) {
        int m = 0;
        for (; m + 7 < neurons; m += 8) {
            double z0 = -bias[m], z1 = -bias[m + 1], z2 = -bias[m + 2], z3 = -bias[m + 3];
            double z4 = -bias[m + 4], z5 = -bias[m + 5], z6 = -bias[m + 6], z7 = -bias[m + 7];
            for (int d = 0, c = m; d < dim; d++, c += neurons) {
                double qd = q[d];
                z0 = Math.fma(wt[c], qd, z0); z1 = Math.fma(wt[c + 1], qd, z1);
                z2 = Math.fma(wt[c + 2], qd, z2); z3 = Math.fma(wt[c + 3], qd, z3);
                z4 = Math.fma(wt[c + 4], qd, z4); z5 = Math.fma(wt[c + 5], qd, z5);
                z6 = Math.fma(wt[c + 6], qd, z6); z7 = Math.fma(wt[c + 7], qd, z7);
            }
            z[m] = z0; z[m + 1] = z1; z[m + 2] = z2; z[m + 3] = z3;
            z[m + 4] = z4; z[m + 5] = z5; z[m + 6] = z6; z[m + 7] = z7;
        }
        for (; m < neurons; m++) {
            double zm = -bias[m];
            for (int d = 0, c = m; d < dim; d++, c += neurons) zm = Math.fma(wt[c], q[d], zm);
            z[m] = zm;
        }
    }

    /** dE/dq_d = Σ_m (dE/dz_m) w0_md, eight inputs at a time (contiguous in a row of w0). */
    private void inputGradient(double[] w, double[] dEdz, double[] dEdq) {
        int d = 0;
        for (; d + 7 < dim; d += 8) {
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            for (int m = 0, c = d; m < neurons; m++, c += dim) {
                double g = dEdz[m];
                a0 = Math.fma(w[c], g, a0); a1 = Math.fma(w[c + 1], g, a1);
                a2 = Math.fma(w[c + 2], g, a2); a3 = Math.fma(w[c + 3], g, a3);
                a4 = Math.fma(w[c + 4], g, a4); a5 = Math.fma(w[c + 5], g, a5);
                a6 = Math.fma(w[c + 6], g, a6); a7 = Math.fma(w[c + 7], g, a7);
            }
            dEdq[d] = a0; dEdq[d + 1] = a1; dEdq[d + 2] = a2; dEdq[d + 3] = a3;
            dEdq[d + 4] = a4; dEdq[d + 5] = a5; dEdq[d + 6] = a6; dEdq[d + 7] = a7;
        }
        for (; d < dim; d++) {
            double a = 0;
            for (int m = 0, c = d; m < neurons; m++, c += dim) a = Math.fma(w[c], dEdz[m], a);
            dEdq[d] = a;
        }
    }

    /**
     * tanh(z) = 1 − 2/(e^{2z} + 1) through the intrinsic {@link Math#exp} (Java 17's Math.tanh is the
     * slower software StrictMath one); absolute error a few 1e-16, ±1 at overflow.
     */
    static double tanh(double z) {
        return 1 - 2 / (Math.exp(2 * z) + 1);
    }

    private double[][] transpose(double[][] w) {
        double[][] t = new double[w.length][];
        for (int k = 0; k < w.length; k++) {
            t[k] = new double[w[k].length];
            for (int m = 0; m < neurons; m++) {
                for (int d = 0; d < dim; d++) t[k][d * neurons + m] = w[k][m * dim + d];
            }
        }
        return t;
    }

    /** Header fields of a nep.txt file. */
    static final class Header {
        int version;
        List<String> elements;
        int[] atomicNumbers;
        boolean zbl;
        double zblInner, zblOuter, zblTypewiseFactor = Double.NaN;
        double[] rcRadialByType, rcAngularByType;
        int nMaxRadial, nMaxAngular, basisRadial, basisAngular, lMax;
        boolean fourBody, fiveBody;
        int neurons;

        int angularBlocks() { return lMax + (fourBody ? 1 : 0) + (fiveBody ? 1 : 0); }

        int dim() { return nMaxRadial + 1 + (nMaxAngular + 1) * angularBlocks(); }

        int networks() { return version == 3 ? 1 : elements.size(); }

        int annParameters() { return (dim() + 2) * neurons * networks() + 1; }

        int radialCoefficients() { return (nMaxRadial + 1) * (basisRadial + 1) * elements.size() * elements.size(); }

        int angularCoefficients() { return (nMaxAngular + 1) * (basisAngular + 1) * elements.size() * elements.size(); }

        int totalParameters() { return annParameters() + radialCoefficients() + angularCoefficients() + dim(); }
    }
}
