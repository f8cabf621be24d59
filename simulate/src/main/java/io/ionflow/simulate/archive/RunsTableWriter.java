package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code runs/} table of an archive: one Parquet file {@code runs/<runId>.parquet} with
 * one row per run, schema {@link ArchiveSchemas#RUNS}, by the archive's table writer ({@link TableWriter}). The file is written under a hidden temporary
 * name and renamed when complete; an existing file of the same run is replaced (see
 * {@link Archive#publish} for the short window on non-local file systems).
 */
public final class RunsTableWriter {
    private RunsTableWriter() {}

    /** Writes (or replaces) the row of {@code run}; returns the final path. */
    public static Path write(Archive archive, RunInfo run) throws IOException {
        Path target = archive.runFile(run.runId());
        Path tmp = Archive.temporaryFor(target);
        archive.fileSystem().mkdirs(target.getParent());
        try {
            TableWriter.write(archive.configuration(), tmp, ArchiveSchemas.RUNS, Map.of("ionflow.archive.table", "runs"),
                    List.<Object[]>of(row(run)));
        } catch (IOException | RuntimeException e) {
            archive.deleteQuietly(tmp);
            throw new IOException("run " + run.runId() + ": could not write " + target + ": " + Causes.rootFirstLine(e), e);
        }
        archive.publish(tmp, target);
        return target;
    }

    /** The run as one row of {@link ArchiveSchemas#RUNS} (timestep_fs null when unknown). */
    private static Object[] row(RunInfo r) {
        return new Object[] {r.runId(), r.system(), r.temperatureK(), r.vacancyFraction(), r.replica(), r.nAtoms(),
                r.timestepKnown() ? r.timestepFs() : null, r.frameIntervalPs(), r.nFrames(), r.cell(), r.species(),
                r.masses(), r.potential(), r.seed(), r.source()};
    }
}
