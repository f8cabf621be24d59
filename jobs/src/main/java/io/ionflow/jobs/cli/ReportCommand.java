package io.ionflow.jobs.cli;

import io.ionflow.jobs.archive.UserError;
import io.ionflow.jobs.report.ReportJob;
import io.ionflow.jobs.spark.Sessions;
import io.ionflow.simulate.archive.Archive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the human report of an archive: report/index.html (opens offline; no network, no external scripts)"
                + " with PNG figures and SVG copies in report/figures/, HTML tables of D, Ea and f_u, links to the CSVs, and a"
                + " statement whether anion vacancies raise the most mobile species' D and f_u near 500 K (in α-Ag2Te: Te"
                + " vacancies, D_Ag, beside the published ratio).",
                "Uses whatever exists: analysis/{diffusion,msd,vacf,vdos,modes,inm_dos,fits}, runs/, report/modes.csv; what is"
                        + " missing is listed in the report (run fit first for fit lines and cross-validation)."},
        footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar report --archive demo-archive",
                "  (then open demo-archive/report/index.html in a browser)"})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--archive", required = true, description = "archive directory or Hadoop URI (file:, hdfs:, s3a:)")
    String archive;

    @Override
    public Integer call() throws Exception {
        return Locks.whileHolding(archive, "report", false, this::callHolding);
    }

    private Integer callHolding() throws Exception {
        System.setProperty("java.awt.headless", "true"); // before any AWT/XChart class renders
        Archive a = Archive.at(archive);
        UserError.requireArchive(a);
        ReportJob.Result r = ReportJob.run(Sessions.get("report"), a, System.out);
        for (String line : r.messages()) System.out.println("report: " + line);
        return ExitCodes.OK;
    }
}
