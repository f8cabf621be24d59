package io.ionflow.jobs.bench;

import io.ionflow.jobs.spark.Sessions;
import io.ionflow.simulate.bench.NepBench;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code bench archive} measurements: a synthetic archive of known D (the runs of {@code generate}) is
 * written, then a plain Spark scan of its frames, the {@code msd} job and, as the reference of the speed-up from
 * more cores, the MSD kernel alone on a few runs are timed, each in its own child JVM ({@code spark.master=local[N]},
 * N = 1 and 2 cores), so every timing is a clean process that does only that work. The msd results are checked
 * against the known D.
 */
public final class ArchiveBench {
    private ArchiveBench() {}


    /**
     * What to measure.
     *
     * @param runs           runs
     * @param atoms          atoms per run
     * @param frames         frames per run
     * @param velocities     write velocities (Langevin mobile atoms) instead of positions only
     * @param framesPerShard frames per shard file
     * @param writeThreads   runs written side by side
     * @param cores          the executor core counts to time (local[N])
     * @param rounds         rounds; each times, for every core count in turn, the scan and then the msd job
     * @param childJvmOpts   extra JVM options of the child processes (e.g. -Xmx4g)
     * @param root           working directory (the archive goes to root/archive, child logs to root/logs)
     * @param keep           keep the archive afterwards
     * @param warm           also time the msd job warm: a second job in the same child JVM ({@link WarmMsdCommand})
     */
    public record Config(int runs, int atoms, int frames, boolean velocities, int framesPerShard, int writeThreads,
                         List<Integer> cores, int rounds, List<String> childJvmOpts, java.nio.file.Path root,
                         boolean keep, boolean warm) {
        long atomFrames() {
            return (long) runs * atoms * frames;
        }
    }

    /**
     * One child measurement; {@code collector} and {@code gcPauseSeconds} are from the child's own GC log (the JVM picks
     * its collector by the CPUs it sees: Serial on one, G1 on more, unless a {@code --child-jvm-opt} chooses one).
     */
    record Child(int cores, double jobSeconds, double processSeconds, double cpuSeconds, double load, String detail,
                 String collector, double gcPauseSeconds) {
        Child(int cores, double jobSeconds, double processSeconds, double cpuSeconds, double load, String detail) {
            this(cores, jobSeconds, processSeconds, cpuSeconds, load, detail, "?", Double.NaN);
        }

        /** This measurement with the collector and the sum of the pauses of the child's GC log {@code text}. */
        Child withGc(String text) {
            Matcher m = COLLECTOR.matcher(text);
            double pauses = 0;
            for (Matcher p = PAUSE.matcher(text); p.find(); ) {
                pauses += Double.parseDouble(p.group(1)) * 1e-3;
            }
            return new Child(cores, jobSeconds, processSeconds, cpuSeconds, load, detail, m.find() ? m.group(1) : "?",
                    pauses);
        }
    }

