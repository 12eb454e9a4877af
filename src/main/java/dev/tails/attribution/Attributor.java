package dev.tails.attribution;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.hook.ActivationCache;
import dev.tails.model.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Runs a corpus through a model once and attributes one dim of each chosen block to its neurons and heads. */
public final class Attributor {
    private final Model model;
    private final List<BlockDecomposer> blocks = new ArrayList<>();
    private final EmbeddingDecomposer embedding;
    private final int top;

    /** Checks blocks, dim and top against the model here, before any forward pass. */
    public Attributor(Model model, List<Integer> blocks, int dim, int top) {
        if (top < 1) {
            throw new TailsException("attribution: the number of top units to keep must be at least 1, got " + top);
        }
        this.model = model;
        this.embedding = new EmbeddingDecomposer(model, dim);
        this.top = top;
        for (int block : blocks) {
            this.blocks.add(new BlockDecomposer(model, block, dim));
        }
    }

    /** One attribution per block, in the order the blocks were given, over one captured pass of the corpus. */
    public List<Attribution> run(CorpusRunner runner, TokenizedCorpus corpus, Progress progress) {
        return run(runner, corpus, progress, batch -> { });
    }

    /** As above, also handing each batch to a statistic, so a study needs no extra pass. */
    public List<Attribution> run(CorpusRunner runner, TokenizedCorpus corpus, Progress progress,
                                 Consumer<CorpusBatch> alongside) {
        List<CorpusAttribution> sums = blocks.stream().map(block -> new CorpusAttribution(block.block(), block.dim(),
                model.config().intermediateSize(), model.config().numHeads())).toList();
        add(runner, corpus, progress, alongside, sums);
        return sums.stream().map(s -> s.result(top)).toList();
    }

    /** Adds the corpus's tokens to one running sum per block (same order as the blocks), in one captured pass. */
    void add(CorpusRunner runner, TokenizedCorpus corpus, Progress progress, Consumer<CorpusBatch> alongside,
             List<CorpusAttribution> sums) {
        Set<Integer> captured = Set.copyOf(blocks.stream().map(BlockDecomposer::block).toList());
        ActivationCache cache = new ActivationCache();
        runner.forEachBatch(corpus, CapturedForward.hooks(model.config(), captured, cache), batch -> {
            CapturedForward forward = new CapturedForward(batch.output(), cache);
            for (int i = 0; i < blocks.size(); i++) {
                sums.get(i).add(blocks.get(i), embedding, forward);
            }
            alongside.accept(batch);
            cache.clear();  // one batch at a time: the next forward's sequences are numbered from 0
        }, progress);
    }
}
