package io.ionflow.jobs.spark;

import io.ionflow.jobs.archive.AtomicWrites;
import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * @deprecated transitional names for {@code io.ionflow.jobs.archive} ({@link AtomicWrites},
 * {@link io.ionflow.jobs.archive.StagedPartitions}), kept only while the msd job ({@code transport/}) and its benchmark
 * still call them; delete when msd moves to {@code msd/}.
 */
@Deprecated
public final class ArchiveTables {
    private ArchiveTables() {}

    /** See {@link io.ionflow.jobs.archive.StagedPartitions}. */
    public static final class StagedPartitions extends io.ionflow.jobs.archive.StagedPartitions {
        private StagedPartitions(io.ionflow.jobs.archive.StagedPartitions s) {
            super(s);
        }
    }

    public static StagedPartitions newStaging(Archive a, Path table, int depth) throws IOException {
        return new StagedPartitions(io.ionflow.jobs.archive.StagedPartitions.create(a, table, depth));
    }

    public static void recoverPartitions(Archive a, Path table, int depth) throws IOException {
        io.ionflow.jobs.archive.StagedPartitions.recover(a, table, depth);
    }

    public static void writeText(Archive a, Path target, String text) throws IOException {
        AtomicWrites.writeText(a, target, text);
    }
}
