package io.ionflow.jobs.transport;

import org.apache.spark.Partitioner;

/**
 * Sends the pieces of each accumulation block ({@link RunMeta#atomsPerBlock} contiguous atoms of one
 * run) to one task, and gives every task a contiguous, equal share of all blocks of all runs — so a
 * task sees few runs and emits few partial sums.
 */
final class BlockPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int partitions;
    private final KeyCodec codec;
    private final long[] blockOffset;
    private final int[] atomsPerBlock;
    private final long totalBlocks;

    BlockPartitioner(int partitions, KeyCodec codec, long[] blockOffset, int[] atomsPerBlock, long totalBlocks) {
        this.partitions = partitions;
        this.codec = codec;
        this.blockOffset = blockOffset;
        this.atomsPerBlock = atomsPerBlock;
        this.totalBlocks = Math.max(1, totalBlocks);
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        long k = (Long) key;
        int run = codec.run(k);
        long block = blockOffset[run] + codec.atom(k) / atomsPerBlock[run];
        return (int) Math.min(partitions - 1, block * partitions / totalBlocks);
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