    /**
     * Every child's measurement, per core count in round order (null for a child that failed), and per core count the
     * D check to print.
     */
    private record Series(Map<Integer, List<Child>> scans, Map<Integer, List<Child>> jobs,
                          Map<Integer, List<Child>> warmJobs, Map<Integer, List<Child>> kernels,
                          Map<Integer, String> checks) {
        Series() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                    new LinkedHashMap<>());
        }

        static void add(Map<Integer, List<Child>> m, int cores, Child ch) {
            m.computeIfAbsent(cores, k -> new ArrayList<>()).add(ch);
        }
    }

    /** Runs of the archive whose MSD kernel alone is timed in each round ({@link #kernelChild}). */
    static final int KERNEL_RUNS = 4;

    /**
     * Runs the benchmark and prints the table.
     *
     * @return 0 when every measurement ran and the D check passed, 1 otherwise
     */
    public static int run(Config c, PrintStream out) throws Exception {
        java.nio.file.Path root = c.root();
        Files.createDirectories(root.resolve("logs"));
        Archive a = Archive.at(root.resolve("archive").toString());
        out.printf(Locale.ROOT, "bench archive: Java %s, %d cores, load average %.2f%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), load());
        try {
            Written w = writeArchive(c, a, out);
            Series s = new Series();
            boolean ok = children(c, a, w, s, out);
            table(c, w, s, out);
            out.println(ok ? "bench archive: OK" : "bench archive: FAILED (see above)");
            return ok ? 0 : 1;
        } finally {
            if (!c.keep()) {
                a.fileSystem().delete(new Path(a.root().toUri()), true);
                out.println("  archive deleted (use --keep to keep it)");
            } else {
                out.println("  archive kept at " + a.root() + ", child logs in " + root.resolve("logs"));
            }
        }
    }

    /** The written archive: its truth, write time and load, bytes and files of frames/, the other variant's size. */
    private record Written(SyntheticArchive.Generated g, long atomFrames, double writeS, double writeLoad, long bytes,
                           long files, double other) {}

    /** 1. the archive (the runs of `generate`, frame interval 0.1 ps, D_Ag = 0.15·(1 + r/4) Å²/ps). */
    private static Written writeArchive(Config c, Archive a, PrintStream out) throws Exception {
        long af = c.atomFrames();
        out.printf(Locale.ROOT, "  writing %d runs × %d atoms × %d frames = %.3g atom-frames (%s), %d frames per shard,"
                        + " %d thread(s), to %s ...%n", c.runs(), c.atoms(), c.frames(), (double) af,
                c.velocities() ? "positions and velocities" : "positions only", c.framesPerShard(), c.writeThreads(), a.root());
        SyntheticArchive.Generated g = SyntheticArchive.generated(c.runs(), c.atoms(), c.frames(), 0.1, 0.15,
                c.velocities(), c.framesPerShard(), 1);
        long t0 = System.nanoTime();
        SyntheticArchive.write(a, g.specs(), c.writeThreads());
        io.ionflow.simulate.archive.AtomicWrites.writeText(a, new Path(a.reportDir(), "generated_truth.csv"), g.truthCsv());
        double writeS = (System.nanoTime() - t0) * 1e-9;
        double writeLoad = load();
        Map<String, Long> columns = new LinkedHashMap<>();
        long[] files = new long[1];
        long bytes = framesBytes(a, columns, files);
        out.printf(Locale.ROOT, "  written in %.1f s (%.3g atom-frames/s, load %.2f): %d files, %.3f GB, %.2f bytes per atom-frame%n",
                writeS, af / writeS, writeLoad, files[0], bytes / 1e9, (double) bytes / af);
        StringBuilder col = new StringBuilder();
        columns.forEach((k, v) -> col.append(String.format(Locale.ROOT, " %s %.2f", k, (double) v / af)));
        out.println("  compressed bytes per atom-frame by column (Parquet footers):" + col);
        out.println("  encoding: ZSTD; dictionary for species, frame, time_ps; PLAIN for atom and the floats (no"
                + " BYTE_STREAM_SPLIT: Spark's vectorized reader refuses it)");
        double other = sampleOtherVariant(c, c.root(), out);
        return new Written(g, af, writeS, writeLoad, bytes, files[0], other);

    }

    /**
     * 2. the children, round by round: for each core count the scan, then the msd job (so each pair is timed close
     * together), then the MSD kernel alone on {@value #KERNEL_RUNS} runs, one per core (the reference of the
     * job's speed-up from more cores: what the same hardware gives to the kernel with no Spark and no reading); false
     * when one failed or a D check did not pass. The checks keep per core count the first failed D check, else the
     * last.
     */
    private static boolean children(Config c, Archive a, Written w, Series series, PrintStream out) throws Exception {
        Map<Integer, String> checks = series.checks();
        boolean ok = true;
        for (int r = 1; r <= c.rounds(); r++) {
            out.printf(Locale.ROOT, "  round %d of %d%n", r, c.rounds());
            for (int n : c.cores()) {
                Child s = child(c, n, r, "scan", List.of("bench", "scan", "--archive", a.root().toString()), out);
                Series.add(series.scans(), n, s);
                a.fileSystem().delete(new Path(a.reportDir(), "diffusion.csv"), false);
                Child j = child(c, n, r, "msd", List.of("msd", "--archive", a.root().toString()), out);
                Series.add(series.jobs(), n, j);
                String check = j == null ? "D check: FAIL (the msd job did not finish)" : checkD(a, w.g().truthCsv(), n);
                out.println("    " + check);
                if (!checks.getOrDefault(n, "").startsWith("D check: FAIL")) {
                    checks.put(n, check);
                }
                Child wj = !c.warm() ? null
                        : child(c, n, r, "msd-warm", List.of("bench", "warm-msd", "--archive", a.root().toString()), out);
                Series.add(series.warmJobs(), n, wj);
                Child k = child(c, n, r, "kernel", List.of("bench", "scan", "--archive", a.root().toString(),
                        "--kernel-threads", String.valueOf(n)), out);
                Series.add(series.kernels(), n, k);
                ok &= s != null && j != null && (wj != null || !c.warm()) && k != null
                        && check.startsWith("D check: PASS");
            }
        }
        return ok;
    }

    /** 3. the table: medians over the rounds; ratios are medians of each round's own ratio. */
    private static void table(Config c, Written w, Series s, PrintStream out) {
        Map<Integer, List<Child>> scans = s.scans();
        Map<Integer, List<Child>> jobs = s.jobs();
        long af = w.atomFrames();
        out.println();
        out.printf(Locale.ROOT, "bench archive: %d runs × %d atoms × %d frames, %s; %d round(s), medians%n", c.runs(),
                c.atoms(), c.frames(), c.velocities() ? "positions and velocities" : "positions only", c.rounds());
        out.printf(Locale.ROOT, "| atom-frames | %.3g |%n", (double) af);
        out.printf(Locale.ROOT, "| bytes on disk (frames/) | %d (%.3f GB, %d files) |%n", w.bytes(), w.bytes() / 1e9, w.files());
        out.printf(Locale.ROOT, "| bytes/atom-frame | %.2f (%s); %s: %s |%n", (double) w.bytes() / af,
                c.velocities() ? "with velocities" : "positions only",
                c.velocities() ? "positions only" : "with velocities",
                Double.isNaN(w.other()) ? "not measured" : String.format(Locale.ROOT, "%.2f (1-run sample)", w.other()));
        out.printf(Locale.ROOT, "| write time | %.1f s (%.3g atom-frames/s, %d threads, load %.2f) |%n", w.writeS(), af / w.writeS(),
                c.writeThreads(), w.writeLoad());
        out.println();
        StringBuilder h = new StringBuilder("| quantity |");
        StringBuilder sep = new StringBuilder("|---|");
        for (int n : c.cores()) {
            h.append(' ').append(n).append(n == 1 ? " core |" : " cores |");
            sep.append("---:|");
        }
        boolean speedUp = c.cores().size() >= 2;
        if (speedUp) {
            h.append(String.format(Locale.ROOT, " speed-up %d vs %d |", last(c.cores()), c.cores().get(0)));
            sep.append("---:|");
        }
        out.println(h);
        out.println(sep);
        row(out, c, "scan s (count + sum(x+y+z))", scans, Child::jobSeconds, "%.1f", speedUp);
        row(out, c, "scan atom-frames/s", scans, ch -> af / ch.jobSeconds(), "%.3g", false);
        row(out, c, "scan process CPU s (JVM + Spark start + scan)", scans, Child::cpuSeconds, "%.1f", false);
        row(out, c, "scan load average", scans, Child::load, "%.2f", false);
        row(out, c, "msd job s", jobs, Child::jobSeconds, "%.1f", speedUp);
        row(out, c, "msd job atom-frames/s", jobs, ch -> af / ch.jobSeconds(), "%.3g", false);
        row(out, c, "msd process s (JVM + Spark start + job)", jobs, Child::processSeconds, "%.1f", false);
        row(out, c, "msd process CPU s", jobs, Child::cpuSeconds, "%.1f", false);
        row(out, c, "msd load average", jobs, Child::load, "%.2f", false);
        row(out, c, "msd GC pauses s (whole process)", jobs, Child::gcPauseSeconds, "%.2f", false);
        msdOverScan(out, c, scans, jobs, speedUp);
        if (c.warm()) {
            row(out, c, "msd job s, warm (the second job in the child's JVM)", s.warmJobs(), Child::jobSeconds, "%.1f",
                    speedUp);
        }
        row(out, c, "kernel alone s (" + Math.min(KERNEL_RUNS, c.runs()) + " runs in memory, one per core, no Spark)",
                s.kernels(), Child::jobSeconds, "%.2f", speedUp);
        out.println();
        steps(out, c, jobs, "msd steps");
        if (c.warm()) {
            steps(out, c, s.warmJobs(), "msd steps, warm");
        }
        for (int n : c.cores()) {
            out.printf(Locale.ROOT, "collector, %d core(s): %s%n", n, jobs.get(n).stream()
                    .map(ch -> ch == null ? "?" : ch.collector()).distinct().collect(java.util.stream.Collectors.joining(", ")));
        }
        s.checks().values().forEach(out::println);
    }

    /** Each round's msd steps per core count ({@code label}, N core(s), round r: the steps). */
    private static void steps(PrintStream out, Config c, Map<Integer, List<Child>> jobs, String label) {
        for (int n : c.cores()) {
            List<Child> js = jobs.get(n);
            for (int r = 0; r < js.size(); r++) {
                if (js.get(r) != null) {
                    out.printf(Locale.ROOT, "%s, %d core(s), round %d: %s%n", label, n, r + 1, js.get(r).detail());
                }
            }
        }
    }

    /** The row of msd / scan per core count: the median of each round's own ratio, and the range. */
    private static void msdOverScan(PrintStream out, Config c, Map<Integer, List<Child>> scans,
                                    Map<Integer, List<Child>> jobs, boolean speedUp) {
        StringBuilder ratio = new StringBuilder("| msd / scan (median of the rounds' ratios) |");
        for (int n : c.cores()) {
            List<Double> rs = new ArrayList<>();
            for (int r = 0; r < c.rounds(); r++) {
                Child s = scans.get(n).get(r);
                Child j = jobs.get(n).get(r);
                if (s != null && j != null) {
                    rs.add(j.jobSeconds() / s.jobSeconds());
                }
            }
            ratio.append(rs.isEmpty() ? " failed |" : String.format(Locale.ROOT, " %.2f× (%s) |", NepBench.median(rs), range(rs)));
        }
        out.println(ratio.append(speedUp ? " |" : ""));
    }

    private static int last(List<Integer> l) {
        return l.get(l.size() - 1);
    }

    /**
     * One row: per core count the median over the rounds; with {@code speedUp}, the median of the rounds' own
     * first-to-last-core-count ratios (a time: first / last).
     */
    private static void row(PrintStream out, Config c, String name, Map<Integer, List<Child>> cs,
                            java.util.function.ToDoubleFunction<Child> f, String fmt, boolean speedUp) {
        StringBuilder b = new StringBuilder("| ").append(name).append(" |");
        for (int n : c.cores()) {
            List<Double> v = cs.get(n).stream().filter(java.util.Objects::nonNull).map(f::applyAsDouble).toList();
            b.append(' ').append(v.isEmpty() ? "failed" : String.format(Locale.ROOT, fmt, NepBench.median(v))).append(" |");
        }
        if (speedUp) {
            List<Double> rs = new ArrayList<>();
            for (int r = 0; r < c.rounds(); r++) {
                Child first = cs.get(c.cores().get(0)).get(r);
                Child lastC = cs.get(last(c.cores())).get(r);
                if (first != null && lastC != null) {
                    rs.add(f.applyAsDouble(first) / f.applyAsDouble(lastC));
                }
            }
            b.append(rs.isEmpty() ? " – |" : String.format(Locale.ROOT, " %.2f× (%s) |", NepBench.median(rs), range(rs)));
        } else if (c.cores().size() >= 2) {
            b.append(" |");
        }
        out.println(b);
    }

    private static String range(List<Double> v) {
        return String.format(Locale.ROOT, "%.2f–%.2f", java.util.Collections.min(v), java.util.Collections.max(v));
    }

    /**
     * Size of the other variant (with velocities when the archive has none, and the reverse): one run of
     * the same atoms and min(frames, 2000) frames, written beside the archive and deleted.
     *
     * @return its bytes per atom-frame, or NaN
     */
    private static double sampleOtherVariant(Config c, java.nio.file.Path root, PrintStream out) throws IOException {
        int frames = Math.min(c.frames(), 2000);
        Archive s = Archive.at(root.resolve("sample").toString());
        try {
            SyntheticArchive.Generated g = SyntheticArchive.generated(1, c.atoms(), frames, 0.1, 0.15, !c.velocities(),
                    c.framesPerShard(), 7);
            SyntheticArchive.write(s, g.specs(), 1);
            long bytes = framesBytes(s, new HashMap<>(), new long[1]);
            double per = (double) bytes / ((long) c.atoms() * frames);
            out.printf(Locale.ROOT, "  sample %s (1 run × %d atoms × %d frames): %.2f bytes per atom-frame%n",
                    c.velocities() ? "positions only" : "with velocities", c.atoms(), frames, per);
            return per;
        } finally {
            s.fileSystem().delete(new Path(s.root().toUri()), true);
        }
    }

    /** Bytes of the Parquet files under frames/; compressed bytes per column from their footers. */
    static long framesBytes(Archive a, Map<String, Long> columns, long[] files) throws IOException {
        long total = 0;
        RemoteIterator<LocatedFileStatus> it = a.fileSystem().listFiles(a.framesDir(), true);
        while (it.hasNext()) {
            FileStatus f = it.next();
            if (!f.getPath().getName().endsWith(".parquet") || f.getPath().getName().startsWith(".")) {
                continue;
            }
            total += f.getLen();
            files[0]++;
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, a.configuration()))) {
                for (BlockMetaData b : r.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData cc : b.getColumns()) {
                        columns.merge(cc.getPath().toDotString(), cc.getTotalSize(), Long::sum);
                    }
                }
            }
        }
        return total;
    }

    /** Compares the Ag rows of report/diffusion.csv with the truth: |D − truth| < 5σ + 5 % of truth. */
    static String checkD(Archive a, String truthCsv, int cores) throws IOException {
        Map<String, Double> truth = new HashMap<>();
        for (String line : truthCsv.lines().skip(1).toList()) {
            String[] f = line.split(",");
            if (f[1].equals("Ag")) {
                truth.put(f[0], Double.parseDouble(f[2]));
            }
        }
        Path csv = new Path(a.reportDir(), "diffusion.csv");
        if (!a.fileSystem().exists(csv)) {
            return String.format(Locale.ROOT, "D check: FAIL (%d core(s): no %s)", cores, csv);
        }
        List<String> rows;
        try (java.io.InputStream in = a.fileSystem().open(csv)) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        int checked = 0;
        int bad = 0;
        double worstSigma = 0;
        double worstRel = 0;
        String worst = "";
        for (String line : rows.subList(Math.min(1, rows.size()), rows.size())) {
            String[] f = line.split(",", -1);
            if (!f[2].equals("msd") || !f[1].equals("Ag") || !truth.containsKey(f[0])) {
                continue;
            }
            double t = truth.get(f[0]);
            double d = f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]);
            double e = f[4].isEmpty() ? Double.NaN : Double.parseDouble(f[4]);
            checked++;
            boolean good = Math.abs(d - t) < 5 * e + 0.05 * t; // false for NaN
            if (!good) {
                bad++;
            }
            double sig = Math.abs(d - t) / e;
            if (!(sig <= worstSigma)) {
                worstSigma = sig;
                worstRel = Math.abs(d - t) / t;
                worst = String.format(Locale.ROOT, "%s: D = %.4g ± %.2g cm²/s, truth %.4g", f[0], d, e, t);
            }
        }
        boolean pass = bad == 0 && checked == truth.size();
        return String.format(Locale.ROOT, "D check: %s (%d core(s): %d of %d Ag runs within 5σ + 5 %% of the known D;"
                        + " worst |ΔD| = %.2fσ = %.2f %%, %s)", pass ? "PASS" : "FAIL", cores, checked - bad, truth.size(),
                worstSigma, 100 * worstRel, worst);
    }

    private static final Pattern JOB_DONE = Pattern.compile("msd: (\\d+) run\\(s\\) done, (\\d+) failed, \\d+ skipped in ([0-9.]+) s");
    private static final Pattern STEPS = Pattern.compile("msd: time per step: (.*)");
    private static final Pattern SCAN = Pattern.compile("bench scan: ([0-9.]+) s, (\\d+) rows");
    private static final Pattern KERNEL = Pattern.compile("bench kernel: ([0-9.]+) s");
    private static final Pattern COLLECTOR = Pattern.compile("\\[gc\\s*\\] Using (\\S+)");
    private static final Pattern PAUSE = Pattern.compile("\\[gc\\s*\\] GC\\(\\d+\\) Pause .* ([0-9.]+)ms");

    /** Runs one child JVM (local[cores]) and returns its timing, or null when it failed. */
    private static Child child(Config c, int cores, int round, String what, List<String> args, PrintStream out)
            throws Exception {
        java.nio.file.Path log = c.root().resolve("logs").resolve(what + "-local" + cores + "-round" + round + ".txt");
        ProcessBuilder pb = new ProcessBuilder(childCommand(c, cores, args)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        out.printf(Locale.ROOT, "  %s, local[%d], child JVM%s (load %.2f) ...%n", what, cores,
                pinning(cores).isEmpty() ? "" : " pinned to " + cores + " CPU(s) (" + String.join(" ", pinning(cores)) + ")", load());
        long t0 = System.nanoTime();
        Process p = pb.start();
        double cpu = awaitCpuSeconds(p);
        double proc = (System.nanoTime() - t0) * 1e-9;
        double ld = load();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        int rc = p.isAlive() ? -1 : p.exitValue();
        Child result = rc != 0 ? null : switch (what) {
            case "scan" -> scanTiming(c, cores, text, proc, cpu, ld, out);
            case "kernel" -> kernelTiming(cores, text, proc, cpu, ld);
            case "msd-warm" -> jobTiming(c, cores, lastJob(text), proc, cpu, ld);
            default -> jobTiming(c, cores, text, proc, cpu, ld);
        };
        result = result == null ? null : result.withGc(text);
        if (result == null) {
            List<String> lines = text.lines().toList();
            out.printf(Locale.ROOT, "    FAILED (exit %d); last lines of %s:%n", rc, log);
            lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> out.println("    | " + l));
        } else {
            long af = what.equals("kernel") ? (long) Math.min(KERNEL_RUNS, c.runs()) * c.atoms() * c.frames() : c.atomFrames();
            out.printf(Locale.ROOT, "    %.2f s (%.3g atom-frames/s), process %.1f s wall, %.1f s CPU, load %.2f, %s GC"
                            + " pauses %.2f s%s%n", result.jobSeconds(), af / result.jobSeconds(), proc, cpu, ld,
                    result.collector(), result.gcPauseSeconds(),
                    result.detail().isEmpty() ? "" : "; steps: " + result.detail());
        }
        return result;
    }

    /**
     * The child's command line: this JVM's java and class path, Spark local[cores] on the loopback address; pinned with
     * {@code taskset} to CPUs 0..cores−1 when there are more CPUs and taskset is installed, so that "N cores" is N cores
     * for the JVM's own threads too (JIT, GC), not only for Spark's tasks.
     */
    private static List<String> childCommand(Config c, int cores, List<String> args) {
        List<String> cmd = new ArrayList<>(pinning(cores));
        cmd.add(ProcessHandle.current().info().command().orElse(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(Sessions.JAVA17_FLAGS);
        cmd.add("-Xlog:gc:stdout"); // the collector and its pauses, into the child's log
        cmd.addAll(c.childJvmOpts());
        cmd.add("-Dspark.master=local[" + cores + "]");
        cmd.add("-Dspark.ui.enabled=false");
        cmd.add("-Dspark.driver.host=127.0.0.1");
        cmd.add("-Dspark.driver.bindAddress=127.0.0.1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.ionflow.jobs.Main");
        cmd.addAll(args);
        return cmd;
    }

    /** {@code taskset -c 0-(cores−1)} when the machine has more CPUs and taskset is on the PATH, else nothing. */
    static List<String> pinning(int cores) {
        if (cores >= Runtime.getRuntime().availableProcessors()) {
            return List.of();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(java.nio.file.Path.of(dir, "taskset"))) {
                return List.of("taskset", "-c", cores == 1 ? "0" : "0-" + (cores - 1));
            }
        }
        return List.of();
    }

    /** Waits for the child (at most 6 h) and returns its CPU time, all threads, sampled until it exits: a load-independent measure. */
    private static double awaitCpuSeconds(Process p) throws InterruptedException {
        double cpu = 0;
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(6);
        while (!p.waitFor(250, TimeUnit.MILLISECONDS)) {
            java.util.Optional<java.time.Duration> d = p.toHandle().info().totalCpuDuration();
            if (d.isPresent()) {
                cpu = Math.max(cpu, d.get().toNanos() * 1e-9);
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                break;
            }
        }
        return cpu;
    }

    /** The scan child's timing from its log, or null if it did not count every atom-frame. */
    private static Child scanTiming(Config c, int cores, String text, double proc, double cpu, double ld, PrintStream out) {
        Matcher m = SCAN.matcher(text);
        if (!m.find()) {
            return null;
        }
        long rows = Long.parseLong(m.group(2));
        if (rows != c.atomFrames()) {
            out.printf(Locale.ROOT, "    scan counted %d rows, expected %d%n", rows, c.atomFrames());
            return null;
        }
        return new Child(cores, Double.parseDouble(m.group(1)), proc, cpu, ld, "");
    }

    /** The kernel child's timing from its log, or null if it printed none. */
    private static Child kernelTiming(int cores, String text, double proc, double cpu, double ld) {
        Matcher m = KERNEL.matcher(text);
        return m.find() ? new Child(cores, Double.parseDouble(m.group(1)), proc, cpu, ld, "") : null;
    }

    /** The log of the last msd job of a child's log {@code text} (from its first line on). */
    private static String lastJob(String text) {
        int at = text.lastIndexOf("msd: archive ");
        return at < 0 ? text : text.substring(at);
    }

    /** The msd child's timing from its log, or null unless every run was done without failure. */
    private static Child jobTiming(Config c, int cores, String text, double proc, double cpu, double ld) {
        Matcher m = JOB_DONE.matcher(text);
        Matcher st = STEPS.matcher(text);
        if (m.find() && Integer.parseInt(m.group(2)) == 0 && Integer.parseInt(m.group(1)) == c.runs()) {
            return new Child(cores, Double.parseDouble(m.group(3)), proc, cpu, ld, st.find() ? st.group(1) : "");
        }
        return null;
    }

    /**
     * The plain scan of a child: count and Σ(x + y + z) of frames/ (x, y, z decoded), once; the time
     * includes listing the files and the first query's planning, as the msd job's does.
     */
    public static void scanChild(SparkSession spark, String archive, PrintStream out) throws IOException {
        Archive a = Archive.at(archive);
        long t0 = System.nanoTime();
        Row r = spark.read().parquet(a.framesDir().toString()).select("x", "y", "z")
                .agg(functions.count(functions.lit(1)), functions.sum(functions.expr("x + y + z"))).first();
        double s = (System.nanoTime() - t0) * 1e-9;
        out.printf(Locale.ROOT, "bench scan: %.3f s, %d rows, sum %.6g, master %s%n", s, r.getLong(0), r.getDouble(1),
                spark.sparkContext().master());
    }

    /**
     * The kernel reference of a child: the MSD kernel alone ({@link MsdJobBench#kernel}: runs read into memory without
     * Spark, then only the accumulation timed) on the archive's first {@value #KERNEL_RUNS} runs, {@code threads} of
     * them side by side; the wall time is the median of 3 passes after an untimed one.
     */
    public static void kernelChild(String archive, int threads, PrintStream out) throws Exception {
        Archive a = Archive.at(archive);
        List<RunInfo> runs = RunsTableReader.readAll(a);
        runs = runs.subList(0, Math.min(KERNEL_RUNS, runs.size()));
        RunInfo first = runs.get(0);
        double[] passes = MsdJobBench.kernel(a, runs.stream().map(RunInfo::runId).toList(), first.nAtoms(),
                first.nFrames(), threads, 3)[0];
        out.printf(Locale.ROOT, "bench kernel: %.3f s, %d runs of %d atoms × %d frames, %d thread(s)%n",
                NepBench.median(java.util.Arrays.stream(passes).boxed().toList()), runs.size(), first.nAtoms(),
                first.nFrames(), threads);
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
