package dev.tails.shard;

import dev.tails.TailsException;

/**
 * How a corpus is cut into shards: blocks of {@code textsPerShard} consecutive lines, block k written
 * as part k. This run writes the blocks k with k % count == index, so {@code count} machines split a
 * corpus with no coordination ("--shard index/count"). The lines are those of {@code partition}, the
 * whole corpus unless the run's input is one piece of it.
 */
public record ShardPlan(int textsPerShard, int index, int count, Partition partition) {
    public ShardPlan {
        if (textsPerShard < 1) {
            throw new TailsException("texts per shard must be at least 1, got " + textsPerShard);
        }
        if (count < 1 || index < 0 || index >= count) {
            throw new TailsException("shard " + index + "/" + count + ": need 0 <= index < count");
        }
        java.util.Objects.requireNonNull(partition, "partition");
    }

    /** Shard index of count of the whole corpus. */
    public ShardPlan(int textsPerShard, int index, int count) {
        this(textsPerShard, index, count, Partition.WHOLE);
    }

    /** Every block of the corpus. */
    public static ShardPlan all(int textsPerShard) {
        return new ShardPlan(textsPerShard, 0, 1);
    }

    /** Every block of one partition of a corpus, numbered from 0 in it (merge numbers them on). */
    public static ShardPlan all(int textsPerShard, Partition partition) {
        return new ShardPlan(textsPerShard, 0, 1, partition);
    }

    public boolean takes(long block) {
        return block % count == index;
    }

    /** The file name of block k's part. */
    public static String partName(long block) {
        return String.format("part-%05d", block);
    }
}
