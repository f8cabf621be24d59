package io.ionflow.jobs.cli;

import io.ionflow.jobs.msd.MsdJob;
import picocli.CommandLine.Option;

/** Options shared by the {@code msd}, {@code vacf} and {@code pipeline} sub-commands (a picocli mixin). */
public final class TransportOptions {
    @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI (file:, hdfs:, s3a:)")
    String archive;

    @Option(names = "--runs", paramLabel = "SQL", description = "only runs matching this SQL condition on the runs/ table,"
            + " e.g. \"temperature_k >= 500 AND vacancy_fraction = 0\" (default: all runs)")
    String runs;

    @Option(names = "--max-lag-ps", description = "largest lag, ps (default: half of each run)")
    Double maxLagPs;

    @Option(names = "--fit-start-ps", description = "start of the MSD fit window / Green-Kubo plateau window, ps"
            + " (default: automatic; give with --fit-end-ps)")
    Double fitStartPs;

    @Option(names = "--fit-end-ps", description = "end of that window, ps")
    Double fitEndPs;

    @Option(names = "--drift", paramLabel = "auto|framework|system|none", description = "drift reference: framework (one"
            + " species' centre of mass: --framework, else the least mobile species), system (centre of mass of all atoms),"
            + " none; default auto: the least mobile species when its first-to-last-frame <dr^2> is at most 0.1 of the most"
            + " mobile species', else the system's centre of mass. Printed per run and in the results' note.")
    String drift;

    @Option(names = "--framework", paramLabel = "SPECIES", description = "species whose centre of mass is the drift"
            + " reference (implies --drift framework)")
    String framework;

    @Option(names = "--partitions", description = "tasks of the merge of the runs' partial sums (default: the smaller of"
            + " the number of runs and Spark's default parallelism)")
    Integer partitions;

    @Option(names = "--progress-seconds", defaultValue = "10", description = "seconds between progress lines (default ${DEFAULT-VALUE})")
    double progressSeconds;

    /** @return the job options */
    public MsdJob.Options jobOptions() {
        if (drift != null) {
            io.ionflow.analyze.DriftReference.Mode.parse(drift); // a bad value is a usage error before any work
        }
        return new MsdJob.Options(runs, maxLagPs, fitStartPs, fitEndPs, framework, drift, partitions,
                progressSeconds);
    }

    /** @return the archive location */
    public String archive() {
        return archive;
    }
}
