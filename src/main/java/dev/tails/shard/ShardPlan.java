package dev.tails.shard;

import dev.tails.TailsException;

/**
 * How a corpus is cut into shards: blocks of {@code textsPerShard} consecutive lines, block k written
 * as part k. This run writes the blocks k with k % count == index, so {@code count} machines split a
 * corpus with no coordination ("--shard index/count").
 */
public record ShardPlan(int textsPerShard, int index, int count) {
    public ShardPlan {
        if (textsPerShard < 1) {
            throw new TailsException("texts per shard must be at least 1, got " + textsPerShard);
        }
        if (count < 1 || index < 0 || index >= count) {
            throw new TailsException("shard " + index + "/" + count + ": need 0 <= index < count");
        }
    }

    /** Every block of the corpus. */
    public static ShardPlan all(int textsPerShard) {
        return new ShardPlan(textsPerShard, 0, 1);
    }

    public boolean takes(long block) {
        return block % count == index;
    }

    /** The file name of block k's part. */
    public static String partName(long block) {
        return String.format("part-%05d", block);
    }
}
