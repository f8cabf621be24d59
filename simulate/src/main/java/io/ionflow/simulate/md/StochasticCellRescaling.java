package io.ionflow.simulate.md;

import io.ionflow.simulate.Units;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Isotropic stochastic cell rescaling barostat (Bernetti and Bussi, J. Chem. Phys. 153, 114107 (2020)):
 * the log-volume ε follows dε = −(β_T/τ_p)(P₀ − P − k_BT/V)dt + √(2k_BTβ_T/(Vτ_p)) dW, and positions
 * are scaled by e^{dε/3}, velocities by e^{−dε/3}. Correct isothermal–isobaric volume fluctuations with
 * first-order relaxation; used here to equilibrate the lattice at temperature.
 */
public final class StochasticCellRescaling implements Barostat {
    private final double p0;
    private final double tauPs;
    private final double compressibility;
    private final double temperatureK;
    private final ZigguratSampler.NormalizedGaussian gauss;

    /**
     * @param pressureEvA3      target pressure, eV/Å³
     * @param tauPs             relaxation time, ps
     * @param compressibilityA3 isothermal compressibility estimate β_T, Å³/eV (sets the coupling only)
     * @param temperatureK      temperature of the bath, K
     */
    public StochasticCellRescaling(double pressureEvA3, double tauPs, double compressibilityA3,
                                   double temperatureK, UniformRandomProvider rng) {
        if (!(tauPs > 0)) throw new IllegalArgumentException("barostat time constant must be > 0 ps, got " + tauPs);
        if (!(compressibilityA3 > 0)) throw new IllegalArgumentException("compressibility must be > 0");
        this.p0 = pressureEvA3;
        this.tauPs = tauPs;
        this.compressibility = compressibilityA3;
        this.temperatureK = temperatureK;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    @Override public double targetPressure() { return p0; }

    @Override
    public void apply(MdEngine engine, double dtPs) {
        Structure s = engine.structure();
        double vol = s.box().volume();
        double kt = Units.KB * temperatureK;
        double p = engine.pressure();
        double deps = -compressibility / tauPs * (p0 - p - kt / vol) * dtPs
                + Math.sqrt(2 * kt * compressibility * dtPs / (vol * tauPs)) * gauss.sample();
        // cap one step's change so a badly started cell cannot collapse
        deps = Math.max(-0.01, Math.min(0.01, deps));
        double mu = Math.exp(deps / 3);
        double[] x = s.positions(), v = s.velocities();
        for (int i = 0; i < x.length; i++) {
            x[i] *= mu;
            v[i] /= mu;
        }
        s.setBox(s.box().scaled(mu));
    }
}
