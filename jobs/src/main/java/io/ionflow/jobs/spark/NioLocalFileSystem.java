package io.ionflow.jobs.spark;

import io.ionflow.simulate.archive.NioRawLocalFileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Hadoop's checksummed {@code file:} file system over {@link NioRawLocalFileSystem}: permissions set without a
 * {@code chmod} child process per file and directory, everything else Hadoop's own. {@link Sessions} installs it as
 * {@code fs.file.impl} for the embedded local Spark unless that setting is given; without it the msd job's table
 * step spent about a third of its time starting {@code chmod} (docs/benchmarks.md).
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new NioRawLocalFileSystem());
    }
}
