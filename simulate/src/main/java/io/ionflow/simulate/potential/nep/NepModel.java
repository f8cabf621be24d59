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
     * {@code hidden} (length {@link #neurons}) is work space. The hidden layer's pre-activations are
     * accumulated column by column of w0 (w0ᵀ is stored, so the inner loop runs over contiguous weights
     * of all neurons), and dE/dq row by row of w0: both inner loops are plain multiply-adds over arrays.
     */
    double atomEnergy(int t, double[] q, double[] dEdq, double[] hidden) {
        int k = network(t);
        double[] wt = w0Transposed[k], bias = b0[k];
        for (int m = 0; m < neurons; m++) hidden[m] = -bias[m];
        for (int d = 0; d < dim; d++) {
            double qd = q[d];
            int col = d * neurons;
            for (int m = 0; m < neurons; m++) hidden[m] += wt[col + m] * qd;
        }
        return outputLayer(k, hidden, dEdq);
    }

    /** E_i = Σ_k w1_k tanh(z_k) − b1 from the pre-activations z (replaced by w1_k tanh'(z_k)); writes dE/dq. */
    private double outputLayer(int k, double[] hidden, double[] dEdq) {
        double[] w = w0[k], out = w1[k];
        double e = 0;
        for (int m = 0; m < neurons; m++) {
            double x = tanh(hidden[m]);
            e += out[m] * x;
            hidden[m] = out[m] * (1 - x * x);
        }
        java.util.Arrays.fill(dEdq, 0, dim, 0.0);
        for (int m = 0; m < neurons; m++) {
            double g = hidden[m];
            int row = m * dim;
            for (int d = 0; d < dim; d++) dEdq[d] += g * w[row + d];
        }
        return e - b1;
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
