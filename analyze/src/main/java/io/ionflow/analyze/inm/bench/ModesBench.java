package io.ionflow.analyze.inm.bench;

import io.ionflow.analyze.inm.Hessian;
import io.ionflow.analyze.inm.InstantaneousModes;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cost of one INM snapshot: analytic Hessian plus symmetric eigen-decomposition (translations projected
 * out), values only or values and vectors, on 1 or more threads, for α-Ag2Te cells of 96 (2×2×2),
 * 384 (4×4×2) and 768 (4×4×4) atoms (a = 6.57 Å, every coordinate displaced by up to ±0.2 Å, seeded,
 * so the spectrum has unstable modes and no degeneracies, like an MD snapshot).
 *
 * <p>Reported per configuration: the best wall time over the repetitions of the Hessian and of the
 * decomposition, and the CPU time of the decomposition (the calling thread's CPU time on one thread;
 * the whole process's on more threads). On a loaded machine the CPU time is the better measure of the
 * work per core; the wall time shows what a user waits.
 *
 * <p>Usage (from the repository root): {@code java -cp <analyze classpath>
 * io.ionflow.analyze.inm.bench.ModesBench [reps] [atoms...]} (defaults 2 and 96 384 768).
 */
public final class ModesBench {
    private ModesBench() {}

    /**
     * One measurement.
     *
     * @param atoms          N
     * @param threads        EJML threads
     * @param vectors        eigenvectors computed
     * @param solver         single-thread solver variant
     * @param hessianSeconds best wall time of the analytic Hessian, s
     * @param eigenSeconds   best wall time of the decomposition (mass weighting and projection included), s
     * @param eigenCpuSeconds CPU time of that best decomposition, s
     * @param reps           repetitions (after one warm-up)
     * @param unstable       unstable modes found (a checksum)
     */
    public record Result(int atoms, int threads, boolean vectors, InstantaneousModes.Solver solver,
                         double hessianSeconds, double eigenSeconds, double eigenCpuSeconds, int reps, int unstable) {
        /** Hessian + eigen wall time, s. */
        public double totalSeconds() {
            return hessianSeconds + eigenSeconds;
        }
    }

    /** The benchmark cell with N atoms (96, 384 or 768). */
    public static Structure snapshot(int atoms) {
        int[] cells = switch (atoms) {
            case 96 -> new int[] {2, 2, 2};
            case 384 -> new int[] {4, 4, 2};
            case 768 -> new int[] {4, 4, 4};
            case 12 -> new int[] {1, 1, 1};
            default -> throw new IllegalArgumentException("benchmark sizes are 12, 96, 384 and 768 atoms, got " + atoms);
        };
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(2024L);
        Structure s = Antifluorite.build("Ag", "Te", cells, 6.57, 0, false, rng).structure();
        double[] x = s.positions();
        for (int k = 0; k < x.length; k++) {
            x[k] += 0.2 * (2 * rng.nextDouble() - 1);
        }
        return s;
    }

    /** {@link #run(Potential, int, int, boolean, InstantaneousModes.Solver, int, boolean)} with a warm-up. */
    public static Result run(Potential p, int atoms, int threads, boolean vectors, InstantaneousModes.Solver solver,
                             int reps) {
        return run(p, atoms, threads, vectors, solver, reps, true);
    }

    /**
     * Measures one configuration: an optional untimed warm-up, then {@code reps} timed repetitions; the
     * best is kept.
     */
    public static Result run(Potential p, int atoms, int threads, boolean vectors, InstantaneousModes.Solver solver,
                             int reps, boolean warmUp) {
        Structure s = snapshot(atoms);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double bestH = Double.POSITIVE_INFINITY, bestE = Double.POSITIVE_INFINITY, bestCpu = Double.NaN;
        int unstable = -1;
        for (int r = warmUp ? -1 : 0; r < reps; r++) {
            long t0 = System.nanoTime();
            Hessian h = Hessian.of(s, p);
            long t1 = System.nanoTime();
            long c0 = cpu(mx, threads);
            InstantaneousModes m = InstantaneousModes.compute(h, vectors, threads,
                    InstantaneousModes.DEFAULT_ZERO_TOLERANCE, solver);
            long c1 = cpu(mx, threads);
            long t2 = System.nanoTime();
            unstable = m.unstableCount();
            if (r < 0) {
                continue; // warm-up
            }
            bestH = Math.min(bestH, (t1 - t0) * 1e-9);
            double e = (t2 - t1) * 1e-9;
            if (e < bestE) {
                bestE = e;
                bestCpu = (c1 - c0) * 1e-9;
            }
        }
        return new Result(s.size(), threads, vectors, solver, bestH, bestE, bestCpu, reps, unstable);
    }

    private static long cpu(ThreadMXBean mx, int threads) {
        if (threads == 1) {
            return mx.getCurrentThreadCpuTime();
        }
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** The full matrix: every size × {1, 2} threads × {values, values and vectors}, plus the block variant on one thread. */
    public static List<Result> runAll(Potential p, int[] sizes, int reps) {
        List<Result> out = new ArrayList<>();
        for (int n : sizes) {
            // the largest cell is slow: one timed run each, no warm-up (the smaller cells warmed the JIT)
            int r = n >= 768 ? 1 : reps;
            boolean warm = n < 768;
            for (boolean vectors : new boolean[] {false, true}) {
                out.add(print(run(p, n, 1, vectors, InstantaneousModes.Solver.FACTORY, r, warm)));
                out.add(print(run(p, n, 1, vectors, InstantaneousModes.Solver.BLOCK_TRIDIAGONAL, r, warm)));
                out.add(print(run(p, n, 2, vectors, InstantaneousModes.Solver.FACTORY, r, warm)));
            }
        }
        return out;
    }

    private static Result print(Result r) {
        System.out.printf(Locale.ROOT, "N=%4d threads=%d %-13s %-17s hessian %.3f s  eigen %.3f s (cpu %.3f s)  total %.3f s  unstable=%d%n",
                r.atoms(), r.threads(), r.vectors() ? "values+vectors" : "values", r.solver(), r.hessianSeconds(),
                r.eigenSeconds(), r.eigenCpuSeconds(), r.totalSeconds(), r.unstable());
        System.out.flush();
        return r;
    }

    /**
     * Prints the benchmark table.
     *
     * @param args [reps] [atoms...]; the potential is {@code conf/potentials/Ag2Te.vashishta} under the
     *             working directory, or the path in the system property {@code ionflow.potential}
     */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int[] sizes = {96, 384, 768};
        if (args.length > 1) {
            sizes = new int[args.length - 1];
            for (int k = 1; k < args.length; k++) {
                sizes[k - 1] = Integer.parseInt(args[k]);
            }
        }
        Path file = Path.of(System.getProperty("ionflow.potential", "conf/potentials/Ag2Te.vashishta"));
        Potential p = PotentialStyles.load("vashishta", file, List.of("Ag", "Te"));
        System.out.printf(Locale.ROOT, "INM Hessian + eigen, Java %s (%s), %d processors, load average %.2f%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        runAll(p, sizes, reps);
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
