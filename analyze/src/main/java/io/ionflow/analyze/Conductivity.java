package io.ionflow.analyze;

import io.ionflow.simulate.Units;

/**
 * Ionic conductivity and the Haven ratio.
 *
 * <p>Units. Inputs are in IonFlow units: charges in e, D in Å²/ps, volume in Å³, T in K
 * (k_B in eV/K from {@link Units#KB}). Then N q² D / (V k_B T) comes out in e²/(eV·Å·ps) and
 * 1 e²/(eV·Å·ps) = e [C] / (1e-10 m · 1e-12 s) / V = 1.602176634e-19 · 1e22 S/m
 * = {@value #S_PER_M} S/m (exact with the SI-2019 e). 1 S/m = 0.01 S/cm.
 */
public final class Conductivity {
    private Conductivity() {}

    /** 1 e²/(eV·Å·ps) in S/m: elementary charge (C) × 1e22. */
    public static final double S_PER_M = 1602.176634;

    /**
     * A conductivity with its standard error.
     *
     * @param sPerM    σ, S/m
     * @param errSPerM standard error, S/m
     */
    public record Sigma(double sPerM, double errSPerM) {
        /** @return σ in S/cm */
        public double sPerCm() {
            return sPerM * 0.01;
        }

        /** @return standard error in S/cm */
        public double errSPerCm() {
            return errSPerM * 0.01;
        }
    }

    /**
     * A ratio with its standard error.
     *
     * @param value  the ratio
     * @param stdErr its standard error
     */
    public record Ratio(double value, double stdErr) {}

    /**
     * Nernst–Einstein conductivity σ = N q² D / (V k_B T), error propagated linearly from D.
     *
     * @param nIons        number of mobile ions N in the volume
     * @param chargeE      ion charge q, e
     * @param dA2PerPs     tracer (or charge) diffusion coefficient, Å²/ps
     * @param dErrA2PerPs  standard error of D, Å²/ps
     * @param volumeA3     cell volume, Å³
     * @param temperatureK temperature, K
     * @return σ in S/m (and S/cm)
     */
    public static Sigma nernstEinstein(int nIons, double chargeE, double dA2PerPs, double dErrA2PerPs,
                                       double volumeA3, double temperatureK) {
        checkCell(volumeA3, temperatureK);
        double f = nIons * chargeE * chargeE / (volumeA3 * Units.KB * temperatureK) * S_PER_M;
        return new Sigma(f * dA2PerPs, f * dErrA2PerPs);
    }

    /**
     * Collective (charge) MSD: the MSD of the single 3-D series Q(t) = Σ_i q_i r_i(t), by FFT, over
     * all time origins. It counts as one independent particle for the fit uncertainty.
     *
     * @param traj         unwrapped, drift-corrected positions, Å
     * @param atoms        the ions to include
     * @param chargeOfAtom charge of each atom of {@code traj}, e
     * @param dtPs         frame spacing, ps
     * @param maxLag       largest lag, frames
     * @return ⟨|ΔQ(t)|²⟩ per lag, e²·Å²
     */
    public static MsdResult chargeMsd(Trajectory traj, int[] atoms, double[] chargeOfAtom, double dtPs, int maxLag) {
        int t = traj.frames();
        double[][] q = new double[3][t];
        for (int a : atoms) {
            double c = chargeOfAtom[a];
            for (int k = 0; k < 3; k++) {
                double[] s = traj.component(a, k);
                double[] out = q[k];
                for (int f = 0; f < t; f++) {
                    out[f] += c * s[f];
                }
            }
        }
        MsdAccumulator acc = new MsdAccumulator(t, dtPs, maxLag);
        acc.add(q[0], q[1], q[2]);
        return acc.result();
    }

    /**
     * Conductivity from a fit of the charge MSD: σ = (1/(6 V k_B T)) d⟨|ΔQ|²⟩/dt = D_Q/(V k_B T)
     * where D_Q = slope/6 is what {@link DiffusionFit} reports for a charge MSD (e²·Å²/ps).
     *
     * @param chargeFit    fit of {@link #chargeMsd} (D in e²·Å²/ps)
     * @param volumeA3     cell volume, Å³
     * @param temperatureK temperature, K
     * @return σ in S/m
     */
    public static Sigma fromChargeMsd(DiffusionFit.Result chargeFit, double volumeA3, double temperatureK) {
        return nernstEinstein(1, 1.0, chargeFit.d(), chargeFit.stdErr(), volumeA3, temperatureK);
    }

    /**
     * Charge diffusion coefficient D_σ = D_Q/(N q²) of N ions of equal charge q, the quantity
     * compared with the tracer D* in the Haven ratio (D_σ = D* for uncorrelated ions).
     *
     * @param chargeFit fit of {@link #chargeMsd}, D in e²·Å²/ps
     * @param nIons     number of ions N
     * @param chargeE   charge q, e
     * @return {D_σ, standard error}, Å²/ps
     */
    public static double[] chargeDiffusion(DiffusionFit.Result chargeFit, int nIons, double chargeE) {
        double f = 1.0 / (nIons * chargeE * chargeE);
        return new double[] {chargeFit.d() * f, chargeFit.stdErr() * f};
    }

    /**
     * Haven ratio H_R = D* / D_σ. The error is propagated in quadrature treating D* and D_σ as
     * independent (they are positively correlated, so this overestimates the error somewhat).
     *
     * @param dTracer    tracer D*, Å²/ps
     * @param errTracer  its standard error, Å²/ps
     * @param dSigma     charge D_σ, Å²/ps
     * @param errSigma   its standard error, Å²/ps
     * @return H_R with standard error (dimensionless)
     */
    public static Ratio havenRatio(double dTracer, double errTracer, double dSigma, double errSigma) {
        double h = dTracer / dSigma;
        double rel = Math.hypot(errTracer / dTracer, errSigma / dSigma);
        return new Ratio(h, Math.abs(h) * rel);
    }

    private static void checkCell(double volumeA3, double temperatureK) {
        if (!(volumeA3 > 0) || !(temperatureK > 0)) {
            throw new IllegalArgumentException("volume and temperature must be positive, got V = "
                    + volumeA3 + " Å³, T = " + temperatureK + " K");
        }
    }
}
