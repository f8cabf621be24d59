package io.ionflow.analyze.inm;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.Units;
import io.ionflow.simulate.md.BussiThermostat;
import io.ionflow.simulate.md.MdEngine;
import io.ionflow.simulate.md.Thermo;
import io.ionflow.simulate.md.Thermostat;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fixtures of the INM tests: the shipped Ag2Te potential (whatever its current parameters), antifluorite
 * cells, the static zero-force lattice constant of that potential, and short MD runs.
 */
final class InmFixtures {
    private InmFixtures() {}

    private static Potential potential;
    private static double a0 = Double.NaN;

    /** conf/potentials/Ag2Te.vashishta (tests run in the module directory); -Dionflow.test.potential overrides. */
    static synchronized Potential ag2te() {
        if (potential == null) {
            String override = System.getProperty("ionflow.test.potential");
            Path file = override != null ? Path.of(override) : Path.of("..", "conf", "potentials", "Ag2Te.vashishta");
            if (!Files.isRegularFile(file)) {
                file = Path.of("conf", "potentials", "Ag2Te.vashishta");
            }
            potential = PotentialStyles.load("vashishta", file, List.of("Ag", "Te"));
        }
        return potential;
    }

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /** An n×n×n antifluorite Ag2Te cell (Ag type 0, Te type 1). */
    static Structure crystal(int n, double a, double vacancyFraction, long seed) {
        return Antifluorite.build("Ag", "Te", n, a, vacancyFraction, false, rng(seed)).structure();
    }

    /** A crystal with every coordinate displaced uniformly by up to ±amp Å. */
    static Structure distorted(int n, double a, double amp, long seed) {
        UniformRandomProvider r = rng(seed);
        Structure s = Antifluorite.build("Ag", "Te", n, a, 0, false, r).structure();
        double[] x = s.positions();
        for (int k = 0; k < x.length; k++) {
            x[k] += amp * (2 * r.nextDouble() - 1);
        }
        return s;
    }

    static double energy(Structure s, Potential p) {
        NeighborList nl = new NeighborList(p.cutoff(), 0.5);
        nl.build(s, Parallel.serial());
        return p.compute(s, nl, new double[3 * s.size()], null, Parallel.serial());
    }

    /**
     * The lattice constant minimising the static energy of the ideal 2×2×2 antifluorite cell (golden
     * section on [5.5, 7.5] Å to 1e-6 Å): the zero-pressure T = 0 lattice of the current potential.
     */
    static synchronized double staticLatticeConstant() {
        if (Double.isNaN(a0)) {
            Potential p = ag2te();
            double lo = 5.5, hi = 7.5, g = (Math.sqrt(5) - 1) / 2;
            double c = hi - g * (hi - lo), d = lo + g * (hi - lo);
            double fc = energy(crystal(2, c, 0, 1), p), fd = energy(crystal(2, d, 0, 1), p);
            while (hi - lo > 1e-6) {
                if (fc < fd) {
                    hi = d;
                    d = c;
                    fd = fc;
                    c = hi - g * (hi - lo);
                    fc = energy(crystal(2, c, 0, 1), p);
                } else {
                    lo = c;
                    c = d;
                    fc = fd;
                    d = lo + g * (hi - lo);
                    fd = energy(crystal(2, d, 0, 1), p);
                }
            }
            a0 = 0.5 * (lo + hi);
        }
        return a0;
    }

    /** Maxwell–Boltzmann velocities at T, Bussi NVT (τ = 0.1 ps, dt = 2 fs) for {@code steps} steps. */
    static MdEngine nvt(Structure s, double temperatureK, int steps, long seed) {
        UniformRandomProvider r = rng(seed);
        Thermo.maxwellBoltzmann(s, temperatureK, r);
        MdEngine md = new MdEngine(s, ag2te(), 0.002, 1.0, Parallel.serial())
                .withThermostat(new BussiThermostat(temperatureK, 0.1, r));
        md.run(steps);
        return md;
    }

    /**
     * Langevin thermostat as an O-step of an OBABO integrator (the engine applies a thermostat for dt/2
     * before and after each velocity-Verlet step): v ← c v + √((1 − c²) kT/m) ξ, c = e^{−γ dt}. Unlike a
     * global velocity-rescaling thermostat it exchanges energy with every normal mode, which a nearly
     * harmonic crystal needs to reach equipartition between modes.
     */
    static final class Langevin implements Thermostat {
        private final double targetK;
        private final double gamma;
        private final ZigguratSampler.NormalizedGaussian gauss;
        private double work;

        Langevin(double targetK, double gammaPerPs, UniformRandomProvider r) {
            this.targetK = targetK;
            this.gamma = gammaPerPs;
            this.gauss = ZigguratSampler.NormalizedGaussian.of(r);
        }

        @Override
        public void apply(MdEngine engine, double dtPs) {
            Structure s = engine.structure();
            double c = Math.exp(-gamma * dtPs);
            double[] v = s.velocities();
            double before = Thermo.kineticEnergy(s);
            for (int i = 0; i < s.size(); i++) {
                double sigma = Math.sqrt((1 - c * c) * Units.KB * targetK * Units.FORCE_TO_ACCEL / s.mass(i));
                for (int d = 0; d < 3; d++) {
                    v[3 * i + d] = c * v[3 * i + d] + sigma * gauss.sample();
                }
            }
            work += before - Thermo.kineticEnergy(s);
        }

        @Override
        public double targetTemperature() {
            return targetK;
        }

        @Override
        public double work() {
            return work;
        }

        @Override
        public void setWork(double w) {
            work = w;
        }
    }
}
