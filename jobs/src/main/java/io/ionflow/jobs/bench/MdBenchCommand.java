package io.ionflow.jobs.bench;

import io.ionflow.jobs.cli.ConfPaths;
import io.ionflow.jobs.archive.UserError;
import io.ionflow.jobs.cli.ExitCodes;
import io.ionflow.simulate.bench.MdBench;
import io.ionflow.simulate.bench.NepBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static io.ionflow.jobs.bench.BenchCommand.load;

@Command(name = "md", mixinStandardHelpOptions = true,
        description = {"MD engine speed in atom-steps/s (NVE, 1 fs, α-Ag2Te at 500 K) for 1 and 2 force threads, exact and tabulated",
                "and the same cell and potential file in LAMMPS (conf/lammps/bench_md.in) when `lmp` is installed."},
        footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar bench md --cells 5 --rounds 5"})
public final class MdBenchCommand implements Callable<Integer> {
    @Option(names = "--potential", description = "potential file (default conf/potentials/Ag2Te.vashishta)")
    Path potential;

    @Option(names = "--cells", defaultValue = "5", description = "n for an n×n×n cell, 12n³ atoms (default ${DEFAULT-VALUE}: 1500 atoms)")
    int cells;

    @Option(names = "--lattice", defaultValue = "6.57", description = "lattice constant, Å (default ${DEFAULT-VALUE})")
    double lattice;

    @Option(names = "--steps", defaultValue = "1000", description = "timed steps per thread count and round (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--segments", defaultValue = "50",
            description = "the thread counts take turns in this many segments of steps/segments steps (default ${DEFAULT-VALUE})")
    int segments;

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

    @Override
    public Integer call() throws Exception {
        if (segments < 1 || steps < segments || rounds < 1) {
            throw new UserError("bench md: --segments must be between 1 and --steps (" + steps + "), --rounds at least 1");
        }
        Path conf = potential == null ? ConfPaths.conf() : null;
        Path pot = potential != null ? potential : conf.resolve("potentials/Ag2Te.vashishta");
        System.out.printf(Locale.ROOT, "bench md: %s, %d×%d×%d cell (%d atoms), %d steps in %d interleaved segments after %d warm-up, Java %s, %d cores,"
                        + " load %.2f%n", pot, cells, cells, cells, 12 * cells * cells * cells, steps, segments, warmup,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load());
        Path script = (conf != null ? conf : ConfPaths.conf()).resolve("lammps/bench_md.in");
        Map<String, List<Double>> speedUps = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            if (rounds > 1) System.out.printf(Locale.ROOT, " round %d (load %.2f)%n", round, load());
            List<MdBench.Timing> oneThread = new ArrayList<>();
            for (String style : styles) oneThread.add(timeStyle(pot, style, speedUps.computeIfAbsent(style, k -> new ArrayList<>())));
            double[] lmp = LammpsTiming.run(lammps, script, pot, cells, lattice, steps);
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
        if (threads.size() > 1) speedUps.forEach((style, r) -> System.out.printf(Locale.ROOT,
                "%s speed-up %d→%d threads, median of %d rounds: %.2f×  (rounds %s)%n", style, threads.get(0),
                threads.get(threads.size() - 1), r.size(), NepBench.median(r), r.stream()
                        .map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(" "))));
        return ExitCodes.OK;
    }

    /**
     * Times one style at every thread count (interleaved, see {@link MdBench#timeInterleaved}), prints the rows and adds
     * the speed-up from the first to the last thread count to {@code speedUps}; returns the first thread count's timing.
     */
    private MdBench.Timing timeStyle(Path pot, String style, List<Double> speedUps) {
        List<MdBench.Timing> ts = MdBench.timeInterleaved(pot, style, cells, lattice, threads, warmup, steps, segments);
        for (MdBench.Timing tm : ts) {
            int t = tm.threads();
            System.out.printf(Locale.ROOT, "  ionflow  %-15s threads=%d  %.3g atom-steps/s  (%.2f ms/step, %.3g per process CPU-second,"
                            + " %.0f neighbours/atom incl. skin)%n",
                    style, t, tm.atomStepsPerSecond(), 1e3 * tm.seconds() / tm.steps(), tm.atomStepsPerCpuSecond(), tm.pairsPerAtom());
        }
        if (ts.size() > 1) {
            double up = ts.get(ts.size() - 1).atomStepsPerSecond() / ts.get(0).atomStepsPerSecond();
            speedUps.add(up);
            System.out.printf(Locale.ROOT, "  %s speed-up %d→%d threads: %.2f×  (load %.2f)%n", style, ts.get(0).threads(),
                    ts.get(ts.size() - 1).threads(), up, load());
        }
        return ts.get(0);
    }
}
