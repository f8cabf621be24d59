package io.ionflow.jobs.cli;

import io.ionflow.jobs.archive.UserError;
import io.ionflow.jobs.spark.Sessions;
import io.ionflow.jobs.simulate.SimulateOnSpark;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.campaign.Campaign;
import io.ionflow.simulate.campaign.CampaignRunner;
import io.ionflow.simulate.campaign.RunResult;
import io.ionflow.simulate.campaign.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run an MD campaign (temperatures × vacancy fractions × replicas) and write its trajectories"
                + " to a Parquet archive.",
                "Runs already complete in the archive are skipped; a killed campaign continues from each run's last"
                + " checkpoint when started again (with or without --resume) and writes exactly the frames an"
                + " uninterrupted run would have written."},
        footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar simulate --campaign conf/campaigns/demo.json --archive demo-archive"})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--campaign", required = true, description = "campaign file (JSON), e.g. conf/campaigns/demo.json")
    Path campaign;

    @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI (file:, hdfs:, s3a:)")
    String archive;

    @Option(names = "--resume", description = "continue an interrupted campaign in an existing archive (an error if the archive does not exist)")
    boolean resume;

    @Option(names = "--runs", description = "only runs whose id matches this regular expression")
    String runFilter;

    @Option(names = "--threads", description = "force threads per run (overrides threads_per_run)")
    Integer threads;

    @Option(names = "--parallel-runs", description = "runs side by side (overrides parallel_runs)")
    Integer parallelRuns;

    @Option(names = "--progress-seconds", defaultValue = "10", description = "seconds between progress lines (default ${DEFAULT-VALUE})")
    double progressSeconds;

    @Option(names = "--on-spark", description = "run the campaign as a Spark job, one task per run (for a cluster: submit"
            + " with spark-submit); the default is the multi-threaded mode in this process")
    boolean onSpark;

    @Option(names = "--restart-changed", description = "a run whose campaign settings (time step, seed, temperature,"
            + " potential parameters, …) changed since it started is discarded (its shards and checkpoint) and started"
            + " again; without it such a run is refused, naming the settings that changed")
    boolean restartChanged;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        try (io.ionflow.simulate.archive.ArchiveLock lock = Locks.hold(archive, "simulate", !resume)) {
            return callHolding();
        }
    }

    private Integer callHolding() throws Exception {
        Campaign c = Campaign.read(campaign);
        List<RunSpec> runs = new ArrayList<>();
        Pattern p = runFilter == null ? null : Pattern.compile(runFilter);
        for (RunSpec r : c.runs()) {
            if (p != null && !p.matcher(r.runId()).find()) continue;
            if (threads != null) {
                if (threads < 1) throw new UserError("--threads must be >= 1");
                r = r.withThreads(threads);
            }
            runs.add(r);
        }
        if (runs.isEmpty()) throw new UserError("no run of " + campaign + " matches --runs " + runFilter);
        Archive a = Archive.at(archive);
        if (resume && !a.fileSystem().exists(a.root())) {
            throw new UserError("--resume: archive " + a.root() + " does not exist");
        }
        int par = parallelRuns != null ? parallelRuns : c.parallelRuns();
        if (par < 1) throw new UserError("--parallel-runs must be >= 1");
        System.out.printf("simulate: campaign '%s' (%s): %d runs, %d side by side, %d thread(s) each -> %s%n",
                c.name(), campaign, runs.size(), par, runs.get(0).threads(), a.root());
        List<RunResult> results;
        if (onSpark) {
            results = SimulateOnSpark.run(Sessions.get("simulate"), a.root().toString(), runs, restartChanged);
            for (RunResult r : results) System.out.printf("  %s %s: %s%n", r.runId(), r.status(), r.message());
        } else {
            results = CampaignRunner.run(a, runs, par, System.out, progressSeconds, restartChanged);
        }
        long failed = results.stream().filter(r -> r.status() == RunResult.Status.FAILED).count();
        long done = results.stream().filter(r -> r.status() == RunResult.Status.DONE).count();
        long skipped = results.stream().filter(r -> r.status() == RunResult.Status.SKIPPED).count();
        System.out.printf("simulate: %d done, %d already complete, %d failed; archive %s%n", done, skipped, failed, a.root());
        if (failed > 0) {
            RunResult diskFull = null;
            for (RunResult r : results) {
                if (r.status() == RunResult.Status.FAILED) System.err.println("  FAILED " + r.runId() + ": " + r.message());
                if (r.status() == RunResult.Status.FAILED && r.message().startsWith("no space left on device")) diskFull = r;
            }
            if (diskFull != null) { // an exhausted disk is an I/O error of the whole command, not a bad run
                System.err.println("ionflow simulate: I/O error: " + diskFull.message());
                return ExitCodes.IO_ERROR;
            }
            return ExitCodes.PARTIAL_FAILURE;
        }
        return ExitCodes.OK;
    }

}
