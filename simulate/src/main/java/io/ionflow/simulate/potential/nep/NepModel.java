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
    final double b1;
    /** Per type pair: c[n·basis + k]. */
    final double[][] cRadial, cAngular;
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
        this.b0 = b0;
        this.w1 = w1;
        this.b1 = b1;
        this.cRadial = cRadial;
        this.cAngular = cAngular;
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
     */
    double atomEnergy(int t, double[] q, double[] dEdq) {
        int k = network(t);
        double[] w = w0[k], bias = b0[k], out = w1[k];
        java.util.Arrays.fill(dEdq, 0, dim, 0.0);
        double e = 0;
        for (int m = 0; m < neurons; m++) {
            int row = m * dim;
            double z0 = 0, z1 = 0, z2 = 0, z3 = 0; // four partial sums: independent chains the CPU can overlap
            int d = 0;
            for (; d + 3 < dim; d += 4) {
                z0 += w[row + d] * q[d];
                z1 += w[row + d + 1] * q[d + 1];
                z2 += w[row + d + 2] * q[d + 2];
                z3 += w[row + d + 3] * q[d + 3];
            }
            for (; d < dim; d++) z0 += w[row + d] * q[d];
            double x = Math.tanh((z0 + z1) + (z2 + z3) - bias[m]);
            e += out[m] * x;
            double g = out[m] * (1 - x * x);
            for (int e2 = 0; e2 < dim; e2++) dEdq[e2] += g * w[row + e2];
        }
        return e - b1;
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
