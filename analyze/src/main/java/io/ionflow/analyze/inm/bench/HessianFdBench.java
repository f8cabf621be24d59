package io.ionflow.analyze.inm.bench;

import io.ionflow.analyze.inm.Hessian;
import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.potential.PairPotential;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.simple.RandomSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The finite-difference Hessian ({@link Hessian#finiteDifference(Structure, Potential, double,
 * Hessian.Stencil, Parallel)}) of α-Ag2Te: its error against the analytic pair Hessian as a function of
 * the step h (the step study of the {@link Hessian} class comment and docs/benchmarks.md), and its wall
 * time per snapshot on 1 and 2 threads.
 *
 * <p>The cell is an n×n×n antifluorite supercell (a = 6.57 Å, 12n³ atoms) with every coordinate displaced
 * by a Gaussian of σ = 0.1 Å from a seeded {@link java.util.Random}: a thermalised-looking snapshot.
 *
 * <p>Usage (from the repository root): {@code java -cp <analyze classpath>
 * io.ionflow.analyze.inm.bench.HessianFdBench [reps]}; the potential is
 * {@code conf/potentials/Ag2Te.vashishta} or the path in the system property {@code ionflow.potential}.
 */
public final class HessianFdBench {
    private HessianFdBench() {}

    /** The steps of the study, Å. */
    public static final double[] STUDY_STEPS = {1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5};

    /**
     * One row of the step study.
     *
     * @param step      h, Å
     * @param stencil   difference formula
     * @param maxRel    max |H_fd − H_an| / max |H_an| (dimensionless)
     * @param frobRel   ‖H_fd − H_an‖_F / ‖H_an‖_F (dimensionless)
     * @param rawAsym   {@link Hessian#rawRelativeAsymmetry()} of the FD matrix
     */
    public record StudyRow(double step, Hessian.Stencil stencil, double maxRel, double frobRel, double rawAsym) {}

    /**
     * One timing.
     *
     * @param atoms   N
     * @param threads threads over the displaced atoms
     * @param seconds best wall time of one FD Hessian, s
     * @param cpuSeconds CPU time of the whole process during that best run, s
     */
    public record Timing(int atoms, int threads, Hessian.Stencil stencil, double seconds, double cpuSeconds) {}

    /** The n×n×n snapshot described in the class comment. */
    public static Structure snapshot(int cells, long seed) {
        Structure s = Antifluorite.build("Ag", "Te", cells, 6.57, 0, false,
                RandomSource.XO_SHI_RO_256_PP.create(seed)).structure();
        Random r = new Random(seed);
        double[] x = s.positions();
        for (int k = 0; k < x.length; k++) {
            x[k] += 0.1 * r.nextGaussian();
        }
        return s;
    }

    /** Errors of the FD Hessian against the analytic one for each step (a pair potential is required). */
    public static List<StudyRow> study(Structure s, Potential p, double[] steps, Hessian.Stencil stencil, Parallel par) {
        Hessian an = Hessian.analytic(s, (PairPotential) p);
        List<StudyRow> rows = new ArrayList<>();
        for (double h : steps) {
            Hessian fd = Hessian.finiteDifference(s, p, h, stencil, par);
            double maxA = 0, maxD = 0, sumA = 0, sumD = 0;
            for (int r = 0; r < an.dimension(); r++) {
                for (int c = 0; c < an.dimension(); c++) {
                    double a = an.get(r, c), d = fd.get(r, c) - a;
                    maxA = Math.max(maxA, Math.abs(a));
                    maxD = Math.max(maxD, Math.abs(d));
                    sumA += a * a;
                    sumD += d * d;
                }
            }
            rows.add(new StudyRow(h, stencil, maxD / maxA, Math.sqrt(sumD / sumA), fd.rawRelativeAsymmetry()));
        }
        return rows;
    }

    /** Best wall time of {@code reps} FD Hessians (default step) of an n×n×n snapshot after one warm-up. */
    public static Timing time(Potential p, int cells, int threads, Hessian.Stencil stencil, int reps) {
        Structure s = snapshot(cells, 11);
        double best = Double.POSITIVE_INFINITY, bestCpu = Double.NaN;
        try (Parallel par = new Parallel(threads)) {
            for (int r = -1; r < reps; r++) {
                long c0 = processCpu();
                long t0 = System.nanoTime();
                Hessian.finiteDifference(s, p, Hessian.DEFAULT_FD_STEP, stencil, par);
                double t = (System.nanoTime() - t0) * 1e-9;
                if (r >= 0 && t < best) {
                    best = t;
                    bestCpu = (processCpu() - c0) * 1e-9;
                }
            }
        }
        return new Timing(s.size(), threads, stencil, best, bestCpu);
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** Prints the step study (96 atoms, both stencils) and the timings (96 and 324 atoms, 1 and 2 threads). */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path file = Path.of(System.getProperty("ionflow.potential", "conf/potentials/Ag2Te.vashishta"));
        Potential p = PotentialStyles.load("vashishta", file, List.of("Ag", "Te"));
        System.out.printf(Locale.ROOT, "FD Hessian, Java %s, %d processors, load average %.2f%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Structure s = snapshot(2, 11);
        try (Parallel par = new Parallel(2)) {
            for (Hessian.Stencil st : Hessian.Stencil.values()) {
                for (StudyRow r : study(s, p, STUDY_STEPS, st, par)) {
                    System.out.printf(Locale.ROOT, "%-9s h=%.0e  max-rel %.2e  frob-rel %.2e  raw-asym %.2e%n",
                            st, r.step(), r.maxRel(), r.frobRel(), r.rawAsym());
                }
            }
        }
        for (int cells : new int[] {2, 3}) {
            for (int threads : new int[] {1, 2}) {
                Timing t = time(p, cells, threads, Hessian.DEFAULT_FD_STENCIL, reps);
                System.out.printf(Locale.ROOT, "N=%4d threads=%d %-9s %.3f s (cpu %.3f s)%n",
                        t.atoms(), t.threads(), t.stencil(), t.seconds(), t.cpuSeconds());
            }
        }
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
