package io.ionflow.jobs.bench;

import io.ionflow.jobs.cli.ExitCodes;
import io.ionflow.jobs.cli.Locks;
import io.ionflow.jobs.archive.UserError;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.AtomicWrites;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a synthetic archive with known diffusion coefficients, for tests and benchmarks at scale:",
                "per run, 2/3 of the atoms are 'Ag' random walkers (or Langevin particles with --velocities) with a known D",
                "and 1/3 are 'Te' vibrating about fixed sites (D = 0). The truth is written to ARCHIVE/report/generated_truth.csv",
                "(run_id,species,d_cm2_s)."},
        footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar generate --archive /tmp/big --runs 20 --atoms 1000 --frames 10000"})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI")
    String archive;

    @Option(names = "--runs", defaultValue = "4", description = "runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--atoms", defaultValue = "300", description = "atoms per run (default ${DEFAULT-VALUE})")
    int atoms;

    @Option(names = "--frames", defaultValue = "2000", description = "frames per run (default ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--frame-interval-ps", defaultValue = "0.1", description = "time between frames, ps (default ${DEFAULT-VALUE})")
    double dtPs;

    @Option(names = "--d-ag", defaultValue = "0.15", description = "D of the mobile species, Å²/ps (default ${DEFAULT-VALUE} = 1.5e-5 cm²/s)")
    double dAg;

    @Option(names = "--velocities", description = "Langevin (Ornstein–Uhlenbeck) mobile atoms with velocities, γ = 10/ps, instead of random walkers without")
    boolean velocities;

    @Option(names = "--frames-per-shard", defaultValue = "500", description = "frames per shard file (default ${DEFAULT-VALUE})")
    int perShard;

    @Option(names = "--threads", defaultValue = "2", description = "runs written side by side (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        checkOptions(); // before the archive is touched
        try (io.ionflow.simulate.archive.ArchiveLock lock = Locks.hold(archive, "generate", true)) {
            return callHolding();
        }
    }

    /** Bytes of memory per atom of one run being written (positions, velocities, sites, frame buffers; upper bound). */
    static final long BYTES_PER_ATOM = 96;

    private void checkOptions() {
        if (runs < 1 || atoms < 3 || frames < 2 || !(dtPs > 0) || !(dAg >= 0) || perShard < 1 || threads < 1) {
            throw new UserError("--runs >= 1, --atoms >= 3, --frames >= 2, --frame-interval-ps > 0, --d-ag >= 0,"
                    + " --frames-per-shard >= 1 and --threads >= 1 are required");
        }
        if ((long) atoms * frames > Integer.MAX_VALUE) {
            throw new UserError(String.format(Locale.ROOT, "--atoms %d × --frames %d = %.3g atom-frames per run; at most %d"
                    + " (the msd job's per-run arrays); use more runs instead", atoms, frames, (double) atoms * frames,
                    Integer.MAX_VALUE));
        }
        long need = BYTES_PER_ATOM * atoms * Math.min(threads, runs);
        if (need > Runtime.getRuntime().maxMemory()) {
            throw new UserError(String.format(Locale.ROOT, "--atoms %d with %d run(s) written side by side need about %.1f GB"
                    + " of memory, the JVM may use %.1f GB: use fewer atoms or --threads, or a larger heap (java -Xmx…)",
                    atoms, Math.min(threads, runs), need / 1e9, Runtime.getRuntime().maxMemory() / 1e9));
        }
    }

    private Integer callHolding() throws Exception {
        Archive a = Archive.at(archive);
        SyntheticArchive.Generated g = SyntheticArchive.generated(runs, atoms, frames, dtPs, dAg, velocities, perShard, seed);
        long t0 = System.nanoTime();
        SyntheticArchive.write(a, g.specs(), threads);
        Path p = new Path(a.reportDir(), "generated_truth.csv");
        AtomicWrites.writeText(a, p, g.truthCsv());
        double secs = (System.nanoTime() - t0) * 1e-9;
        System.out.printf(Locale.ROOT, "generate: %d runs × %d atoms × %d frames = %.3g atom-frames in %.1f s -> %s (truth: %s)%n",
                runs, atoms, frames, (double) runs * atoms * frames, secs, a.root(), p);
        return ExitCodes.OK;
    }
}
