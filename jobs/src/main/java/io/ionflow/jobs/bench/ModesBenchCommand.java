package io.ionflow.jobs.bench;

import io.ionflow.jobs.cli.ConfPaths;
import io.ionflow.jobs.cli.ExitCodes;
import io.ionflow.analyze.inm.EjmlEigen;
import io.ionflow.analyze.inm.Hessian;
import io.ionflow.analyze.inm.LapackEigen;
import io.ionflow.analyze.inm.SymmetricEigen;
import io.ionflow.analyze.inm.bench.ModesBench;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench modes}: INM eigen-analysis, LAPACK vs EJML vs NumPy, and f_u by inertia vs by eigenvalues. */
@Command(name = "modes", mixinStandardHelpOptions = true,
        description = {"INM eigen-analysis speed on distorted α-Ag2Te cells (seeded, like an MD snapshot): the projected",
                "3N×3N mass-weighted Hessian decomposed by LAPACK dsyevd (native if it loads, else its Java translation)",
                "and by EJML, values+vectors and values only (best of --reps after a warm-up), against numpy.linalg.eigh /",
                "eigvalsh on the same matrix in a python3 subprocess (best of 3) when NumPy imports; then f_u by",
                "Sylvester's law of inertia (dsytrf) against the values-only decomposition, both from the Hessian."},
        footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar bench modes --atoms 96,384,768"})
public final class ModesBenchCommand implements Callable<Integer> {
    @Option(names = "--atoms", split = ",", defaultValue = "96,384,768", description = "cell sizes: 12, 96, 384 or 768 (default ${DEFAULT-VALUE})")
    int[] atoms;

    @Option(names = "--reps", defaultValue = "2", description = "timed repetitions per measurement, best kept (default ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--potential", description = "potential file (default conf/potentials/Ag2Te.vashishta)")
    Path potential;

    @Option(names = "--python", defaultValue = "python3", description = "python with NumPy for the reference (default ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--no-numpy", description = "skip the NumPy reference")
    boolean noNumpy;

    @Option(names = "--java-lapack", description = "also time the pure-Java LAPACK translation")
    boolean javaLapack;

    @Option(names = "--ejml-variants", description = "also print the former EJML table (Hessian + eigen, 1 and 2 threads, block variant)")
    boolean ejmlVariants;

    @Override
    public Integer call() throws Exception {
        Path pot = potential != null ? potential : ConfPaths.conf().resolve("potentials/Ag2Te.vashishta");
        Potential p = PotentialStyles.load("vashishta", pot, List.of("Ag", "Te"));
        List<SymmetricEigen> eigens = new ArrayList<>();
        if (LapackEigen.nativeAvailable()) {
            eigens.add(LapackEigen.nativeInstance());
        }
        if (!LapackEigen.nativeAvailable() || javaLapack) {
            eigens.add(LapackEigen.javaInstance());
        }
        eigens.add(EjmlEigen.DEFAULT);
        String py = noNumpy || !numpyAvailable(python) ? null : python;
        System.out.printf(Locale.ROOT, "bench modes: Java %s, %d cores, load average %.2f; native LAPACK: %s; NumPy: %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load(),
                LapackEigen.nativeAvailable() ? "yes" : "no (" + LapackEigen.nativeUnavailableReason() + ")",
                py == null ? "not used" : python);
        for (int n : atoms) {
            int r = n >= 768 ? 1 : reps;
            for (ModesBench.EigenTiming t : ModesBench.compareEigen(p, n, eigens, r, py)) {
                System.out.println(format(t));
            }
            inertiaLine(p, n, eigens.get(0), r);
            System.out.printf(Locale.ROOT, "  (load %.2f)%n", load());
        }
        if (ejmlVariants) {
            ModesBench.runAll(p, atoms, reps);
        }
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n", load());
        return ExitCodes.OK;
    }

    static String format(ModesBench.EigenTiming t) {
        String mode = t.vectors() ? "values+vectors" : "values";
        String ref = Double.isNaN(t.numpySeconds()) ? "numpy not run"
                : String.format(Locale.ROOT, "numpy %s %.3f s, ratio %.2f", t.vectors() ? "eigh" : "eigvalsh", t.numpySeconds(), t.ratio());
        return String.format(Locale.ROOT, "atoms=%d %s %s eigen %.3f s, %s (n_u=%d)", t.atoms(), mode, t.backend(),
                t.seconds(), ref, t.unstable());
    }

    private static void inertiaLine(Potential p, int n, SymmetricEigen eigen, int reps) {
        Hessian h = Hessian.of(ModesBench.snapshot(n), p);
        double[] byInertia = ModesBench.timeUnstableCount(h, null, reps);
        double[] byEigen = ModesBench.timeUnstableCount(h, eigen, reps);
        System.out.printf(Locale.ROOT, "atoms=%d f_u by inertia (from the Hessian) %.4f s vs values-only eigen (%s) %.4f s: %.1f× faster;"
                        + " n_u %d vs %d, f_u = %.5f%n", n, byInertia[0], eigen.name(), byEigen[0], byEigen[0] / byInertia[0],
                (int) byInertia[1], (int) byEigen[1], byInertia[1] / (3 * n - 3));
        if (eigen instanceof LapackEigen le) {
            double[] a = ModesBench.projected(h);
            double kernel = ModesBench.timeInertiaKernel(le.lapack(), a, 1e-10, reps);
            double values = ModesBench.timeEigen(eigen, a, false, reps);
            System.out.printf(Locale.ROOT, "atoms=%d kernels alone: dsytrf %.4f s vs dsyevd values-only %.4f s: %.1f×%n",
                    n, kernel, values, values / kernel);
        }
    }

    private static boolean numpyAvailable(String python) {
        try {
            Process pr = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true).start();
            pr.getInputStream().readAllBytes();
            return pr.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
