package io.ionflow.jobs.cli;

import io.ionflow.analyze.transport.Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "vacf", mixinStandardHelpOptions = true,
        description = {"Spark job: velocity autocorrelation function of every species of every selected run (framework"
                + " velocity removed), its Green-Kubo diffusion coefficient (plateau of (1/3)∫VACF, error from atom blocks)"
                + " and the vibrational density of states (total and per species).",
                "Writes ARCHIVE/analysis/vacf/ (run_id, species, lag_ps, vacf_a2_ps2, vacf_norm, gk_d_a2_ps),"
                + " analysis/vdos/ (run_id, species incl. \"total\", freq_thz, vdos_per_thz), the vacf rows of"
                + " analysis/diffusion/ and report/diffusion.csv. Runs without velocities are skipped with a message."},
        footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar vacf --archive demo-archive --max-lag-ps 2"})
public final class VacfCommand implements Callable<Integer> {
    @Mixin
    TransportOptions options;

    @Override
    public Integer call() throws Exception {
        return MsdCommand.runJobs(options, List.of(Method.VACF), "vacf");
    }
}
