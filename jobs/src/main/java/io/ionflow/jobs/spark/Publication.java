package io.ionflow.jobs.spark;

import io.ionflow.jobs.archive.StagedPartitions;
import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * @deprecated transitional name for {@link io.ionflow.jobs.archive.Publication}, kept only while the msd job
 * ({@code transport/}) and its tests still call it; delete when msd moves to {@code msd/}.
 */
@Deprecated
public final class Publication {
    private final io.ionflow.jobs.archive.Publication publication;

    private Publication(io.ionflow.jobs.archive.Publication publication) {
        this.publication = publication;
    }

    public static Publication begin(Archive archive, List<? extends StagedPartitions> staged, Map<Path, String> texts)
            throws IOException {
        return new Publication(io.ionflow.jobs.archive.Publication.begin(archive, staged, texts));
    }

    public void complete() throws IOException {
        publication.complete();
    }

    public static int recover(Archive archive) throws IOException {
        return io.ionflow.jobs.archive.Publication.recover(archive);
    }
}
