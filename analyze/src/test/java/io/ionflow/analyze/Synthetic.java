package io.ionflow.analyze;

import java.util.SplittableRandom;

/** Seeded synthetic trajectories with exactly known transport coefficients (test support). */
final class Synthetic {
    private Synthetic() {}

    /**
     * 3-D Gaussian random walks starting at random points in a 20 Å box: each step per dimension
     * is N(0, 2·D·dt), so MSD(t) = 6·D·t exactly.
     */
    static Trajectory randomWalks(SplittableRandom rng, int nAtoms, int nFrames, double dtPs, double dA2PerPs) {
        double s = Math.sqrt(2.0 * dA2PerPs * dtPs);
        double[][][] r = new double[3][nAtoms][nFrames];
        for (int c = 0; c < 3; c++) {
            for (int a = 0; a < nAtoms; a++) {
                double[] x = r[c][a];
                x[0] = 20.0 * rng.nextDouble();
                for (int f = 1; f < nFrames; f++) {
                    x[f] = x[f - 1] + s * rng.nextGaussian();
                }
            }
        }
        return new Trajectory(r[0], r[1], r[2]);
    }

    /**
     * Ornstein–Uhlenbeck (Langevin) particles: velocities by the exact OU update
     * v' = v·e^{−γdt} + √(kT/m·(1 − e^{−2γdt}))·ξ from an equilibrium start, positions by
     * trapezoidal integration of the velocities. D = kT/(mγ); VACF = 3 (kT/m) e^{−γt}.
     *
     * @return {positions, velocities}
     */
    static Trajectory[] ornsteinUhlenbeck(SplittableRandom rng, int nAtoms, int nFrames, double dtPs,
                                          double kTOverM, double gammaPerPs) {
        double decay = Math.exp(-gammaPerPs * dtPs);
        double kick = Math.sqrt(kTOverM * (1.0 - decay * decay));
        double sd = Math.sqrt(kTOverM);
        double[][][] r = new double[3][nAtoms][nFrames];
        double[][][] v = new double[3][nAtoms][nFrames];
        for (int c = 0; c < 3; c++) {
            for (int a = 0; a < nAtoms; a++) {
                double[] x = r[c][a];
                double[] u = v[c][a];
                x[0] = 10.0 * rng.nextDouble();
                u[0] = sd * rng.nextGaussian();
                for (int f = 1; f < nFrames; f++) {
                    u[f] = u[f - 1] * decay + kick * rng.nextGaussian();
                    x[f] = x[f - 1] + 0.5 * (u[f - 1] + u[f]) * dtPs;
                }
            }
        }
        return new Trajectory[] {new Trajectory(r[0], r[1], r[2]), new Trajectory(v[0], v[1], v[2])};
    }

    /**
     * Caged hoppers: each atom sits on a site of a simple cubic lattice of spacing {@code hopA} and
     * vibrates around it (per dimension a stationary Ornstein–Uhlenbeck displacement of variance
     * {@code u2} Å² and correlation time {@code tauPs}); it jumps to one of its six neighbouring sites
     * at Poisson times of rate {@code ratePerPs[atom]} (0: never). The MSD is exactly
     * ⟨rate⟩·a²·t + 6·u2·(1 − e^{−t/τ}): a cage plateau, then diffusion with D = ⟨rate⟩·a²/6, and
     * non-Gaussian displacements at short lags (a lattice walk of few jumps).
     */
    static Trajectory cagedHoppers(SplittableRandom rng, int nAtoms, int nFrames, double dtPs, double u2, double tauPs,
                                   double hopA, double[] ratePerPs) {
        double decay = Math.exp(-dtPs / tauPs);
        double kick = Math.sqrt(u2 * (1 - decay * decay));
        double[][][] r = new double[3][nAtoms][nFrames];
        for (int a = 0; a < nAtoms; a++) {
            double[] site = {20.0 * rng.nextDouble(), 20.0 * rng.nextDouble(), 20.0 * rng.nextDouble()};
            double[] u = new double[3];
            for (int c = 0; c < 3; c++) {
                u[c] = Math.sqrt(u2) * rng.nextGaussian();
            }
            double rate = ratePerPs[a];
            double nextHop = rate > 0 ? -Math.log(1 - rng.nextDouble()) / rate : Double.POSITIVE_INFINITY;
            for (int f = 0; f < nFrames; f++) {
                double time = f * dtPs;
                while (nextHop <= time) {
                    int dir = rng.nextInt(6);
                    site[dir / 2] += (dir % 2 == 0 ? hopA : -hopA);
                    nextHop += -Math.log(1 - rng.nextDouble()) / rate;
                }
                for (int c = 0; c < 3; c++) {
                    if (f > 0) {
                        u[c] = u[c] * decay + kick * rng.nextGaussian();
                    }
                    r[c][a][f] = site[c] + u[c];
                }
            }
        }
        return new Trajectory(r[0], r[1], r[2]);
    }

    /** Direct O(T²) MSD of one atom, all origins, lags 0..maxLag (independent reference). */
    static double[] directMsd(double[] x, double[] y, double[] z, int maxLag) {
        int t = x.length;
        double[] out = new double[maxLag + 1];
        for (int m = 1; m <= maxLag; m++) {
            double s = 0;
            for (int k = 0; k + m < t; k++) {
                double dx = x[k + m] - x[k];
                double dy = y[k + m] - y[k];
                double dz = z[k + m] - z[k];
                s += dx * dx + dy * dy + dz * dz;
            }
            out[m] = s / (t - m);
        }
        return out;
    }

    /** Copies a trajectory adding a constant velocity (Å/ps) to every atom. */
    static Trajectory withDrift(Trajectory traj, double dtPs, double vx, double vy, double vz) {
        int n = traj.atoms();
        int t = traj.frames();
        double[] v = {vx, vy, vz};
        double[][][] r = new double[3][n][t];
        for (int c = 0; c < 3; c++) {
            for (int a = 0; a < n; a++) {
                double[] s = traj.component(a, c);
                for (int f = 0; f < t; f++) {
                    r[c][a][f] = s[f] + v[c] * f * dtPs;
                }
            }
        }
        return new Trajectory(r[0], r[1], r[2]);
    }
}
