package io.ionflow.jobs.cli;

import io.ionflow.jobs.archive.UserError;
import io.ionflow.jobs.modes.ModesJob;
import io.ionflow.jobs.modes.SnapshotAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "modes", mixinStandardHelpOptions = true,
        description = {"Instantaneous normal modes of sampled snapshots of every run (one Spark task per snapshot):",
                "f_u (fraction of unstable modes, also per species and optionally double-well only), the INM density of",
                "states, Ag hops over a lag, the share of the Ag displacement carried by unstable modes, Ag–Te separation.",
                "Writes analysis/modes/, analysis/inm_dos/ (partitioned by run_id) and report/modes.csv.",
                "Runs whose potential IonFlow does not know (e.g. ingested from other engines) are refused unless",
                "--potential FILE gives one (species matched by name); the file is stored in ARCHIVE/potentials/ and",
                "each snapshot row of analysis/modes names the potential used (potential_file, potential_sha256)."},
        footer = {"", "Examples:", "  java -jar jobs/target/ionflow.jar modes --archive demo-archive --every 100 --max-snapshots 4",
                "  java -jar jobs/target/ionflow.jar modes --archive a --runs \"source = 'extxyz'\" --potential nep.txt"})
public final class ModesCommand implements Callable<Integer> {

    @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI")
    String archive;

    @Option(names = "--runs", description = "SQL filter on runs/, e.g. \"temperature_k >= 500\"")
    String filter;

    @Option(names = "--every", defaultValue = "50", description = "frames between snapshots (default ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--max-snapshots", defaultValue = "8", description = "snapshots per run at most (default ${DEFAULT-VALUE})")
    int maxSnapshots;

    @Option(names = "--lag-ps", defaultValue = "1.0", description = "lag τ for hops and displacement projections, ps (default ${DEFAULT-VALUE}); 0 disables them")
    double lagPs;

    @Option(names = "--double-well", description = "classify unstable modes into double-well and shoulder modes (1-D energy profiles; slower)")
    boolean doubleWell;

    @Option(names = "--dos-bin-thz", defaultValue = "0.1", description = "INM DOS bin width, THz (default ${DEFAULT-VALUE})")
    double dosBin;

    @Option(names = "--dos-max-thz", defaultValue = "8", description = "INM DOS half range, THz (default ${DEFAULT-VALUE})")
    double dosMax;

    @Option(names = "--lattice-guess", defaultValue = "6.6", description = "conventional lattice constant used to count cells for the hop sites, Å (default ${DEFAULT-VALUE})")
    double latticeGuess;

    @Option(names = "--potential", paramLabel = "FILE", description = "potential parameter file for runs whose archive"
            + " carries none (ingested); species are matched by name")
    java.nio.file.Path potentialFile;

    @Option(names = "--style", description = "style of --potential (e.g. nep, vashishta); default: nep when the file name"
            + " contains 'nep', else the file's extension")
    String style;

    @Option(names = "--override-potential", description = "analyse runs whose stored potential differs from --potential"
            + " with the given one (without it such runs are refused)")
    boolean overridePotential;

    @Override
    public Integer call() throws Exception {
        return Locks.whileHolding(archive, "modes", false, () -> {
            if (every < 1 || maxSnapshots < 1 || lagPs < 0 || !(dosBin > 0) || !(dosMax > 0)) {
                throw new UserError("--every and --max-snapshots must be >= 1, --lag-ps >= 0, DOS settings > 0");
            }
            SnapshotAnalysis.Options o = new SnapshotAnalysis.Options(every, maxSnapshots, lagPs, doubleWell, dosBin, dosMax,
                    latticeGuess);
            boolean complete = ModesJob.run(archive, new ModesJob.Request(filter, o, potentialFile, style, overridePotential),
                    System.out, System.err);
            return complete ? ExitCodes.OK : ExitCodes.PARTIAL_FAILURE;
        });
    }
}
