package io.ionflow.simulate.md;

import io.ionflow.simulate.Units;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Canonical sampling through velocity rescaling (Bussi, Donadio and Parrinello, J. Chem. Phys. 126,
 * 014101 (2007)): the kinetic energy follows a stochastic differential equation whose stationary
 * distribution is canonical; all velocities are rescaled by one factor. The relaxation time τ sets the
 * coupling; for diffusion studies τ of ~1 ps perturbs the dynamics very little.
 *
 * <p>Uses only stateless samplers over the given generator so a run restored from a checkpoint
 * (generator state included) continues identically.
 */
public final class BussiThermostat implements Thermostat {
    private final double targetK;
    private final double tauPs;
    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gauss;
    private double work;

    public BussiThermostat(double targetK, double tauPs, UniformRandomProvider rng) {
        if (!(targetK > 0) || !Double.isFinite(targetK)) throw new IllegalArgumentException("thermostat temperature must be > 0 K, got " + targetK);
        if (!(tauPs > 0)) throw new IllegalArgumentException("thermostat time constant must be > 0 ps, got " + tauPs);
        this.targetK = targetK;
        this.tauPs = tauPs;
        this.rng = rng;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    @Override public double targetTemperature() { return targetK; }
    @Override public double work() { return work; }
    @Override public void setWork(double w) { this.work = w; }

    @Override
    public void apply(MdEngine engine, double dtPs) {
        Structure s = engine.structure();
        int nf = s.degreesOfFreedom();
        double k = Thermo.kineticEnergy(s);
        if (k <= 0) return;
        double kTarget = 0.5 * nf * Units.KB * targetK;
        double c = Math.exp(-dtPs / tauPs);
        double r1 = gauss.sample();
        double sumr2 = 0;
        for (int i = 0; i < nf - 1; i++) {
            double r = gauss.sample();
            sumr2 += r * r;
        }
        double kNew = k + (1 - c) * (kTarget * (r1 * r1 + sumr2) / nf - k)
                + 2 * r1 * Math.sqrt(kTarget / nf * k * (1 - c) * c);
        if (kNew < 0) kNew = 0;
        double alpha = Math.sqrt(kNew / k);
        double[] v = s.velocities();
        for (int i = 0; i < v.length; i++) v[i] *= alpha;
        work += k - kNew;
    }
}
