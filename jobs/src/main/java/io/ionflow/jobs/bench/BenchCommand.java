package io.ionflow.jobs.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; results are printed and belong in docs/benchmarks.md.",
        subcommands = {MdBenchCommand.class, NepBenchCommand.class, MsdBenchCommand.class, ModesBenchCommand.class,
                ArchiveBenchCommand.class, ScanCommand.class, WarmMsdCommand.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The system load average, printed with every timing. */
    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
