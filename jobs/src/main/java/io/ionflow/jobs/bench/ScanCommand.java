package io.ionflow.jobs.bench;

import io.ionflow.jobs.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** The scan of one `bench archive` child process (not for direct use). */
@Command(name = "scan", hidden = true, mixinStandardHelpOptions = true,
        description = "Plain Spark scan of ARCHIVE/frames (count and sum of x + y + z), or the MSD kernel alone, timed;"
                + " used by `bench archive`.")
public final class ScanCommand implements Callable<Integer> {
    @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI")
    String archive;

    @Option(names = "--kernel-threads", description = "time the MSD kernel alone on this many threads instead of the scan")
    Integer kernelThreads;

    @Override
    public Integer call() throws Exception {
        if (kernelThreads != null) {
            ArchiveBench.kernelChild(archive, kernelThreads, System.out);
            return ExitCodes.OK;
        }
        org.apache.spark.sql.SparkSession spark = io.ionflow.jobs.spark.Sessions.get("bench scan");
        ArchiveBench.scanChild(spark, archive, System.out);
        return ExitCodes.OK;
    }
}
