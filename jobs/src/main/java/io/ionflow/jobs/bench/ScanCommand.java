package io.ionflow.jobs.bench;

import io.ionflow.jobs.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** The scan of one `bench archive` child process (not for direct use). */
@Command(name = "scan", hidden = true, mixinStandardHelpOptions = true,
        description = "Plain Spark scan of ARCHIVE/frames (count and sum of x + y + z), timed; used by `bench archive`.")
public final class ScanCommand implements Callable<Integer> {
    @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI")
    String archive;

    @Override
    public Integer call() throws Exception {
        org.apache.spark.sql.SparkSession spark = io.ionflow.jobs.spark.Sessions.get("bench scan");
        ArchiveBench.scanChild(spark, archive, System.out);
        return ExitCodes.OK;
    }
}
