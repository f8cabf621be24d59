package io.ionflow.analyze.inm;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.Units;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Structure;

/**
 * Energy minimisation of the atomic positions at a fixed cell with FIRE (Bitzek, Koskinen, Gähler,
 * Moseler and Gumbsch, PRL 97, 170201 (2006)), optionally finished by Newton steps with the analytic
 * Hessian (translations projected out) for a minimum converged to round-off — used to build the
 * inherent structures and reference minima of INM analyses.
 *
 * <p>FIRE parameters are the published defaults (N_min 5, f_inc 1.1, f_dec 0.5, α_start 0.1, f_α 0.99)
 * with real masses, a start time step of 2 fs and a maximum of 10 fs; a step moving any atom more than
 * 0.1 Å is scaled down. Units: Å, ps, amu, eV.
 */
public final class FireMinimizer {
    private FireMinimizer() {}

    /**
     * Outcome.
     *
     * @param energyEv  final potential energy, eV
     * @param maxForce  largest |F_i| at the end, eV/Å
     * @param steps     FIRE steps taken
     * @param newtonSteps Newton steps taken
     * @param converged max force ≤ the tolerance
     */
    public record Result(double energyEv, double maxForce, int steps, int newtonSteps, boolean converged) {}

    /**
     * Minimises the positions of {@code s} in place (velocities are zeroed).
     *
     * @param s         structure (positions updated)
     * @param p         potential
     * @param fmaxTol   convergence: largest atomic force, eV/Å
     * @param maxSteps  FIRE step limit
     */
    public static Result minimize(Structure s, Potential p, double fmaxTol, int maxSteps) {
        Parallel par = Parallel.serial();
        int n = s.size();
        double[] x = s.positions();
        double[] v = new double[3 * n];
        double[] f = new double[3 * n];
        double[] invM = new double[n];
        for (int i = 0; i < n; i++) {
            invM[i] = Units.FORCE_TO_ACCEL / s.mass(i);
        }
        NeighborList nl = new NeighborList(p.cutoff(), 1.0);
        nl.build(s, par);
        double e = p.compute(s, nl, f, null, par);
        double dt = 0.002, dtMax = 0.010, alpha = 0.1;
        int sincePositive = 0;
        int step = 0;
        double fmax = maxForce(f);
        while (fmax > fmaxTol && step < maxSteps) {
            step++;
            double pw = 0, vv = 0, ff = 0;
            for (int k = 0; k < 3 * n; k++) {
                pw += f[k] * v[k];
                vv += v[k] * v[k];
                ff += f[k] * f[k];
            }
            if (pw > 0) {
                double mix = alpha * Math.sqrt(vv / ff);
                for (int k = 0; k < 3 * n; k++) {
                    v[k] = (1 - alpha) * v[k] + mix * f[k];
                }
                if (++sincePositive > 5) {
                    dt = Math.min(dt * 1.1, dtMax);
                    alpha *= 0.99;
                }
            } else {
                sincePositive = 0;
                dt *= 0.5;
                alpha = 0.1;
                java.util.Arrays.fill(v, 0);
            }
            // semi-implicit Euler (as in the FIRE paper's MD integrator)
            double maxMove = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    int k = 3 * i + c;
                    v[k] += dt * f[k] * invM[i];
                }
                double mx = v[3 * i] * dt, my = v[3 * i + 1] * dt, mz = v[3 * i + 2] * dt;
                maxMove = Math.max(maxMove, Math.sqrt(mx * mx + my * my + mz * mz));
            }
            double scale = maxMove > 0.1 ? 0.1 / maxMove : 1;
            for (int k = 0; k < 3 * n; k++) {
                x[k] += scale * v[k] * dt;
            }
            nl.update(s, par);
            e = p.compute(s, nl, f, null, par);
            fmax = maxForce(f);
        }
        java.util.Arrays.fill(s.velocities(), 0);
        return new Result(e, fmax, step, 0, fmax <= fmaxTol);
    }

    /**
     * FIRE to {@code fireTol}, then up to {@code newtonSteps} Newton steps x ← x − Σ_k (e_k·g̃)/λ_k e_k
     * in mass-weighted coordinates over the internal modes (translations excluded) until the largest
     * force is below {@code fmaxTol}. Newton steps are taken only while every internal mode is stable
     * (λ &gt; 0); otherwise the FIRE result is returned.
     */
    public static Result minimizeWithNewton(Structure s, Potential p, double fireTol, double fmaxTol, int maxSteps,
                                            int newtonSteps) {
        Result r = minimize(s, p, fireTol, maxSteps);
        int n = s.size();
        double[] x = s.positions();
        double[] f = new double[3 * n];
        Parallel par = Parallel.serial();
        NeighborList nl = new NeighborList(p.cutoff(), 1.0);
        nl.build(s, par);
        double e = p.compute(s, nl, f, null, par);
        double fmax = maxForce(f);
        int taken = 0;
        while (fmax > fmaxTol && taken < newtonSteps) {
            InstantaneousModes m = InstantaneousModes.compute(Hessian.of(s, p), true);
            if (m.unstableCount() > 0 || m.eigenvalue(0) <= m.zeroThreshold()) {
                break;
            }
            // mass-weighted gradient g̃ = −M^{-1/2} F; step in q: −Σ (e·g̃)/λ e; in x: M^{-1/2} times that
            double[] g = new double[3 * n];
            double[] mass = m.masses();
            for (int k = 0; k < 3 * n; k++) {
                g[k] = -f[k] / Math.sqrt(mass[k / 3]);
            }
            double[] dq = new double[3 * n];
            for (int k = 0; k < m.modeCount(); k++) {
                double[] ek = m.vector(k);
                double c = 0;
                for (int j = 0; j < 3 * n; j++) {
                    c += ek[j] * g[j];
                }
                c /= m.eigenvalue(k);
                for (int j = 0; j < 3 * n; j++) {
                    dq[j] -= c * ek[j];
                }
            }
            for (int j = 0; j < 3 * n; j++) {
                x[j] += dq[j] / Math.sqrt(mass[j / 3]);
            }
            nl.update(s, par);
            e = p.compute(s, nl, f, null, par);
            fmax = maxForce(f);
            taken++;
        }
        return new Result(e, fmax, r.steps(), taken, fmax <= fmaxTol);
    }

    static double maxForce(double[] f) {
        double m = 0;
        for (int i = 0; i < f.length / 3; i++) {
            m = Math.max(m, f[3 * i] * f[3 * i] + f[3 * i + 1] * f[3 * i + 1] + f[3 * i + 2] * f[3 * i + 2]);
        }
        return Math.sqrt(m);
    }
}
