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
import java.util.ArrayList;
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

    /**
     * Times {@code steps} NVE steps at each thread count, after {@code warmupSteps} thermostatted ones. One engine per
     * thread count, all started from the same state (their trajectories are identical bit for bit, so they do the same
     * work, neighbour-list rebuilds included), advanced in turn {@code segments} times by steps/segments steps each: a
     * change of the machine's speed during the timing hits every thread count alike.
     *
     * @param style potential style (e.g. {@code vashishta/table}), or null to infer it from the file's extension
     * @param latticeA lattice constant, Å
     */
    public static List<Timing> timeInterleaved(Path potentialFile, String style, int cells, double latticeA, List<Integer> threads,
                                               long warmupSteps, long steps, int segments) {
        Potential pot = PotentialStyles.load(style, potentialFile, List.of("Ag", "Te"));
        List<Parallel> pars = new ArrayList<>();
        try {
            List<MdEngine> engines = new ArrayList<>();
            for (int t : threads) {
                pars.add(new Parallel(t));
                engines.add(warmedUp(pot, cells, latticeA, pars.get(pars.size() - 1), warmupSteps));
            }
            long[] wall = new long[threads.size()], cpu = new long[threads.size()];
            long per = Math.max(1, steps / segments);
            for (int seg = 0; seg < segments; seg++) {
                for (int k = 0; k < engines.size(); k++) {
                    long c0 = processCpuNanos(), t0 = System.nanoTime();
                    engines.get(k).run(per);
                    wall[k] += System.nanoTime() - t0;
                    cpu[k] += processCpuNanos() - c0;
                }
            }
            List<Timing> out = new ArrayList<>();
            for (int k = 0; k < engines.size(); k++) {
                MdEngine md = engines.get(k);
                out.add(new Timing(md.structure().size(), threads.get(k), per * segments, wall[k] * 1e-9, cpu[k] * 1e-9,
                        (double) md.neighborList().size() / md.structure().size()));
            }
            return out;
        } finally {
            pars.forEach(Parallel::close);
        }
    }

    /** An NVE engine on the α-Ag2Te cell at 500 K after {@code warmupSteps} Bussi-thermostatted steps (seeded). */
    private static MdEngine warmedUp(Potential pot, int cells, double latticeA, Parallel par, long warmupSteps) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(2026L);
        Structure s = Antifluorite.build("Ag", "Te", cells, latticeA, 0, false, rng).structure();
        Thermo.maxwellBoltzmann(s, 500, rng);
        MdEngine md = new MdEngine(s, pot, 1e-3, 1.0, par);
        md.withThermostat(new BussiThermostat(500, 0.1, rng));
        md.run(warmupSteps);
        md.withThermostat(null);
        return md;
    }
}
