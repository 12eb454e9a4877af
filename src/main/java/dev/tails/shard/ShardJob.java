package dev.tails.shard;

import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.ForwardHooks;

import java.util.List;

/** What a sharded run keeps of each text: the hooks every batch runs with, and the tensors of each text of a batch. */
public interface ShardJob {
    ForwardHooks hooks();

    /** Floats kept per token (for the memory check before a part runs). */
    long floatsPerToken();

    /** The tensors of sequence {@code sequence} of a batch that just ran. */
    TextTensors tensors(CorpusBatch batch, int sequence);

    /** A block's texts tokenized as this job reads them: the runner's tokenization unless the job cuts texts its own way. */
    default TokenizedCorpus corpus(CorpusRunner runner, List<String> lines) {
        return runner.corpus(lines);
    }

    /** Called once all texts of a batch were taken, e.g. to empty a capture. */
    default void batchDone() {
    }
}
