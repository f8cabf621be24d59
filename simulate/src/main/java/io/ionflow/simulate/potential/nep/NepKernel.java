package io.ionflow.simulate.potential.nep;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.neighbor.PeriodicNeighbors;
import io.ionflow.simulate.potential.Evaluation;

/**
 * Energy, forces and virial of a NEP model on a periodic cell of any shape, in three passes over a
 * full neighbour list:
 * <ol>
 *   <li>per atom i: descriptor q_i, atom energy E_i (plus half of each ZBL pair term), dE_i/dq_i and,
 *       for the angular part, dE_i/ds_{nk} by the chain rule through the invariants;</li>
 *   <li>per pair entry (i, j): the vector f_ij = ∂E_i/∂d_ij, d_ij = x_j − x_i, from the radial
 *       derivatives g_n' and the gradients of the angular polynomials projected on the sphere,
 *       ∇_d Y(d/|d|) = (1 − d̂d̂ᵀ)∇_u Y / |d|;</li>
 *   <li>per atom: F_i = Σ_j f_ij − Σ_j f_ji (the second term read through the reverse entry).</li>
 * </ol>
 * Every pass writes only its own atom's or entry's slots and the totals are summed in atom order, so
 * the result is identical bit for bit for any thread count. Virial W = −Σ_ij d_ij ⊗ f_ij (eV).
 */
final class NepKernel {
    private final NepModel m;
    private final int lm;      // angular polynomials per radial function
    private final int sSize;   // n_A · lm

    NepKernel(NepModel model) {
        this.m = model;
        this.lm = AngularTerms.count(model.lMax);
        this.sSize = model.nAngular * lm;
    }

