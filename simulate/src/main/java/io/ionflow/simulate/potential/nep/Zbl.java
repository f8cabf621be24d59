package io.ionflow.simulate.potential.nep;

/**
 * The universal Ziegler–Biersack–Littmark screened Coulomb repulsion that NEP models with {@code _zbl}
 * add at short range (GPUMD's convention):
 * <pre>
 *   V(r) = k_e Z_i Z_j / r · Σ_k a_k exp(−b_k r/a) · f_s(r),   a = 0.46848 Å / (Z_i^0.23 + Z_j^0.23),
 *   (a_k, b_k) = (0.18175, 3.1998), (0.50986, 0.94229), (0.28022, 0.4029), (0.02817, 0.20162),
 *   f_s = 1 below r_inner, ½[1 + cos(π (r − r_inner)/(r_outer − r_inner))] up to r_outer, 0 beyond,
 * </pre>
 * with k_e = 14.399645 eV·Å and 1/0.46848 Å taken as 2.134563 Å⁻¹ as GPUMD does. Each atom carries half
 * of every pair term. With a typewise factor (the {@code zbl} line's optional fourth number) the outer
 * radius of a pair is min(r_outer, factor·(R_i + R_j)) with GPUMD's covalent radii R, and the inner one
 * half of that.
 */
final class Zbl {
    static final double COULOMB = 14.399645;
    static final double INVERSE_SCREENING_LENGTH = 2.134563;
    private static final double[] A = {0.18175, 0.50986, 0.28022, 0.02817};
    private static final double[] B = {3.1998, 0.94229, 0.4029, 0.20162};

    private final int types;
    private final double[] zz, aInv, inner, outer;

    Zbl(int[] atomicNumbers, double rInner, double rOuter, double typewiseFactor) {
        types = atomicNumbers.length;
        zz = new double[types * types];
        aInv = new double[types * types];
        inner = new double[types * types];
        outer = new double[types * types];
        for (int a = 0; a < types; a++) {
            for (int b = 0; b < types; b++) {
                int p = a * types + b;
                int za = atomicNumbers[a], zb = atomicNumbers[b];
                zz[p] = COULOMB * za * zb;
                aInv[p] = (Math.pow(za, 0.23) + Math.pow(zb, 0.23)) * INVERSE_SCREENING_LENGTH;
                if (Double.isNaN(typewiseFactor)) {
                    inner[p] = rInner;
                    outer[p] = rOuter;
                } else {
                    outer[p] = Math.min(rOuter, typewiseFactor * (CovalentRadii.of(za) + CovalentRadii.of(zb)));
                    inner[p] = 0.5 * outer[p];
                }
            }
        }
    }

    double maxOuter() {
        double m = 0;
        for (double r : outer) m = Math.max(m, r);
        return m;
    }

    double outer(int pair) { return outer[pair]; }

    /** Writes V(r) (eV) and dV/dr (eV/Å) of type pair p at distance r into out[0], out[1]. */
    void energyAndDerivative(int p, double r, double[] out) {
        if (r >= outer[p]) {
            out[0] = 0;
            out[1] = 0;
            return;
        }
        double x = r * aInv[p];
        double phi = 0, dphi = 0;
        for (int k = 0; k < 4; k++) {
            double t = A[k] * Math.exp(-B[k] * x);
            phi += t;
            dphi -= B[k] * t;
        }
        double rinv = 1 / r;
        double v = zz[p] * phi * rinv;
        double dv = zz[p] * (dphi * aInv[p] * rinv - phi * rinv * rinv);
        double fs = 1, dfs = 0;
        if (r > inner[p]) {
            double w = Math.PI / (outer[p] - inner[p]);
            fs = 0.5 * Math.cos(w * (r - inner[p])) + 0.5;
            dfs = -0.5 * w * Math.sin(w * (r - inner[p]));
        }
        out[0] = v * fs;
        out[1] = dv * fs + v * dfs;
    }
}
