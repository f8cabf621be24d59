package io.ionflow.simulate.bench;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.md.BussiThermostat;
import io.ionflow.simulate.md.MdEngine;
import io.ionflow.simulate.md.Thermo;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.nio.file.Path;
import java.util.List;

/**
 * Speed of the MD engine: atom-steps per second of NVE velocity Verlet on an n×n×n α-Ag2Te cell
 * (5×5×5 = 1500 atoms by default) at 500 K, after a warm-up so the JIT has compiled the force loop.
 */
public final class MdBench {
    private MdBench() {}

    /** Result of one timing. */
    public record Timing(int atoms, int threads, long steps, double seconds, double pairsPerAtom) {
        public double atomStepsPerSecond() { return atoms * steps / seconds; }
    }

    public static Timing time(Path potentialFile, int cells, double latticeA, int threads, long warmupSteps, long steps) {
        Potential pot = PotentialStyles.load(null, potentialFile, List.of("Ag", "Te"));
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(2026L);
        Structure s = Antifluorite.build("Ag", "Te", cells, latticeA, 0, false, rng).structure();
        Thermo.maxwellBoltzmann(s, 500, rng);
        try (Parallel par = new Parallel(threads)) {
            MdEngine md = new MdEngine(s, pot, 1e-3, 1.0, par);
            md.withThermostat(new BussiThermostat(500, 0.1, rng));
            md.run(warmupSteps);
            md.withThermostat(null);
            long t0 = System.nanoTime();
            md.run(steps);
            double secs = (System.nanoTime() - t0) * 1e-9;
            return new Timing(s.size(), threads, steps, secs, (double) md.neighborList().size() / s.size());
        }
    }
}
