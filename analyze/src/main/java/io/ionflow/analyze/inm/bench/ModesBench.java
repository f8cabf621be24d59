package io.ionflow.analyze.inm.bench;

import io.ionflow.analyze.inm.Hessian;
import io.ionflow.analyze.inm.InstantaneousModes;
import io.ionflow.analyze.inm.SymmetricEigen;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * <p>{@link #compareEigen} times the eigen backends (LAPACK {@code dsyevd}, EJML) on the same projected
 * matrix, values+vectors and values only, the unstable count by inertia ({@link InstantaneousModes#unstableCount(Hessian)})
 * and NumPy's {@code eigh}/{@code eigvalsh} on the same matrix in a python3 subprocess when NumPy imports.
 * Entry point: {@code java -jar jobs/target/ionflow.jar bench modes --atoms 96,384,768}.
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
     * One eigen timing line.
     *
     * @param atoms        N
     * @param vectors      values+vectors (true) or values only
     * @param backend      the Java backend's name
     * @param seconds      best wall time of the backend's decomposition of the projected 3N×3N matrix, s
     * @param numpySeconds best of 3 wall time of numpy.linalg.eigh / eigvalsh on the same matrix, s (NaN if no NumPy)
     * @param unstable     unstable modes found (a checksum)
     */
    public record EigenTiming(int atoms, boolean vectors, String backend, double seconds, double numpySeconds, int unstable) {
        /** This backend's time over NumPy's (NaN without NumPy). */
        public double ratio() {
            return seconds / numpySeconds;
        }
    }

    /** The projected matrix A = P D P + σ T Tᵀ that {@link InstantaneousModes} decomposes, row-major. */
    public static double[] projected(Hessian h) {
        return InstantaneousModes.projectedMatrix(h);
    }

    /**
     * Best wall time of {@code reps} decompositions (after one untimed warm-up), s.
     *
     * @param e       the backend
     * @param a       row-major matrix (not modified)
     * @param vectors with eigenvectors
     * @param reps    timed repetitions
     */
    public static double timeEigen(SymmetricEigen e, double[] a, boolean vectors, int reps) {
        int n = (int) Math.round(Math.sqrt(a.length));
        double best = Double.POSITIVE_INFINITY;
        for (int r = -1; r < reps; r++) {
            double[] copy = a.clone();
            long t0 = System.nanoTime();
            e.decompose(copy, n, vectors);
            double s = (System.nanoTime() - t0) * 1e-9;
            if (r >= 0) {
                best = Math.min(best, s);
            }
        }
        return best;
    }

    /**
     * Best wall time of {@code reps} full f_u evaluations from the Hessian (after one warm-up), s: by inertia
     * ({@link InstantaneousModes#unstableCount(Hessian)}) or by the values-only decomposition with {@code e}.
     * Both include the mass weighting and the projection of the translations.
     *
     * @param h       the Hessian
     * @param e       the eigen backend, or null for the inertia count
     * @param reps    timed repetitions
     * @return {best seconds, n_u}
     */
    public static double[] timeUnstableCount(Hessian h, SymmetricEigen e, int reps) {
        double best = Double.POSITIVE_INFINITY;
        int count = -1;
        for (int r = -1; r < reps; r++) {
            long t0 = System.nanoTime();
            count = e == null ? InstantaneousModes.unstableCount(h)
                    : InstantaneousModes.compute(h, false, InstantaneousModes.DEFAULT_ZERO_TOLERANCE, e).unstableCount();
            double s = (System.nanoTime() - t0) * 1e-9;
            if (r >= 0) {
                best = Math.min(best, s);
            }
        }
        return new double[] {best, count};
    }

    /**
     * Best wall time of {@code reps} inertia counts (dsytrf of a + s·I, after one warm-up) on a given
     * projected matrix, s: the kernel alone, to set against {@link #timeEigen} values only.
     *
     * @param lapack the LAPACK
     * @param a      row-major matrix (not modified)
     * @param shift  s, matrix units
     * @param reps   timed repetitions
     */
    public static double timeInertiaKernel(dev.ludovic.netlib.lapack.LAPACK lapack, double[] a, double shift, int reps) {
        int n = (int) Math.round(Math.sqrt(a.length));
        double best = Double.POSITIVE_INFINITY;
        for (int r = -1; r < reps; r++) {
            double[] copy = a.clone();
            long t0 = System.nanoTime();
            io.ionflow.analyze.inm.InertiaCount.countBelowInPlace(lapack, copy, n, shift);
            double s = (System.nanoTime() - t0) * 1e-9;
            if (r >= 0) {
                best = Math.min(best, s);
            }
        }
        return best;
    }

    /**
     * NumPy's best-of-3 wall times of {@code eigh} and {@code eigvalsh} on a matrix, in a python3
     * subprocess (the matrix goes through a temporary raw little-endian float64 file).
     *
     * @param a      row-major n×n matrix
     * @param python the python executable
     * @return {eigh seconds, eigvalsh seconds}, or null when python3 or NumPy is not available
     */
    public static double[] numpyTimes(double[] a, String python) {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("ionflow-modes", ".f64");
            try {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * a.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                b.asDoubleBuffer().put(a);
                java.nio.file.Files.write(f, b.array());
                String script = "import sys, time, numpy as np\n"
                        + "a = np.fromfile(sys.argv[1], dtype='<f8'); n = int(round(len(a) ** 0.5)); a = a.reshape(n, n)\n"
                        + "def best(fn):\n"
                        + "    fn(a)\n"
                        + "    t = []\n"
                        + "    for _ in range(3):\n"
                        + "        s = time.perf_counter(); fn(a); t.append(time.perf_counter() - s)\n"
                        + "    return min(t)\n"
                        + "print(best(np.linalg.eigh), best(np.linalg.eigvalsh))\n";
                Process p = new ProcessBuilder(python, "-c", script, f.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
                if (p.waitFor() != 0) {
                    return null;
                }
                String[] w = out.split("\\s+");
                return new double[] {Double.parseDouble(w[w.length - 2]), Double.parseDouble(w[w.length - 1])};
            } finally {
                java.nio.file.Files.deleteIfExists(f);
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Times every backend on the snapshot with {@code atoms} atoms, values+vectors and values only, with
     * NumPy on the same matrix when {@code python} has NumPy (null: skip).
     *
     * @param p       the potential
     * @param atoms   96, 384 or 768 (or 12)
     * @param eigens  the backends to time
     * @param reps    timed repetitions per backend
     * @param python  python executable, or null to skip NumPy
     * @return one timing per backend and mode
     */
    public static List<EigenTiming> compareEigen(Potential p, int atoms, List<SymmetricEigen> eigens, int reps, String python) {
        Hessian h = Hessian.of(snapshot(atoms), p);
        double[] a = projected(h);
        double[] np = python == null ? null : numpyTimes(a, python);
        int unstable = InstantaneousModes.compute(h, false, 1, InstantaneousModes.DEFAULT_ZERO_TOLERANCE).unstableCount();
        List<EigenTiming> out = new ArrayList<>();
        for (boolean vectors : new boolean[] {true, false}) {
            for (SymmetricEigen e : eigens) {
                double s = timeEigen(e, a, vectors, reps);
                double ref = np == null ? Double.NaN : np[vectors ? 0 : 1];
                out.add(new EigenTiming(atoms, vectors, e.name(), s, ref, unstable));
            }
        }
        return out;
    }
}
