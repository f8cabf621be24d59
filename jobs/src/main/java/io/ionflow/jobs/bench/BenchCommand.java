package io.ionflow.jobs.bench;

import io.ionflow.jobs.cli.ConfPaths;
import io.ionflow.jobs.cli.ExitCodes;
import io.ionflow.jobs.archive.UserError;
import io.ionflow.simulate.bench.MdBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; results are printed and belong in docs/benchmarks.md.",
        subcommands = {BenchCommand.Md.class, NepBenchCommand.class, BenchCommand.Msd.class, ModesBenchCommand.class, BenchCommand.ArchiveScale.class, BenchCommand.Scan.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "md", mixinStandardHelpOptions = true,
            description = {"MD engine speed in atom-steps/s (NVE, 1 fs, α-Ag2Te at 500 K) for 1 and 2 force threads, exact and tabulated",
                    "and the same cell and potential file in LAMMPS (conf/lammps/bench_md.in) when `lmp` is installed."},
            footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar bench md --cells 5 --steps 400"})
    public static final class Md implements Callable<Integer> {
        @Option(names = "--potential", description = "potential file (default conf/potentials/Ag2Te.vashishta)")
        Path potential;

        @Option(names = "--cells", defaultValue = "5", description = "n for an n×n×n cell, 12n³ atoms (default ${DEFAULT-VALUE}: 1500 atoms)")
        int cells;

        @Option(names = "--lattice", defaultValue = "6.57", description = "lattice constant, Å (default ${DEFAULT-VALUE})")
        double lattice;

        @Option(names = "--steps", defaultValue = "400", description = "timed steps (default ${DEFAULT-VALUE})")
        long steps;

        @Option(names = "--warmup", defaultValue = "200", description = "untimed warm-up steps (default ${DEFAULT-VALUE})")
        long warmup;

        @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts (default ${DEFAULT-VALUE})")
        List<Integer> threads;

        @Option(names = "--lammps", defaultValue = "lmp", description = "LAMMPS binary (default ${DEFAULT-VALUE}); skipped when absent")
        String lammps;

        @Option(names = "--styles", split = ",", defaultValue = "vashishta,vashishta/table",
                description = "potential styles to time (default ${DEFAULT-VALUE}: exact form, then tabulated)")
        List<String> styles;

        @Option(names = "--rounds", defaultValue = "1", description = "rounds of all timings, each followed by LAMMPS (default ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--verbose", description = "print stack traces of errors")
        boolean verbose;

        @Override
        public Integer call() throws Exception {
            Path conf = potential == null ? ConfPaths.conf() : null;
            Path pot = potential != null ? potential : conf.resolve("potentials/Ag2Te.vashishta");
            System.out.printf(Locale.ROOT, "bench md: %s, %d×%d×%d cell (%d atoms), %d steps after %d warm-up, Java %s, %d cores, load %.2f%n",
                    pot, cells, cells, cells, 12 * cells * cells * cells, steps, warmup,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load());
            Path script = (conf != null ? conf : ConfPaths.conf()).resolve("lammps/bench_md.in");
            for (int round = 1; round <= rounds; round++) {
                if (rounds > 1) System.out.printf(Locale.ROOT, " round %d (load %.2f)%n", round, load());
                List<MdBench.Timing> oneThread = new ArrayList<>();
                for (String style : styles) oneThread.add(timeStyle(pot, style));
                double[] lmp = runLammpsWithCpu(lammps, script, pot, cells, lattice, steps);
                if (!Double.isNaN(lmp[0])) {
                    StringBuilder sb = new StringBuilder();
                    for (int k = 0; k < styles.size(); k++) {
                        sb.append(String.format(Locale.ROOT, "%n    %s %d thread / LAMMPS = %.2f wall, %.2f per CPU-second", styles.get(k),
                                oneThread.get(k).threads(), oneThread.get(k).atomStepsPerSecond() / lmp[0],
                                oneThread.get(k).atomStepsPerCpuSecond() / lmp[1]));
                    }
                    System.out.printf(Locale.ROOT, "  LAMMPS   1 proc     %.3g atom-steps/s  (%.3g per CPU-second; load %.2f)%s%n", lmp[0], lmp[1], load(), sb);
                }
            }
            return ExitCodes.OK;
        }

        /** Times one style at every thread count, prints the rows; returns the first thread count's timing. */
        private MdBench.Timing timeStyle(Path pot, String style) {
            List<MdBench.Timing> ts = new ArrayList<>();
            for (int t : threads) {
                MdBench.Timing tm = MdBench.time(pot, style, cells, lattice, t, warmup, steps);
                ts.add(tm);
                System.out.printf(Locale.ROOT, "  ionflow  %-15s threads=%d  %.3g atom-steps/s  (%.2f ms/step, %.3g per process CPU-second,"
                                + " %.0f neighbours/atom incl. skin)%n",
                        style, t, tm.atomStepsPerSecond(), 1e3 * tm.seconds() / tm.steps(), tm.atomStepsPerCpuSecond(), tm.pairsPerAtom());
            }
            if (ts.size() > 1) {
                System.out.printf(Locale.ROOT, "  %s speed-up %d→%d threads: %.2f×  (load %.2f)%n", style, ts.get(0).threads(),
                        ts.get(ts.size() - 1).threads(), ts.get(ts.size() - 1).atomStepsPerSecond() / ts.get(0).atomStepsPerSecond(), load());
            }
            return ts.get(0);
        }

        private static double load() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }

        static double runLammps(String lmp, Path script, Path pot, int cells, double a, long steps) {
            return runLammpsWithCpu(lmp, script, pot, cells, a, steps)[0];
        }

        /**
         * Runs LAMMPS; returns {atom-steps per wall second, atom-steps per CPU second} of its timed run (the CPU
         * figure from the "% CPU use" of its Performance line), NaN when LAMMPS is absent or failed.
         */
        static double[] runLammpsWithCpu(String lmp, Path script, Path pot, int cells, double a, long steps) {
            if (!Files.isRegularFile(script)) {
                System.out.println("  LAMMPS   skipped: " + script + " not found");
                return NAN2;
            }
            List<String> cmd = List.of(lmp, "-in", script.toString(), "-log", "none", "-screen", "none",
                    "-var", "pot", pot.toAbsolutePath().toString(), "-var", "n", String.valueOf(cells),
                    "-var", "a", String.valueOf(a), "-var", "nsteps", String.valueOf(steps));
            Process p;
            try {
                Path out = Files.createTempFile("ionflow-lmp", ".log");
                List<String> c = new ArrayList<>(cmd);
                c.set(4, out.toString()); // -log FILE
                c.set(6, "none");
                p = new ProcessBuilder(c).redirectErrorStream(true).start();
                String text;
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    StringBuilder sb = new StringBuilder();
                    for (String line; (line = r.readLine()) != null; ) sb.append(line).append('\n');
                    text = sb.toString();
                }
                if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    System.out.println("  LAMMPS   failed (exit " + p.exitValue() + "): " + text.lines().reduce((x, y) -> y).orElse(""));
                    return NAN2;
                }
                String log = Files.readString(out) + text;
                Files.deleteIfExists(out);
                return parseLammpsLog(log);
            } catch (IOException e) {
                System.out.println("  LAMMPS   skipped: `" + lmp + "` not found (apt-get install lammps)");
                return NAN2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return NAN2;
            }
        }

        private static final double[] NAN2 = {Double.NaN, Double.NaN};

        /** {atom-steps per wall second, per CPU second} of the last "Loop time" in a LAMMPS log (NaN if none). */
        static double[] parseLammpsLog(String log) {
            Matcher m = Pattern.compile("Loop time of ([0-9.eE+-]+) on (\\d+) procs for (\\d+) steps with (\\d+) atoms"
                    + "(?:[\\s\\S]*?([0-9.]+)% CPU use)?").matcher(log);
            double[] best = NAN2.clone();
            while (m.find()) {
                best[0] = Long.parseLong(m.group(4)) * Long.parseLong(m.group(3)) / Double.parseDouble(m.group(1));
                best[1] = m.group(5) == null ? best[0] : best[0] / (Double.parseDouble(m.group(5)) / 100);
            }
            return best;
        }
    }

    @Command(name = "msd", mixinStandardHelpOptions = true,
            description = {"MSD speed: the FFT kernel alone (1 thread, T = 1e4 and 1e5), then on one synthetic archive"
                    + " (runs × atoms × frames, positions only, written to a temporary directory and deleted afterwards):"
                    + " a plain Spark scan of the frames (count and sum of x + y + z), the kernel alone on the same data"
                    + " (read back without Spark, in memory, one run per thread) and the Spark msd job."},
            footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar bench msd --runs 4 --atoms 1000 --frames 25000"})
    public static final class Msd implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "4", description = "runs in the archive (default ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--atoms", defaultValue = "1000", description = "atoms per run (default ${DEFAULT-VALUE})")
        int atoms;

        @Option(names = "--frames", defaultValue = "25000", description = "frames per run (default ${DEFAULT-VALUE})")
        int frames;

        @Option(names = "--frames-per-shard", defaultValue = "500", description = "frames per shard file (default ${DEFAULT-VALUE})")
        int framesPerShard;

        @Option(names = "--dir", description = "where to write the archive (default: a new temporary directory)")
        java.nio.file.Path dir;

        @Option(names = "--keep", description = "keep the archive afterwards")
        boolean keep;

        @Option(names = "--skip-kernel-speed", description = "skip the in-memory kernel micro-benchmark at T = 1e4 and 1e5")
        boolean skipKernelSpeed;

        @Option(names = "--repeat", defaultValue = "3", description = "timed rounds of (scan, kernel pass, msd job) after"
                + " one untimed warm-up of each; the goal is judged on the median round (default ${DEFAULT-VALUE})")
        int repeat;

        @Option(names = "--verbose", description = "print stack traces of errors")
        boolean verbose;

        @Override
        public Integer call() throws Exception {
            if (repeat < 1) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--repeat must be ≥ 1");
            }
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "bench msd: Java %s, %d cores, max heap %.1f GiB, load average %.2f%n",
                    System.getProperty("java.version"), cores, Runtime.getRuntime().maxMemory() / 1073741824.0, load());
            if (!skipKernelSpeed) {
                for (int t : new int[] {10_000, 100_000}) {
                    io.ionflow.analyze.bench.MsdBench.Result r = MsdJobBench.kernelSpeed(t);
                    System.out.printf(Locale.ROOT, "  kernel  T=%d, 64 atoms, 1 thread, FFT %s (n=%d): %.4f s/pass, %.3g atom-frames/s"
                                    + " (CPU time: %.4f s/pass, %.3g atom-frames/CPU-s)%n", t, r.backend(), r.fftLength(),
                            r.secondsPerPass(), r.atomFramesPerSecond(), r.cpuSecondsPerPass(), r.atomFramesPerCpuSecond());
                }
            }
            java.nio.file.Path root = dir != null ? dir : java.nio.file.Files.createTempDirectory("ionflow-bench-msd");
            io.ionflow.simulate.archive.Archive a = io.ionflow.simulate.archive.Archive.at(root.resolve("archive").toString());
            long atomFrames = (long) runs * atoms * frames;
            try {
                int threads = Math.max(1, Math.min(cores, runs));
                System.out.printf(Locale.ROOT, "  writing %d runs × %d atoms × %d frames = %.3g atom-frames (positions only) to %s ...%n",
                        runs, atoms, frames, (double) atomFrames, a.root());
                double w = MsdJobBench.writeArchive(a, runs, atoms, frames, framesPerShard, threads);
                long bytes = a.fileSystem().getContentSummary(a.framesDir()).getLength();
                System.out.printf(Locale.ROOT, "  archive written in %.1f s, %.2f GB (%.1f bytes per atom-frame)%n", w, bytes / 1e9,
                        (double) bytes / atomFrames);
                org.apache.spark.sql.SparkSession spark = io.ionflow.jobs.spark.Sessions.get("bench msd");
                System.out.printf(Locale.ROOT, "  Spark %s, master %s, default parallelism %d%n", spark.version(),
                        spark.sparkContext().master(), spark.sparkContext().defaultParallelism());
                List<String> ids = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    ids.add(String.format(Locale.ROOT, "Bench_r%02d", r));
                }
                double[][] k = MsdJobBench.kernel(a, ids, atoms, frames, threads, repeat);
                System.out.printf(Locale.ROOT, "  kernel alone, %d thread(s), max lag %d: %s s wall per pass over the %d runs"
                                + " (after a warm-up pass); reading the data back without Spark took %.1f s more (load %.2f)%n",
                        threads, Math.max(1, (frames - 1) / 2), seconds(k[0]), runs, k[1][0], load());
                double scan0 = MsdJobBench.scan(spark, a)[0]; // warm-up (JIT, file listing)
                double job0 = MsdJobBench.job(spark, a, System.out);
                System.out.printf(Locale.ROOT, "  warm-up (first in this JVM, not judged): scan %.1f s, msd job %.1f s"
                        + " = %.2f × (kernel + scan)%n", scan0, job0, job0 / (k[0][0] + scan0));
                double[] ratio = new double[repeat];
                for (int i = 0; i < repeat; i++) {
                    double[] scan = MsdJobBench.scan(spark, a);
                    double job = MsdJobBench.job(spark, a, System.out);
                    double ref = k[0][i] + scan[0];
                    ratio[i] = job / ref;
                    System.out.printf(Locale.ROOT, "  round %d: Parquet scan (Spark, count + sum(x+y+z)) %.1f s (%d rows, %.3g rows/s),"
                                    + " kernel %.1f s, Spark msd job %.1f s (%.3g atom-frames/s) = %.2f × (kernel + scan = %.1f s)"
                                    + " (load %.2f)%n", i + 1, scan[0], (long) scan[1], scan[1] / scan[0], k[0][i], job,
                            atomFrames / job, ratio[i], ref, load());
                }
                double[] sorted = ratio.clone();
                java.util.Arrays.sort(sorted);
                double median = repeat % 2 == 1 ? sorted[repeat / 2] : 0.5 * (sorted[repeat / 2 - 1] + sorted[repeat / 2]);
                System.out.printf(Locale.ROOT, "  Spark msd job / (kernel + scan): median %.2f × over %d round(s) (range %.2f–%.2f);"
                        + " goal ≤ 1.5×%n", median, repeat, sorted[0], sorted[repeat - 1]);
            } finally {
                if (!keep) {
                    a.fileSystem().delete(new org.apache.hadoop.fs.Path(root.toUri()), true);
                }
            }
            return ExitCodes.OK;
        }

        private static String seconds(double[] t) {
            StringBuilder b = new StringBuilder();
            for (double v : t) {
                b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v));
            }
            return b.toString();
        }

        private static double load() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = {"Archive-scale benchmark: writes a synthetic archive of known D (the runs of `generate`;"
                    + " positions only unless --velocities) and reports its size per atom-frame, then times a plain"
                    + " Spark scan of its frames (count and sum of x + y + z) and the msd job, each in a child JVM"
                    + " with spark.master=local[N] for every N of --cores, and checks the msd results against the"
                    + " known D. The archive is deleted afterwards unless --keep."},
            footer = {"", "Example (2e8 atom-frames, ≈ 2.2 GB):",
                    "  java -jar jobs/target/ionflow.jar bench archive --runs 20 --atoms 1000 --frames 10000"})
    public static final class ArchiveScale implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "20", description = "runs (default ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--atoms", defaultValue = "1000", description = "atoms per run (default ${DEFAULT-VALUE})")
        int atoms;

        @Option(names = "--frames", defaultValue = "10000", description = "frames per run (default ${DEFAULT-VALUE})")
        int frames;

        @Option(names = "--velocities", arity = "0..1", defaultValue = "false",
                description = "write velocities too (Langevin mobile atoms; default ${DEFAULT-VALUE}: positions only)")
        boolean velocities;

        @Option(names = "--frames-per-shard", defaultValue = "500", description = "frames per shard file (default ${DEFAULT-VALUE})")
        int framesPerShard;

        @Option(names = "--write-threads", defaultValue = "2", description = "runs written side by side (default ${DEFAULT-VALUE})")
        int writeThreads;

        @Option(names = "--cores", split = ",", defaultValue = "1,2", description = "executor cores to time, local[N] (default ${DEFAULT-VALUE})")
        List<Integer> cores;

        @Option(names = "--child-jvm-opt", description = "extra JVM option of the child processes, repeatable (e.g. -Xmx4g)")
        List<String> childJvmOpts = new ArrayList<>();

        @Option(names = "--dir", description = "working directory (default: a new temporary directory)")
        Path dir;

        @Option(names = "--keep", description = "keep the archive (and the child logs) afterwards")
        boolean keep;

        @Option(names = "--verbose", description = "print stack traces of errors")
        boolean verbose;

        @Override
        public Integer call() throws Exception {
            if (runs < 1 || atoms < 3 || frames < 4 || framesPerShard < 1 || writeThreads < 1 || cores.isEmpty()
                    || cores.stream().anyMatch(n -> n < 1)) {
                throw new UserError("--runs >= 1, --atoms >= 3, --frames >= 4, --frames-per-shard >= 1, --write-threads >= 1"
                        + " and --cores of numbers >= 1 are required");
            }
            Path root = dir != null ? dir : Files.createTempDirectory("ionflow-bench-archive");
            boolean created = dir == null;
            int rc = ArchiveBench.run(new ArchiveBench.Config(runs, atoms, frames,
                    velocities, framesPerShard, writeThreads, cores, childJvmOpts, root, keep), System.out);
            if (!keep && created) {
                try (var walk = Files.walk(root)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return rc == 0 ? ExitCodes.OK : ExitCodes.PARTIAL_FAILURE;
        }
    }

    /** The scan of one `bench archive` child process (not for direct use). */
    @Command(name = "scan", hidden = true, mixinStandardHelpOptions = true,
            description = "Plain Spark scan of ARCHIVE/frames (count and sum of x + y + z), timed; used by `bench archive`.")
    public static final class Scan implements Callable<Integer> {
        @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI")
        String archive;

        @Override
        public Integer call() throws Exception {
            org.apache.spark.sql.SparkSession spark = io.ionflow.jobs.spark.Sessions.get("bench scan");
            ArchiveBench.scanChild(spark, archive, System.out);
            return ExitCodes.OK;
        }
    }
}
