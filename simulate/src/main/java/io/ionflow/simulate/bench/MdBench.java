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

    /**
     * Result of one timing.
     *
     * @param seconds    wall time of the timed steps, s
     * @param cpuSeconds CPU time of the whole JVM process over the same steps (all threads, incl. JIT and GC), s;
     *                   less sensitive than the wall time to other processes competing for the cores
     */
    public record Timing(int atoms, int threads, long steps, double seconds, double cpuSeconds, double pairsPerAtom) {
        public double atomStepsPerSecond() { return atoms * steps / seconds; }

        /** Atom-steps per CPU second of the process (for 1 thread: the speed on an otherwise idle core). */
        public double atomStepsPerCpuSecond() { return atoms * steps / cpuSeconds; }
    }

    /** CPU time of this JVM process, ns (−1 when unavailable). */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    public static Timing time(Path potentialFile, int cells, double latticeA, int threads, long warmupSteps, long steps) {
        return time(potentialFile, null, cells, latticeA, threads, warmupSteps, steps);
    }

    /**
     * Times {@code steps} NVE steps after {@code warmupSteps} thermostatted ones.
     *
     * @param style potential style (e.g. {@code vashishta/table}), or null to infer it from the file's extension
     * @param latticeA lattice constant, Å
     */
    public static Timing time(Path potentialFile, String style, int cells, double latticeA, int threads, long warmupSteps, long steps) {
        Potential pot = PotentialStyles.load(style, potentialFile, List.of("Ag", "Te"));
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(2026L);
        Structure s = Antifluorite.build("Ag", "Te", cells, latticeA, 0, false, rng).structure();
        Thermo.maxwellBoltzmann(s, 500, rng);
        try (Parallel par = new Parallel(threads)) {
            MdEngine md = new MdEngine(s, pot, 1e-3, 1.0, par);
            md.withThermostat(new BussiThermostat(500, 0.1, rng));
            md.run(warmupSteps);
            md.withThermostat(null);
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            md.run(steps);
            double secs = (System.nanoTime() - t0) * 1e-9;
            double cpu = (processCpuNanos() - c0) * 1e-9;
            return new Timing(s.size(), threads, steps, secs, cpu, (double) md.neighborList().size() / s.size());
        }
    }
}
