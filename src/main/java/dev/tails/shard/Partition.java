package dev.tails.shard;

import dev.tails.TailsException;

/**
 * Which consecutive piece of a larger corpus a run's input is: partition {@code index} of {@code count}
 * (a Spark partition of a DataFrame), or the whole corpus (0 of 1). `merge` joins partitions in index order,
 * each one's blocks and texts numbered after those of the partitions before it.
 */
public record Partition(int index, int count) {
    /** A run over the whole corpus. */
    public static final Partition WHOLE = new Partition(0, 1);

    public Partition {
        if (count < 1 || index < 0 || index >= count) {
            throw new TailsException("partition " + index + " of " + count + ": need 0 <= index < count");
        }
    }

    @Override
    public String toString() {
        return count == 1 ? "the whole corpus" : "partition " + index + " of " + count;
    }
}
