package io.ionflow.jobs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the demo campaign (conf/campaigns/demo.json) into an archive and print where it is.",
                "Default archive: ./demo-archive."},
        footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar demo --archive /tmp/ionflow-demo"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--archive", defaultValue = "demo-archive", description = "archive directory or URI (default ${DEFAULT-VALUE})")
    String archive;

    @Option(names = "--campaign", description = "campaign file (default conf/campaigns/demo.json)")
    Path campaign;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Path c = campaign != null ? campaign : ConfPaths.conf().resolve("campaigns/demo.json");
        List<String> args = new ArrayList<>(List.of("--campaign", c.toString(), "--archive", archive));
        SimulateCommand sim = new SimulateCommand();
        picocli.CommandLine cl = new picocli.CommandLine(sim);
        cl.parseArgs(args.toArray(new String[0]));
        int rc = sim.call();
        if (rc != ExitCodes.OK) return rc;
        io.ionflow.simulate.archive.Archive a = io.ionflow.simulate.archive.Archive.at(archive);
        System.out.println("demo: trajectories in " + a.root() + " (runs/ one row per run, frames/run_id=<id>/part-NNNNN.parquet)");
        return ExitCodes.OK;
    }
}
