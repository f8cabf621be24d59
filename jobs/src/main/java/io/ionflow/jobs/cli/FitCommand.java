package io.ionflow.jobs.cli;

import io.ionflow.jobs.archive.UserError;
import io.ionflow.jobs.fit.FitJob;
import io.ionflow.jobs.spark.Sessions;
import io.ionflow.simulate.archive.Archive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit the Arrhenius law per (species, vacancy fraction) and the mode-ratio models (D = A·f_u^n,"
                + " Keyes forms) per species, and cross-validate them (leave one condition out, leave one vacancy fraction out).",
                "Reads analysis/diffusion (or report/diffusion.csv), runs/, and per-run mode means from report/modes.csv"
                        + " or analysis/modes; without a modes table only the Arrhenius fits are made.",
                "Writes analysis/fits/{inputs,parameters,fitted,cv_scores,cv_predictions} (Parquet), report/fits.csv"
                        + " (model,parameter,value,stderr) and report/cv.csv (model,heldout,rmse_log10_d)."},
        footer = {"", "Examples:", "  java -jar jobs/target/ionflow.jar fit --archive demo-archive",
                "  java -jar jobs/target/ionflow.jar fit --archive demo-archive --species Ag,Te \\",
                "      --method vacf --extrapolate-k 300,450"})
public final class FitCommand implements Callable<Integer> {

    @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI (file:, hdfs:, s3a:)")
    String archive;

    @Option(names = "--species", split = ",", description = "species to fit, e.g. Ag or Ag,Te (default: every species in the diffusion table)")
    List<String> species = new ArrayList<>();

    @Option(names = "--method", defaultValue = "msd", description = "diffusion method to fit: msd or vacf (default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--extrapolate-k", split = ",", defaultValue = "300",
            description = "temperatures (K) at which each Arrhenius series is evaluated, reported as D_<T>K_cm2_s"
                    + " (default ${DEFAULT-VALUE}; α-Ag2Te exists only above ≈418 K, so 300 K is a formal extrapolation)")
    List<Double> extrapolateK = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return Locks.whileHolding(archive, "fit", false, this::callHolding);
    }

    private Integer callHolding() throws Exception {
        String m = method.strip().toLowerCase(Locale.ROOT);
        if (!m.equals("msd") && !m.equals("vacf")) throw new UserError("--method must be msd or vacf, got '" + method + "'");
        double[] ext = new double[extrapolateK.size()];
        for (int i = 0; i < ext.length; i++) {
            ext[i] = extrapolateK.get(i);
            if (!(ext[i] > 0) || !Double.isFinite(ext[i])) throw new UserError("--extrapolate-k must be > 0 K, got " + ext[i]);
        }
        Set<String> sp = new TreeSet<>();
        for (String s : species) if (!s.isBlank()) sp.add(s.strip());
        Archive a = Archive.at(archive);
        UserError.requireArchive(a);
        FitJob.Result r = FitJob.run(Sessions.get("fit"), a, new FitJob.Options(m, sp, ext), System.out);
        for (String line : r.messages()) System.out.println("fit: " + line);
        return ExitCodes.OK;
    }
}
