package io.ionflow.jobs.cli;

import io.ionflow.analyze.transport.Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Runs the analysis jobs one after the other in one Spark session: msd, then vacf, with the same"
                + " options; prints the diffusion table of both methods."},
        footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar pipeline --archive demo-archive --runs \"temperature_k = 700\""})
public final class PipelineCommand implements Callable<Integer> {
    @Mixin
    TransportOptions options;

    @Override
    public Integer call() throws Exception {
        return MsdCommand.runJobs(options, List.of(Method.MSD, Method.VACF), "pipeline");
    }
}
