package io.ionflow.simulate.potential.nep;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.neighbor.PeriodicNeighbors;
import io.ionflow.simulate.potential.Evaluation;

/**
 * Energy, forces and virial of a NEP model on a periodic cell of any shape, in three passes over a
 * full neighbour list:
 * <ol>
 *   <li>per atom i: descriptor q_i, atom energy E_i (plus half of each ZBL pair term), dE_i/dq_i, the
 *       radial coefficients a^i_{tk} = Σ_n dE_i/dq_n c^{t_i t}_nk per neighbour type t and, for the
 *       angular part, dE_i/ds_{nk} by the chain rule through the invariants;</li>
 *   <li>per atom, over its entries (i, j), d_ij = x_j − x_i: the radial pair force, once per pair (from
 *       the entry with the smaller index): E_i and E_j see the same basis f_k(r_ij), so
 *       dE_i/dr + dE_j/dr = Σ_k (a^i_{t_j k} + a^j_{t_i k}) f_k'(r), written to both entries with
 *       opposite signs; and the angular vector f_ij = ∂E_i/∂d_ij from the radial derivatives g_n' and the
 *       gradients of the angular polynomials projected on the sphere, ∇_d Y(d/|d|) = (1 − d̂d̂ᵀ)∇_u Y / |d|;</li>
 *   <li>per atom: F_i = Σ_j (radial pair force) + Σ_j f_ij − Σ_j f_ji (the last read through the
 *       reverse entry).</li>
 * </ol>
 * Every pass writes only slots that one atom owns (its own, or both entries of the pairs whose smaller
 * entry it holds) and the totals are summed in atom order, so the result is identical bit for bit for
 * any thread count. Virial W = −Σ_ij d_ij ⊗ f_ij (eV).
 */
final class NepKernel {
    private final NepModel m;
    private final int lm;      // angular polynomials per radial function
    private final int sSize;   // n_A · lm
    /** The last evaluation's arrays, reused by the next one of the same size (taken while in use). */
    private final java.util.concurrent.atomic.AtomicReference<Work> spare = new java.util.concurrent.atomic.AtomicReference<>();

    NepKernel(NepModel model) {
        this.m = model;
        this.lm = AngularTerms.count(model.lMax);
        this.sSize = model.nAngular * lm;
    }

