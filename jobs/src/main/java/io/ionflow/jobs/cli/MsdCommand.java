package io.ionflow.jobs.cli;

import io.ionflow.analyze.transport.Method;
import io.ionflow.jobs.msd.DiffusionCsv;
import io.ionflow.jobs.msd.MsdJob;
import io.ionflow.jobs.spark.Sessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "msd", mixinStandardHelpOptions = true,
        description = {"Spark job: windowed mean-squared displacement of every species of every selected run, drift"
                + " removed against a framework species, and its self-diffusion coefficient (GLS fit of MSD = 6Dt + c with"
                + " a calibrated error).",
                "Writes ARCHIVE/analysis/msd/ (run_id, species, lag_ps, msd_a2, msd_x_a2, msd_y_a2, msd_z_a2, n_atoms),"
                + " the msd rows of analysis/diffusion/ and of report/diffusion.csv; only the processed runs' results are"
                + " replaced. A run that fails a check is named and skipped (exit code 1)."},
        footer = {"", "Examples:", "  java -jar jobs/target/ionflow.jar msd --archive demo-archive",
                "  java -jar jobs/target/ionflow.jar msd --archive hdfs://nn/ionflow/a1 --runs \"temperature_k >= 500\""
                        + " --fit-start-ps 2 --fit-end-ps 20"})
public final class MsdCommand implements Callable<Integer> {
    @Mixin
    TransportOptions options;

    @Override
    public Integer call() throws Exception {
        return runJobs(options, List.of(Method.MSD), "msd");
    }

    /**
     * Runs the jobs one after the other in one Spark session, holding the archive's lock; prints the diffusion table;
     * returns the exit code.
     */
    static int runJobs(TransportOptions options, List<Method> kinds, String app) throws Exception {
        return Locks.whileHolding(options.archive(), app, false, () -> runHolding(options, kinds, app));
    }

    private static int runHolding(TransportOptions options, List<Method> kinds, String app) throws Exception {
        SparkSession spark = Sessions.get(app);
        PrintStream out = System.out;
        int rc = ExitCodes.OK;
        List<DiffusionCsv.Line> all = new ArrayList<>();
        Map<String, String> failed = new TreeMap<>();
        for (Method k : kinds) {
            MsdJob.Outcome o = MsdJob.run(spark, options.archive(), k, options.jobOptions(), out);
            all.addAll(o.lines());
            o.failed().forEach((run, msg) -> failed.put(run + " (" + k.method() + ")", msg));
        }
        if (!all.isEmpty()) {
            out.println("Diffusion coefficients:");
            DiffusionTable.lines(all).forEach(out::println);
        }
        if (!failed.isEmpty()) {
            System.err.println("ionflow " + app + ": " + failed.size() + " run(s) failed:");
            failed.forEach((run, msg) -> System.err.println("  FAILED " + run + ": " + msg));
            rc = ExitCodes.PARTIAL_FAILURE;
        }
        return rc;
    }
}
