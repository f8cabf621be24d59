package io.ionflow.analyze.transport;

import io.ionflow.simulate.archive.ReadBuffers;
import io.ionflow.simulate.archive.ShardFile;

import java.util.ArrayDeque;

/**
 * What one task reads its shards with, kept between the tasks of one JVM ({@link SoftPool}): parquet-mr's chunk and
 * page buffers ({@link ReadBuffers}) and the arrays row groups are decoded into ({@link ShardFile.Columns}). Each
 * task used to allocate them anew; living as long as the task, they outlived young collections and were copied
 * and promoted (measured in {@code docs/benchmarks.md}).
 *
 * <p>Memory kept per processor: {@link ReadBuffers}' bound, plus at most {@value #KEEP_COLUMNS} decoded row groups
 * (≈ 36 bytes a row each). Not thread-safe: one task at a time.
 */
final class ScanBuffers {
    private static final SoftPool<ScanBuffers> FREE = new SoftPool<>();
    /** Decoded row groups kept: the MSD's two kept end-frame row groups and the rows step's one. */
    static final int KEEP_COLUMNS = RunScan.KEEP_GROUPS + 1;

    final ReadBuffers read = new ReadBuffers();
    private final ArrayDeque<ShardFile.Columns> columns = new ArrayDeque<>();

    private ScanBuffers() {}

    /** A kept set, or a new one. */
    static ScanBuffers take() {
        ScanBuffers kept = FREE.take(b -> true);
        return kept != null ? kept : new ScanBuffers();
    }

    /** Gives this set back for later tasks (the caller no longer uses it, nor any columns it gave back). */
    void give() {
        FREE.give(this);
    }

    /** Decoded columns to reuse for the next row group (their arrays are overwritten), or null. */
    ShardFile.Columns spare() {
        return columns.pollFirst();
    }

    /** Gives back decoded columns that are no longer read (null is ignored). */
    void giveBack(ShardFile.Columns c) {
        if (c != null && columns.size() < KEEP_COLUMNS && columns.stream().noneMatch(k -> k == c)) {
            columns.addFirst(c);
        }
    }
}