    Evaluation evaluate(double[] cell, int[] types, double[] positions, Parallel par) {
        int n = types.length;
        PeriodicNeighbors nl = PeriodicNeighbors.build(cell, positions, m.maxCutoff, par);
        double[] atomEnergy = new double[n];
        double[] fp = new double[n * m.dim];
        double[] ds = new double[n * sSize];
        double[] cosR = new double[nl.size()], cosA = new double[nl.size()];
        par.forRange(n, (from, to) -> {
            Scratch w = new Scratch();
            for (int i = from; i < to; i++) atomPass(i, types, nl, w, atomEnergy, fp, ds, cosR, cosA);
        });
        double[] f = new double[3 * nl.size()];
        double[] atomVirial = new double[9 * n];
        par.forRange(n, (from, to) -> {
            Scratch w = new Scratch();
            for (int i = from; i < to; i++) pairPass(i, types, nl, w, fp, ds, cosR, cosA, f, atomVirial);
        });
        double[] forces = new double[3 * n];
        par.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) gather(i, nl, f, forces);
        });
        double e = 0;
        for (int i = 0; i < n; i++) e += atomEnergy[i];
        double[] virial = new double[9];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 9; c++) virial[c] += atomVirial[9 * i + c];
        }
        return new Evaluation(e, forces, virial);
    }

    /** Per-thread work arrays. */
    private final class Scratch {
        final double[] q = new double[m.dim];
        final double[] dEdq = new double[m.dim];
        final double[] hidden = new double[m.neurons];
        final double[] s = new double[sSize];
        final double[] fb = new double[Math.max(m.basisRadial, m.basisAngular)];
        final double[] dfb = new double[fb.length];
        final double[] g = new double[m.nAngular];
        final double[] dg = new double[m.nAngular];
        final double[] y = new double[lm];
        final double[] zbl = new double[2];
        final double[] tangent = new double[3];
        final double[] basisSum = new double[m.types * m.basisRadial];
        final double[] h = new double[lm];
        final double[] dh = new double[lm];
        final double[][] radialCoef = new double[m.types][m.basisRadial];
        final boolean[] radialCoefReady = new boolean[m.types];
    }

    private void atomPass(int i, int[] types, PeriodicNeighbors nl, Scratch w, double[] atomEnergy, double[] fp, double[] ds,
                          double[] cosR, double[] cosA) {
        int ti = types[i], nt = m.types;
        java.util.Arrays.fill(w.q, 0);
        java.util.Arrays.fill(w.s, 0);
        java.util.Arrays.fill(w.basisSum, 0);
        double e = 0;
        for (int p = nl.start(i), end = nl.end(i); p < end; p++) {
            int pair = ti * nt + types[nl.neighbor(p)];
            double dx = nl.dx(p), dy = nl.dy(p), dz = nl.dz(p);
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (r < m.rcRadial[pair]) {
                cosR[p] = RadialBasis.cosine(r, m.rcRadial[pair]);
                RadialBasis.values(r, m.rcRadial[pair], cosR[p], m.sharedBasis[pair] ? w.fb.length : m.basisRadial, w.fb);
                addRadialBasis(types[nl.neighbor(p)], w);
            }
            if (r < m.rcAngular[pair]) {
                if (m.sharedBasis[pair]) { // same cutoff: the radial pass already filled the basis
                    cosA[p] = cosR[p];
                } else {
                    cosA[p] = RadialBasis.cosine(r, m.rcAngular[pair]);
                    RadialBasis.values(r, m.rcAngular[pair], cosA[p], m.basisAngular, w.fb);
                }
                addAngular(dx / r, dy / r, dz / r, pair, w);
            }
            if (m.zbl != null && r < m.zbl.outer(pair)) {
                m.zbl.energyAndDerivative(pair, r, w.zbl);
                e += 0.5 * w.zbl[0];
            }
        }
        radialDescriptor(ti, w);
        for (int a = 0; a < m.nAngular; a++) {
            AngularTerms.invariants(w.s, a * lm, m.lMax, m.fourBody, m.fiveBody, w.q, m.nRadial + a, m.nAngular);
        }
        for (int d = 0; d < m.dim; d++) w.q[d] *= m.scaler[d];
        e += m.atomEnergy(ti, w.q, w.dEdq, w.hidden);
        atomEnergy[i] = e;
        int fo = i * m.dim;
        for (int d = 0; d < m.dim; d++) fp[fo + d] = w.dEdq[d] * m.scaler[d];
        for (int a = 0; a < m.nAngular; a++) {
            AngularTerms.chain(w.s, a * lm, m.lMax, m.fourBody, m.fiveBody, fp, fo + m.nRadial + a, m.nAngular, ds,
                    i * sSize + a * lm);
        }
    }

    /** Σ_j f_k(r_ij) per neighbour type: the radial descriptor is linear in these sums. */
    private void addRadialBasis(int tj, Scratch w) {
        int nb = m.basisRadial;
        int o = tj * nb;
        for (int k = 0; k < nb; k++) w.basisSum[o + k] += w.fb[k];
    }

    /** q_n = Σ_t Σ_k c^{t_i t}_nk Σ_{j of type t} f_k(r_ij). */
    private void radialDescriptor(int ti, Scratch w) {
        int nb = m.basisRadial;
        for (int t = 0; t < m.types; t++) {
            double[] c = m.cRadial[ti * m.types + t];
            int o = t * nb;
            for (int a = 0; a < m.nRadial; a++) {
                double g = 0;
                for (int k = 0; k < nb; k++) g += c[a * nb + k] * w.basisSum[o + k];
                w.q[a] += g;
            }
        }
    }

    /** Adds the pair's term to the angular sums, the angular basis being in w.fb. */
    private void addAngular(double ux, double uy, double uz, int pair, Scratch w) {
        AngularTerms.values(ux, uy, uz, m.lMax, w.y);
        double[] cb = m.cAngularByBasis[pair], fb = w.fb, g = w.g, y = w.y, sums = w.s;
        int nA = m.nAngular;
        java.util.Arrays.fill(g, 0);
        for (int k = 0; k < m.basisAngular; k++) { // g_n = Σ_k c_nk f_k for all n at once
            double fk = fb[k];
            int o = k * nA;
            for (int a = 0; a < nA; a++) g[a] += fk * cb[o + a];
        }
        for (int a = 0; a < nA; a++) {
            double ga = g[a];
            int o = a * lm;
            for (int k = 0; k < lm; k++) sums[o + k] += ga * y[k];
        }
    }

    private void pairPass(int i, int[] types, PeriodicNeighbors nl, Scratch w, double[] fp, double[] ds,
                          double[] cosR, double[] cosA, double[] f, double[] atomVirial) {
        int ti = types[i], nt = m.types;
        java.util.Arrays.fill(w.radialCoefReady, false);
        double vxx = 0, vxy = 0, vxz = 0, vyx = 0, vyy = 0, vyz = 0, vzx = 0, vzy = 0, vzz = 0;
        for (int p = nl.start(i), end = nl.end(i); p < end; p++) {
            int tj = types[nl.neighbor(p)];
            int pair = ti * nt + tj;
            double dx = nl.dx(p), dy = nl.dy(p), dz = nl.dz(p);
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            double ux = dx / r, uy = dy / r, uz = dz / r;
            double dEdr = 0, bx = 0, by = 0, bz = 0;
            boolean inRadial = r < m.rcRadial[pair];
            if (inRadial) dEdr += radialDerivative(r, cosR[p], pair, tj, i, fp, w);
            if (m.zbl != null && r < m.zbl.outer(pair)) {
                m.zbl.energyAndDerivative(pair, r, w.zbl);
                dEdr += 0.5 * w.zbl[1];
            }
            if (r < m.rcAngular[pair]) {
                if (!(inRadial && m.sharedBasis[pair])) {
                    RadialBasis.valuesAndDerivatives(r, m.rcAngular[pair], cosA[p], m.basisAngular, w.fb, w.dfb);
                }
                dEdr += angularDerivative(ux, uy, uz, pair, i, ds, w);
                bx = w.tangent[0];
                by = w.tangent[1];
                bz = w.tangent[2];
            }
            double along = (ux * bx + uy * by + uz * bz);
            double fx = dEdr * ux + (bx - ux * along) / r;
            double fy = dEdr * uy + (by - uy * along) / r;
            double fz = dEdr * uz + (bz - uz * along) / r;
            f[3 * p] = fx;
            f[3 * p + 1] = fy;
            f[3 * p + 2] = fz;
            vxx -= dx * fx; vxy -= dx * fy; vxz -= dx * fz;
            vyx -= dy * fx; vyy -= dy * fy; vyz -= dy * fz;
            vzx -= dz * fx; vzy -= dz * fy; vzz -= dz * fz;
        }
        int o = 9 * i;
        atomVirial[o] = vxx; atomVirial[o + 1] = vxy; atomVirial[o + 2] = vxz;
        atomVirial[o + 3] = vyx; atomVirial[o + 4] = vyy; atomVirial[o + 5] = vyz;
        atomVirial[o + 6] = vzx; atomVirial[o + 7] = vzy; atomVirial[o + 8] = vzz;
    }

    /** Σ_k (Σ_n c·f_k') dE_i/dq_n for the radial part: dE_i/dr of the pair (eV/Å). */
    private double radialDerivative(double r, double cos, int pair, int tj, int i, double[] fp, Scratch w) {
        int nb = m.basisRadial;
        double[] coef = w.radialCoef[tj];
        if (!w.radialCoefReady[tj]) { // Σ_n dE_i/dq_n c_nk, once per atom and neighbour type
            double[] c = m.cRadial[pair];
            int fo = i * m.dim;
            java.util.Arrays.fill(coef, 0);
            for (int a = 0; a < m.nRadial; a++) {
                double fa = fp[fo + a];
                for (int k = 0; k < nb; k++) coef[k] += fa * c[a * nb + k];
            }
            w.radialCoefReady[tj] = true;
        }
        RadialBasis.valuesAndDerivatives(r, m.rcRadial[pair], cos, m.sharedBasis[pair] ? w.fb.length : nb, w.fb, w.dfb);
        double d = 0;
        for (int k = 0; k < nb; k++) d += coef[k] * w.dfb[k];
        return d;
    }

    /**
     * The angular part of ∂E_i/∂d (the angular basis and its derivatives being in w.fb, w.dfb): returns its
     * component along r̂ (Σ_n g_n' Σ_k dE/ds_nk Y_k) and leaves Σ_n g_n Σ_k dE/ds_nk ∇_u Y_k in w.tangent
     * (projected and divided by r by the caller).
     */
    private double angularDerivative(double ux, double uy, double uz, int pair, int i, double[] ds, Scratch w) {
        AngularTerms.values(ux, uy, uz, m.lMax, w.y);
        radialFunctionsAndDerivatives(m.cAngularByBasis[pair], w);
        double[] g = w.g, dg = w.dg, h = w.h, dh = w.dh, y = w.y;
        java.util.Arrays.fill(h, 0);
        java.util.Arrays.fill(dh, 0);
        for (int a = 0; a < m.nAngular; a++) { // h_k = Σ_n g_n dE/ds_nk, h'_k = Σ_n g_n' dE/ds_nk
            double ga = g[a], dga = dg[a];
            int o = i * sSize + a * lm;
            for (int k = 0; k < lm; k++) {
                double d = ds[o + k];
                h[k] += ga * d;
                dh[k] += dga * d;
            }
        }
        double r0 = 0, r1 = 0; // two partial sums: independent chains
        int k = 0;
        for (; k + 1 < lm; k += 2) {
            r0 += dh[k] * y[k];
            r1 += dh[k + 1] * y[k + 1];
        }
        if (k < lm) r0 += dh[k] * y[k];
        AngularTerms.gradientDot(ux, uy, uz, m.lMax, h, w.tangent);
        return r0 + r1;
    }

    /** g_n = Σ_k c_nk f_k and g_n' = Σ_k c_nk f_k' for all n, from w.fb, w.dfb into w.g, w.dg. */
    private void radialFunctionsAndDerivatives(double[] cb, Scratch w) {
        double[] fb = w.fb, dfb = w.dfb, g = w.g, dg = w.dg;
        int nA = m.nAngular;
        java.util.Arrays.fill(g, 0);
        java.util.Arrays.fill(dg, 0);
        for (int k = 0; k < m.basisAngular; k++) {
            double fk = fb[k], dfk = dfb[k];
            int o = k * nA;
            for (int a = 0; a < nA; a++) {
                double c = cb[o + a];
                g[a] += fk * c;
                dg[a] += dfk * c;
            }
        }
    }

    private static void gather(int i, PeriodicNeighbors nl, double[] f, double[] forces) {
        double fx = 0, fy = 0, fz = 0;
        for (int p = nl.start(i), end = nl.end(i); p < end; p++) {
            int q = nl.reverse(p);
            fx += f[3 * p] - f[3 * q];
            fy += f[3 * p + 1] - f[3 * q + 1];
            fz += f[3 * p + 2] - f[3 * q + 2];
        }
        forces[3 * i] = fx;
        forces[3 * i + 1] = fy;
        forces[3 * i + 2] = fz;
    }
}