    Evaluation evaluate(double[] cell, int[] types, double[] positions, Parallel par) {
        int n = types.length;
        Work k = spare.getAndSet(null);
        PeriodicNeighbors nl = PeriodicNeighbors.build(cell, positions, m.maxCutoff, par, k == null ? null : k.neighbors);
        if (k == null || k.atoms != n || k.entries < nl.size()) k = new Work(n, nl.size() + nl.size() / 8);
        k.neighbors = nl;
        k.findPresentTypes(types);
        Work work = k;
        par.forRange(n, (from, to) -> {
            Scratch w = new Scratch();
            for (int i = from; i < to; i++) atomPass(i, types, nl, w, work);
        });
        par.forRange(n, (from, to) -> {
            Scratch w = new Scratch();
            for (int i = from; i < to; i++) pairPass(i, types, nl, w, work);
        });
        double[] forces = new double[3 * n];
        par.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) gather(i, nl, work, forces);
        });
        double e = 0;
        for (int i = 0; i < n; i++) e += k.atomEnergy[i];
        double[] virial = new double[9];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 9; c++) virial[c] += k.atomVirial[9 * i + c];
        }
        spare.set(k);
        return new Evaluation(e, forces, virial);
    }

    /**
     * The arrays of one evaluation, per atom and per neighbour-list entry (at least {@code entries}); every
     * slot read is written first in the same evaluation, so they are reused without clearing.
     */
    private final class Work {
        final int atoms, entries;
        final double[] atomEnergy, fp, ds, radialCoef, atomVirial;
        final double[] cosR, cosA, pairForce, angularForce;
        /** The neighbour list of the last evaluation, whose arrays the next one recycles. */
        PeriodicNeighbors neighbors;
        /** The model types present in the structure, ascending: the only neighbour types of any atom. */
        int[] present;

        Work(int n, int entries) {
            this.atoms = n;
            this.entries = entries;
            atomEnergy = new double[n];
            fp = new double[n * m.dim];
            ds = new double[n * sSize];
            radialCoef = new double[n * m.types * m.basisRadial];
            atomVirial = new double[9 * n];
            cosR = new double[entries];
            cosA = new double[entries];
            pairForce = new double[3 * entries];
            angularForce = new double[3 * entries];
        }

        void findPresentTypes(int[] types) {
            boolean[] seen = new boolean[m.types];
            for (int t : types) seen[t] = true;
            int count = 0;
            for (boolean b : seen) count += b ? 1 : 0;
            present = new int[count];
            for (int t = 0, c = 0; t < m.types; t++) {
                if (seen[t]) present[c++] = t;
            }
        }
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
        final double[] virial = new double[9];
    }

    private void atomPass(int i, int[] types, PeriodicNeighbors nl, Scratch w, Work k) {
        int ti = types[i], nt = m.types;
        java.util.Arrays.fill(w.q, 0);
        java.util.Arrays.fill(w.s, 0);
        java.util.Arrays.fill(w.basisSum, 0);
        double e = 0;
        for (int p = nl.start(i), end = nl.end(i); p < end; p++) {
            int tj = types[nl.neighbor(p)], pair = ti * nt + tj;
            double dx = nl.dx(p), dy = nl.dy(p), dz = nl.dz(p);
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            boolean angular = r < m.rcAngular[pair];
            if (r < m.rcRadial[pair]) {
                double rc = m.rcRadial[pair], cos = k.cosR[p] = RadialBasis.cosine(r, rc);
                if (angular && m.sharedBasis[pair]) { // same cutoff: one basis for both parts
                    RadialBasis.values(r, rc, cos, w.fb.length, w.fb);
                    addRadialBasis(tj, w);
                } else {
                    RadialBasis.accumulate(r, rc, cos, m.basisRadial, w.basisSum, tj * m.basisRadial);
                }
            }
            if (angular) {
                if (m.sharedBasis[pair]) {
                    k.cosA[p] = k.cosR[p];
                } else {
                    k.cosA[p] = RadialBasis.cosine(r, m.rcAngular[pair]);
                    RadialBasis.values(r, m.rcAngular[pair], k.cosA[p], m.basisAngular, w.fb);
                }
                addAngular(dx / r, dy / r, dz / r, pair, w);
            }
            if (m.zbl != null && r < m.zbl.outer(pair)) {
                m.zbl.energyAndDerivative(pair, r, w.zbl);
                e += 0.5 * w.zbl[0];
            }
        }
        k.atomEnergy[i] = e + atomEnergy(i, ti, w, k);
    }

    /** From the sums of atom i: its network energy; stores dE/dq, the radial coefficients and dE/ds. */
    private double atomEnergy(int i, int ti, Scratch w, Work k) {
        radialDescriptor(ti, w, k.present);
        for (int a = 0; a < m.nAngular; a++) {
            AngularTerms.invariants(w.s, a * lm, m.lMax, m.fourBody, m.fiveBody, w.q, m.nRadial + a, m.nAngular);
        }
        for (int d = 0; d < m.dim; d++) w.q[d] *= m.scaler[d];
        double e = m.atomEnergy(ti, w.q, w.dEdq, w.hidden);
        int fo = i * m.dim;
        for (int d = 0; d < m.dim; d++) k.fp[fo + d] = w.dEdq[d] * m.scaler[d];
        radialCoefficients(i, ti, k);
        for (int a = 0; a < m.nAngular; a++) {
            AngularTerms.chain(w.s, a * lm, m.lMax, m.fourBody, m.fiveBody, k.fp, fo + m.nRadial + a, m.nAngular, k.ds,
                    i * sSize + a * lm);
        }
        return e;
    }

    /** a^i_{tk} = Σ_n dE_i/dq_n c^{t_i t}_nk for every neighbour type t: dE_i/dr = Σ_k a^i_{t_j k} f_k'(r). */
    private void radialCoefficients(int i, int ti, Work k) {
        int nb = m.basisRadial, fo = i * m.dim;
        for (int t : k.present) {
            double[] c = m.cRadial[ti * m.types + t];
            int o = (i * m.types + t) * nb;
            java.util.Arrays.fill(k.radialCoef, o, o + nb, 0);
            for (int a = 0; a < m.nRadial; a++) {
                double fa = k.fp[fo + a];
                for (int b = 0; b < nb; b++) k.radialCoef[o + b] += fa * c[a * nb + b];
            }
        }
    }

    /** Σ_j f_k(r_ij) per neighbour type: the radial descriptor is linear in these sums. */
    private void addRadialBasis(int tj, Scratch w) {
        int nb = m.basisRadial;
        int o = tj * nb;
        for (int k = 0; k < nb; k++) w.basisSum[o + k] += w.fb[k];
    }

    /** q_n = Σ_t Σ_k c^{t_i t}_nk Σ_{j of type t} f_k(r_ij), over the types t present. */
    private void radialDescriptor(int ti, Scratch w, int[] present) {
        int nb = m.basisRadial;
        for (int t : present) {
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
        radialFunctions(m.cAngularByBasis[pair], w.fb, w.g);
        double[] g = w.g, y = w.y, sums = w.s;
        for (int a = 0; a < m.nAngular; a++) {
            double ga = g[a];
            int o = a * lm;
            for (int k = 0; k < lm; k++) sums[o + k] = Math.fma(ga, y[k], sums[o + k]);
        }
    }

    /**
     * g_n = Σ_k c_nk f_k for all n, from c transposed ({@code cb[k·n_A + n]}): four n at a time, their
     * coefficients of one k contiguous and their sums in registers.
     */
    private void radialFunctions(double[] cb, double[] fb, double[] g) {
        int nA = m.nAngular, nb = m.basisAngular, a = 0;
        for (; a + 3 < nA; a += 4) {
            double g0 = 0, g1 = 0, g2 = 0, g3 = 0;
            for (int k = 0, o = a; k < nb; k++, o += nA) {
                double fk = fb[k];
                g0 = Math.fma(fk, cb[o], g0);
                g1 = Math.fma(fk, cb[o + 1], g1);
                g2 = Math.fma(fk, cb[o + 2], g2);
                g3 = Math.fma(fk, cb[o + 3], g3);
            }
            g[a] = g0; g[a + 1] = g1; g[a + 2] = g2; g[a + 3] = g3;
        }
        for (; a < nA; a++) {
            double ga = 0;
            for (int k = 0, o = a; k < nb; k++, o += nA) ga = Math.fma(fb[k], cb[o], ga);
            g[a] = ga;
        }
    }

    private void pairPass(int i, int[] types, PeriodicNeighbors nl, Scratch w, Work k) {
        int ti = types[i], nt = m.types;
        java.util.Arrays.fill(w.virial, 0);
        for (int p = nl.start(i), end = nl.end(i); p < end; p++) {
            int j = nl.neighbor(p), tj = types[j], pair = ti * nt + tj;
            double dx = nl.dx(p), dy = nl.dy(p), dz = nl.dz(p);
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            int q = nl.reverse(p);
            if (p < q) radialPair(p, q, i, j, ti, tj, r, dx, dy, dz, w, k);
            if (r < m.rcAngular[pair]) {
                angularPair(p, i, pair, r, dx, dy, dz, w, k);
            } else {
                java.util.Arrays.fill(k.angularForce, 3 * p, 3 * p + 3, 0);
            }
        }
        System.arraycopy(w.virial, 0, k.atomVirial, 9 * i, 9);
    }

    /**
     * The radial (and ZBL) force of the pair of entries p (atom i) and q (atom j), both cutoffs and the ZBL
     * term being symmetric in the types: (dE_i/dr + dE_j/dr) d̂ into entry p, its negative into q.
     */
    private void radialPair(int p, int q, int i, int j, int ti, int tj, double r, double dx, double dy, double dz,
                            Scratch w, Work k) {
        int pair = ti * m.types + tj, nb = m.basisRadial;
        double dEdr = 0;
        if (r < m.rcRadial[pair]) {
            dEdr = RadialBasis.derivativeSum(r, m.rcRadial[pair], k.cosR[p], nb, k.radialCoef,
                    (i * m.types + tj) * nb, (j * m.types + ti) * nb);
        }
        if (m.zbl != null && r < m.zbl.outer(pair)) {
            m.zbl.energyAndDerivative(pair, r, w.zbl);
            dEdr += w.zbl[1]; // half from each atom
        }
        double s = dEdr / r, fx = s * dx, fy = s * dy, fz = s * dz;
        double[] f = k.pairForce;
        f[3 * p] = fx;
        f[3 * p + 1] = fy;
        f[3 * p + 2] = fz;
        f[3 * q] = -fx;
        f[3 * q + 1] = -fy;
        f[3 * q + 2] = -fz;
        addVirial(w.virial, dx, dy, dz, fx, fy, fz);
    }

    /** The angular part of f_ij = ∂E_i/∂d_ij for entry p into k.angularForce. */
    private void angularPair(int p, int i, int pair, double r, double dx, double dy, double dz, Scratch w, Work k) {
        double ux = dx / r, uy = dy / r, uz = dz / r;
        RadialBasis.valuesAndDerivatives(r, m.rcAngular[pair], k.cosA[p], m.basisAngular, w.fb, w.dfb);
        double dEdr = angularDerivative(ux, uy, uz, pair, i, k.ds, w);
        double bx = w.tangent[0], by = w.tangent[1], bz = w.tangent[2];
        double along = ux * bx + uy * by + uz * bz;
        double fx = dEdr * ux + (bx - ux * along) / r;
        double fy = dEdr * uy + (by - uy * along) / r;
        double fz = dEdr * uz + (bz - uz * along) / r;
        double[] f = k.angularForce;
        f[3 * p] = fx;
        f[3 * p + 1] = fy;
        f[3 * p + 2] = fz;
        addVirial(w.virial, dx, dy, dz, fx, fy, fz);
    }

    /** v −= d ⊗ f. */
    private static void addVirial(double[] v, double dx, double dy, double dz, double fx, double fy, double fz) {
        v[0] -= dx * fx; v[1] -= dx * fy; v[2] -= dx * fz;
        v[3] -= dy * fx; v[4] -= dy * fy; v[5] -= dy * fz;
        v[6] -= dz * fx; v[7] -= dz * fy; v[8] -= dz * fz;
    }

    /**
     * The angular part of ∂E_i/∂d (the angular basis and its derivatives being in w.fb, w.dfb): returns its
     * component along r̂ (Σ_n g_n' Σ_k dE/ds_nk Y_k) and leaves Σ_n g_n Σ_k dE/ds_nk ∇_u Y_k in w.tangent
     * (projected and divided by r by the caller).
     */
    private double angularDerivative(double ux, double uy, double uz, int pair, int i, double[] ds, Scratch w) {
        AngularTerms.values(ux, uy, uz, m.lMax, w.y);
        radialFunctionsAndDerivatives(m.cAngularByBasis[pair], w);
        double[] g = w.g, dg = w.dg, h = w.h, y = w.y;
        int nA = m.nAngular, o0 = i * sSize, k = 0;
        double radial = 0;
        for (; k + 3 < lm; k += 4) { // four k at a time, summed over n in registers
            double h0 = 0, h1 = 0, h2 = 0, h3 = 0, e0 = 0, e1 = 0, e2 = 0, e3 = 0;
            for (int a = 0, o = o0 + k; a < nA; a++, o += lm) {
                double ga = g[a], dga = dg[a];
                double d0 = ds[o], d1 = ds[o + 1], d2 = ds[o + 2], d3 = ds[o + 3];
                h0 = Math.fma(ga, d0, h0); h1 = Math.fma(ga, d1, h1); h2 = Math.fma(ga, d2, h2); h3 = Math.fma(ga, d3, h3);
                e0 = Math.fma(dga, d0, e0); e1 = Math.fma(dga, d1, e1); e2 = Math.fma(dga, d2, e2); e3 = Math.fma(dga, d3, e3);
            }
            h[k] = h0; h[k + 1] = h1; h[k + 2] = h2; h[k + 3] = h3;
            radial += (e0 * y[k] + e1 * y[k + 1]) + (e2 * y[k + 2] + e3 * y[k + 3]);
        }
        for (; k < lm; k++) {
            double hk = 0, ek = 0;
            for (int a = 0, o = o0 + k; a < nA; a++, o += lm) {
                hk += g[a] * ds[o];
                ek += dg[a] * ds[o];
            }
            h[k] = hk;
            radial += ek * y[k];
        }
        AngularTerms.gradientDot(ux, uy, uz, m.lMax, h, w.tangent);
        return radial;
    }

    /** g_n = Σ_k c_nk f_k and g_n' = Σ_k c_nk f_k' for all n (as {@link #radialFunctions}), from w.fb, w.dfb into w.g, w.dg. */
    private void radialFunctionsAndDerivatives(double[] cb, Scratch w) {
        double[] fb = w.fb, dfb = w.dfb, g = w.g, dg = w.dg;
        int nA = m.nAngular, nb = m.basisAngular, a = 0;
        for (; a + 3 < nA; a += 4) {
            double g0 = 0, g1 = 0, g2 = 0, g3 = 0, e0 = 0, e1 = 0, e2 = 0, e3 = 0;
            for (int k = 0, o = a; k < nb; k++, o += nA) {
                double fk = fb[k], dfk = dfb[k], c0 = cb[o], c1 = cb[o + 1], c2 = cb[o + 2], c3 = cb[o + 3];
                g0 = Math.fma(fk, c0, g0); g1 = Math.fma(fk, c1, g1); g2 = Math.fma(fk, c2, g2); g3 = Math.fma(fk, c3, g3);
                e0 = Math.fma(dfk, c0, e0); e1 = Math.fma(dfk, c1, e1); e2 = Math.fma(dfk, c2, e2); e3 = Math.fma(dfk, c3, e3);
            }
            g[a] = g0; g[a + 1] = g1; g[a + 2] = g2; g[a + 3] = g3;
            dg[a] = e0; dg[a + 1] = e1; dg[a + 2] = e2; dg[a + 3] = e3;
        }
        for (; a < nA; a++) {
            double ga = 0, ea = 0;
            for (int k = 0, o = a; k < nb; k++, o += nA) {
                ga = Math.fma(fb[k], cb[o], ga);
                ea = Math.fma(dfb[k], cb[o], ea);
            }
            g[a] = ga;
            dg[a] = ea;
        }
    }

    private static void gather(int i, PeriodicNeighbors nl, Work k, double[] forces) {
        double[] pf = k.pairForce, af = k.angularForce;
        double fx = 0, fy = 0, fz = 0;
        for (int p = nl.start(i), end = nl.end(i); p < end; p++) {
            int q = nl.reverse(p);
            fx += pf[3 * p] + (af[3 * p] - af[3 * q]);
            fy += pf[3 * p + 1] + (af[3 * p + 1] - af[3 * q + 1]);
            fz += pf[3 * p + 2] + (af[3 * p + 2] - af[3 * q + 2]);
        }
        forces[3 * i] = fx;
        forces[3 * i + 1] = fy;
        forces[3 * i + 2] = fz;
    }
}
