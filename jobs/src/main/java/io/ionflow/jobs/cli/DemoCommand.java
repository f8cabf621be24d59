package io.ionflow.jobs.cli;

import io.ionflow.jobs.msd.DiffusionCsv;
import io.ionflow.jobs.spark.Sessions;
import io.ionflow.simulate.archive.Archive;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline on the embedded Spark: simulate the demo campaign (conf/campaigns/demo.json:",
                "3 temperatures × 3 Te vacancy fractions × 2 replicas), then msd, vacf, modes, fit and report,",
                "and print where the report is. Default archive: ./demo-archive (completed runs are reused)."},
        footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar demo --archive /tmp/ionflow-demo"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Option(names = "--archive", defaultValue = "demo-archive", description = "archive directory or URI (default ${DEFAULT-VALUE})")
    String archive;

    @Option(names = "--campaign", description = "campaign file (default conf/campaigns/demo.json)")
    Path campaign;

    @Option(names = "--snapshots", defaultValue = "4", description = "INM snapshots per run (default ${DEFAULT-VALUE})")
    int snapshots;

    @Override
    public Integer call() throws Exception {
        return Locks.whileHolding(archive, "demo", true, this::callHolding);
    }

    private Integer callHolding() throws Exception {
        long t0 = System.nanoTime();
        Path c = campaign != null ? campaign : ConfPaths.conf().resolve("campaigns/demo.json");
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"simulate", "--campaign", c.toString(), "--archive", archive, "--progress-seconds", "20"});
        steps.add(new String[] {"msd", "--archive", archive});
        steps.add(new String[] {"vacf", "--archive", archive});
        steps.add(new String[] {"modes", "--archive", archive, "--every", "100", "--max-snapshots", String.valueOf(snapshots),
            "--lag-ps", "1.0"});
        steps.add(new String[] {"fit", "--archive", archive});
        steps.add(new String[] {"report", "--archive", archive});
        int worst = ExitCodes.OK;
        try {
            for (String[] step : steps) {
                long s0 = System.nanoTime();
                System.out.println("demo: " + String.join(" ", step));
                int rc = runStep(step);
                System.out.printf(Locale.ROOT, "demo: %s finished with exit code %d in %.0f s%n", step[0], rc,
                        (System.nanoTime() - s0) * 1e-9);
                if (rc == ExitCodes.BAD_INPUT || rc == ExitCodes.IO_ERROR || rc == ExitCodes.INTERNAL) return rc;
                worst = Math.max(worst, rc);
            }
        } finally {
            Sessions.stopIfCreated();
        }
        Archive a = Archive.at(archive);
        List<DiffusionCsv.Line> d = DiffusionCsv.read(a);
        if (!d.isEmpty()) {
            System.out.println("demo: diffusion coefficients (" + DiffusionCsv.path(a)
                    + "; D in cm^2/s with its standard error; msd = GLS fit of the MSD, vacf = Green-Kubo):");
            DiffusionTable.lines(d).forEach(System.out::println);
        }
        System.out.printf(Locale.ROOT, "demo: done in %.1f min. Report: %s/index.html (tables: report/diffusion.csv,"
                + " report/modes.csv, report/fits.csv, report/cv.csv)%n", (System.nanoTime() - t0) / 6e10, a.reportDir());
        return worst;
    }

    /**
     * Runs one step as a fresh invocation of the root command (the one this demo belongs to), same exit-code rules;
     * {@code --verbose} passed on when the demo has it.
     */
    private int runStep(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (ExitCodes.verbose(spec.root().commandLine().getParseResult())) {
            all.add("--verbose");
        }
        return ExitCodes.configure(new CommandLine(spec.root().userObject().getClass())).execute(all.toArray(String[]::new));
    }
}
