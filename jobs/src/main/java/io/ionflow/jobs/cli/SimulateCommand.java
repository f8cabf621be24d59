package io.ionflow.jobs.cli;

import io.ionflow.jobs.simulate.SimulateJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

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

    @Override
    public Integer call() throws Exception {
        return Locks.whileHolding(archive, "simulate", !resume, () -> {
            SimulateJob.Outcome o = SimulateJob.run(new SimulateJob.Request(campaign, archive, resume, runFilter, threads,
                    parallelRuns, progressSeconds, onSpark, restartChanged), System.out, System.err);
            return switch (o) {
                case OK -> ExitCodes.OK;
                case FAILED_RUNS -> ExitCodes.PARTIAL_FAILURE;
                case DISK_FULL -> ExitCodes.IO_ERROR;
            };
        });
    }
}
