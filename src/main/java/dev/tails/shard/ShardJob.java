package dev.tails.shard;

import dev.tails.corpus.CorpusBatch;
import dev.tails.model.ForwardHooks;

/** What a sharded run keeps of each text: the hooks one batch runs with, and the tensors of each of its texts. */
public interface ShardJob<H extends ForwardHooks> {
    /** Fresh hooks for one batch (they may collect what the batch's forward passes them). */
    H hooksForBatch();

    /** The tensors of sequence {@code sequence} of a batch that ran with {@code hooks}. */
    TextTensors tensors(CorpusBatch batch, H hooks, int sequence);
}
