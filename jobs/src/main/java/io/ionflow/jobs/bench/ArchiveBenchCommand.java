package io.ionflow.jobs.bench;

import io.ionflow.jobs.archive.UserError;
import io.ionflow.jobs.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = {"Archive-scale benchmark: writes a synthetic archive of known D (the runs of `generate`;"
                + " positions only unless --velocities) and reports its size per atom-frame, then times a plain"
                + " Spark scan of its frames (count and sum of x + y + z), the msd job and the MSD kernel alone on a few runs"
                + " (no Spark: the reference of the speed-up from more cores) and the msd job once more after a first one in the"
                + " same JVM (warm), each in a child JVM"
                + " with spark.master=local[N] for every N of --cores, round after round (medians reported), and checks"
                + " every msd result against the known D. The archive is deleted afterwards unless --keep."},
        footer = {"", "Example (2e8 atom-frames, ≈ 2.2 GB):",
                "  java -jar jobs/target/ionflow.jar bench archive --runs 20 --atoms 1000 --frames 10000"})
public final class ArchiveBenchCommand implements Callable<Integer> {
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

    @Option(names = "--rounds", defaultValue = "3", description = "rounds; each times the scan, the msd job and the kernel alone"
            + " for every core count in turn; the table gives medians (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--child-jvm-opt", description = "extra JVM option of the child processes, repeatable (e.g. -Xmx4g)")
    List<String> childJvmOpts = new ArrayList<>();

    @Option(names = "--dir", description = "working directory (default: a new temporary directory)")
    Path dir;

    @Option(names = "--keep", description = "keep the archive (and the child logs) afterwards")
    boolean keep;

    @Option(names = "--warm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also time the msd job warm, a second job in the same child JVM (default ${DEFAULT-VALUE};"
                    + " --no-warm skips it)")
    boolean warm;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || atoms < 3 || frames < 4 || framesPerShard < 1 || writeThreads < 1 || cores.isEmpty()
                || cores.stream().anyMatch(n -> n < 1) || rounds < 1) {
            throw new UserError("--runs >= 1, --atoms >= 3, --frames >= 4, --frames-per-shard >= 1, --write-threads >= 1,"
                    + " --rounds >= 1 and --cores of numbers >= 1 are required");
        }
        Path root = dir != null ? dir : Files.createTempDirectory("ionflow-bench-archive");
        boolean created = dir == null;
        int rc = ArchiveBench.run(new ArchiveBench.Config(runs, atoms, frames,
                velocities, framesPerShard, writeThreads, cores, rounds, childJvmOpts, root, keep, warm), System.out);
        if (!keep && created) {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return rc == 0 ? ExitCodes.OK : ExitCodes.PARTIAL_FAILURE;
    }
}
