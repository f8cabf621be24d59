package io.ionflow.simulate.md;

import io.ionflow.simulate.Units;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Kinetic energy, temperature, momentum and Maxwell–Boltzmann velocities. */
public final class Thermo {
    private Thermo() {}

    /** Kinetic energy, eV. */
    public static double kineticEnergy(Structure s) {
        double[] v = s.velocities();
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            double vx = v[3 * i], vy = v[3 * i + 1], vz = v[3 * i + 2];
            sum += s.mass(i) * (vx * vx + vy * vy + vz * vz);
        }
        return 0.5 * sum * Units.MVV_TO_EV;
    }

    /** Temperature from the kinetic energy with 3N − 3 degrees of freedom, K. */
    public static double temperature(Structure s) {
        return 2 * kineticEnergy(s) / (s.degreesOfFreedom() * Units.KB);
    }

    /** Total momentum, amu·Å/ps. */
    public static double[] momentum(Structure s) {
        double[] v = s.velocities();
        double[] p = new double[3];
        for (int i = 0; i < s.size(); i++) {
            for (int c = 0; c < 3; c++) p[c] += s.mass(i) * v[3 * i + c];
        }
        return p;
    }

    /** Removes the centre-of-mass velocity. */
    public static void zeroMomentum(Structure s) {
        double[] p = momentum(s);
        double m = s.totalMass();
        double[] v = s.velocities();
        for (int i = 0; i < s.size(); i++) {
            for (int c = 0; c < 3; c++) v[3 * i + c] -= p[c] / m;
        }
    }

    /**
     * Maxwell–Boltzmann velocities at temperature T with zero total momentum, rescaled so the
     * instantaneous temperature is exactly T.
     */
    public static void maxwellBoltzmann(Structure s, double temperatureK, UniformRandomProvider rng) {
        if (!(temperatureK >= 0) || !Double.isFinite(temperatureK)) {
            throw new IllegalArgumentException("temperature must be >= 0 K, got " + temperatureK);
        }
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] v = s.velocities();
        for (int i = 0; i < s.size(); i++) {
            double sigma = Math.sqrt(Units.KB * temperatureK / s.mass(i) * Units.FORCE_TO_ACCEL);
            for (int c = 0; c < 3; c++) v[3 * i + c] = sigma * g.sample();
        }
        zeroMomentum(s);
        double t = temperature(s);
        if (t > 0) {
            double f = Math.sqrt(temperatureK / t);
            for (int k = 0; k < v.length; k++) v[k] *= f;
        }
    }
}
