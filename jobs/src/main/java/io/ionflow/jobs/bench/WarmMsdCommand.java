package io.ionflow.jobs.bench;

import io.ionflow.jobs.cli.ExitCodes;
import io.ionflow.jobs.cli.MsdCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * The warm msd child of `bench archive` (not for direct use): the msd job twice in one JVM and Spark session, so that
 * the second one runs with the classes loaded, the code compiled and the heap grown by the first — what the job costs
 * once the JVM's warm-up is paid, the reference that separates the job's own scaling from the JVM's.
 */
@Command(name = "warm-msd", hidden = true, mixinStandardHelpOptions = true,
        description = "Runs the msd job twice in this JVM (the second run is the warm one); used by `bench archive`.")
public final class WarmMsdCommand implements Callable<Integer> {
    @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI")
    String archive;

    @Override
    public Integer call() {
        for (int i = 0; i < 2; i++) {
            int rc = ExitCodes.configure(new CommandLine(new MsdCommand())).execute("--archive", archive);
            if (rc != ExitCodes.OK) {
                return rc;
            }
        }
        return ExitCodes.OK;
    }
}
