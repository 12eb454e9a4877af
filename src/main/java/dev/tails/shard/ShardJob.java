package dev.tails.shard;

import dev.tails.corpus.CorpusBatch;
import dev.tails.model.ForwardHooks;

/** What a sharded run keeps of each text: the hooks every batch runs with, and the tensors of each text of a batch. */
public interface ShardJob {
    ForwardHooks hooks();

    /** Floats kept per token (for the memory check before a part runs). */
    long floatsPerToken();

    /** The tensors of sequence {@code sequence} of a batch that just ran. */
    TextTensors tensors(CorpusBatch batch, int sequence);

    /** Called once all texts of a batch were taken, e.g. to empty a capture. */
    default void batchDone() {
    }
}
