package io.ionflow.jobs;

import io.ionflow.jobs.bench.BenchCommand;
import io.ionflow.jobs.bench.GenerateCommand;
import io.ionflow.jobs.cli.DemoCommand;
import io.ionflow.jobs.cli.EvaluateCommand;
import io.ionflow.jobs.cli.ExitCodes;
import io.ionflow.jobs.cli.FitCommand;
import io.ionflow.jobs.cli.IngestCommand;
import io.ionflow.jobs.cli.ModesCommand;
import io.ionflow.jobs.cli.MsdCommand;
import io.ionflow.jobs.cli.PipelineCommand;
import io.ionflow.jobs.cli.ReportCommand;
import io.ionflow.jobs.cli.SimulateCommand;
import io.ionflow.jobs.cli.VacfCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The single entry point of {@code ionflow.jar}: {@code java -jar ionflow.jar <sub-command> …} or
 * {@code spark-submit --class io.ionflow.jobs.Main ionflow.jar <sub-command> …}.
 */
@Command(name = "ionflow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Molecular dynamics of superionic conductors and Spark analytics of their trajectories.",
                "Units: Å, ps, K, amu, eV; diffusion coefficients in cm²/s."},
        subcommands = {SimulateCommand.class, IngestCommand.class, MsdCommand.class, VacfCommand.class,
                PipelineCommand.class, BenchCommand.class, DemoCommand.class, ModesCommand.class, GenerateCommand.class,
                FitCommand.class, ReportCommand.class, EvaluateCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success; 1 some runs/inputs failed (named above); 2 usage or bad input;"
                + " 3 I/O error; 4 internal error (use --verbose for the stack trace)."})
public final class Main implements Runnable {
    /** Every sub-command takes it (inherited); {@link ExitCodes#handle} reads it from the parse result. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "print stack traces of errors")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (used by tests). */
    public static int execute(String... args) {
        prepareJvm();
        return ExitCodes.configure(new CommandLine(new Main())).execute(args);
    }

    /** JVM-wide settings that must be in place before Spark or Netty load. */
    static void prepareJvm() {
        if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
            System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        }
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:ionflow-log4j2.properties");
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ionflow " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
