package io.ionflow.analyze.bench;

import io.ionflow.analyze.FftBackends;
import io.ionflow.analyze.FftThreads;
import io.ionflow.analyze.MsdAccumulator;
import io.ionflow.analyze.MsdResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Throughput of the FFT MSD kernel, single thread: atom-frames per second for the full MSD
 * (maxLag = T − 1, all origins, x/y/z and total) of {@code nAtoms} random walks of T frames.
 * The same computation in NumPy is {@code analyze/bench/msd_numpy.py}.
 *
 * <p>Usage: {@code MsdBench [--backend auto|jtransforms|fftw|both] [frames...]} (default: the
 * backend {@code -Dionflow.fft} selects, else auto; frames 10000 100000), 64 atoms. {@code both}
 * measures JTransforms and FFTW alternately in the same JVM. Each line names the FFT backend and
 * length that ran.
 */
public final class MsdBench {
    private MsdBench() {}

    /**
     * One measurement.
     *
     * @param frames               frames T per series
     * @param atoms                atoms per pass
     * @param passes               timed passes
     * @param secondsPerPass       best wall time of one pass over all atoms, s
     * @param atomFramesPerSecond  atoms·frames / secondsPerPass
     * @param backend              FFT backend that ran ({@link FftBackends#name()})
     * @param fftLength            FFT length used
     * @param cpuSecondsPerPass    best thread CPU time of one pass, s (less sensitive to other load than wall time)
     */
    public record Result(int frames, int atoms, int passes, double secondsPerPass, double atomFramesPerSecond,
            String backend, int fftLength, double cpuSecondsPerPass) {
        /** @return atoms·frames / cpuSecondsPerPass */
        public double atomFramesPerCpuSecond() {
            return atoms * (double) frames / cpuSecondsPerPass;
        }
    }

    /**
     * Measures the kernel on one thread (JTransforms is set to one thread for the run) with the
     * current FFT backend ({@link FftBackends}).
     *
     * @param frames frames T per atom
     * @param atoms  atoms per pass
     * @param passes timed passes (after warm-up); the best is reported
     * @return the measurement
     */
    public static Result run(int frames, int atoms, int passes) {
        int threads = FftThreads.get();
        FftThreads.set(1);
        try {
            double[][][] xyz = walks(frames, atoms, 12345L);
            MsdAccumulator probe = new MsdAccumulator(frames, 0.01, frames - 1);
            double checksum = 0;
            long warmEnd = System.nanoTime() + 2_000_000_000L; // ≥ 2 s or 3 passes of warm-up
            for (int w = 0; w < 3 || System.nanoTime() < warmEnd; w++) {
                checksum += pass(xyz, frames);
                if (w >= 20) {
                    break;
                }
            }
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            double best = Double.POSITIVE_INFINITY;
            double bestCpu = Double.POSITIVE_INFINITY;
            for (int p = 0; p < passes; p++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                checksum += pass(xyz, frames);
                best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
                bestCpu = Math.min(bestCpu, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
            }
            if (!Double.isFinite(checksum)) {
                throw new IllegalStateException("non-finite MSD");
            }
            return new Result(frames, atoms, passes, best, (double) atoms * frames / best, probe.fftBackend(),
                    probe.fftLength(), bestCpu);
        } finally {
            FftThreads.set(threads);
        }
    }

    private static double pass(double[][][] xyz, int frames) {
        MsdAccumulator acc = new MsdAccumulator(frames, 0.01, frames - 1);
        for (int a = 0; a < xyz[0].length; a++) {
            acc.add(xyz[0][a], xyz[1][a], xyz[2][a]);
        }
        MsdResult r = acc.result();
        return r.total()[frames / 2];
    }

    static double[][][] walks(int frames, int atoms, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][][] r = new double[3][atoms][frames];
        for (int c = 0; c < 3; c++) {
            for (int a = 0; a < atoms; a++) {
                double[] s = r[c][a];
                for (int f = 1; f < frames; f++) {
                    s[f] = s[f - 1] + 0.1 * rng.nextGaussian();
                }
            }
        }
        return r;
    }

    /**
     * Prints atom-frames/s for each frame count given (default 10000 and 100000), 64 atoms.
     *
     * @param args frame counts
     */
    public static void main(String[] args) {
        List<Integer> sizes = new ArrayList<>();
        String backend = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--backend")) {
                backend = args[++i];
            } else if (args[i].startsWith("--backend=")) {
                backend = args[i].substring("--backend=".length());
            } else {
                sizes.add(Integer.parseInt(args[i]));
            }
        }
        if (sizes.isEmpty()) {
            sizes.add(10_000);
            sizes.add(100_000);
        }
        List<String> backends = new ArrayList<>();
        if ("both".equals(backend)) {
            backends.add("jtransforms");
            backends.add("fftw");
        } else {
            backends.add(backend);
        }
        System.out.printf(Locale.ROOT, "FFT MSD kernel, 1 thread, Java %s (%s); FFTW %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                FftBackends.fftwAvailable() ? "available" : "not available (" + FftBackends.fftwUnavailableReason() + ")");
        for (int t : sizes) {
            for (String b : backends) {
                if (b != null) {
                    FftBackends.select(b);
                }
                Result r = run(t, 64, t >= 100_000 ? 5 : 20);
                System.out.printf(Locale.ROOT, "T=%d atoms=%d backend=%s n=%d: %.4f s/pass, %.3e atom-frames/s;"
                        + " CPU %.4f s/pass, %.3e atom-frames/CPU-s%n", r.frames(), r.atoms(), r.backend(), r.fftLength(),
                        r.secondsPerPass(), r.atomFramesPerSecond(), r.cpuSecondsPerPass(), r.atomFramesPerCpuSecond());
            }
        }
    }
}
