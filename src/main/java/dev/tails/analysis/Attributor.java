package dev.tails.analysis;

import dev.tails.TailsException;
import dev.tails.model.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleConsumer;

/** Runs a corpus through a model once and attributes one dim of each chosen block to its neurons and heads. */
public final class Attributor {
    private final Model model;
    private final List<BlockDecomposer> blocks = new ArrayList<>();
    private final EmbeddingDecomposer embedding;
    private final int top;

    /** Checks blocks, dim and top against the model here, before any forward pass. */
    public Attributor(Model model, List<Integer> blocks, int dim, int top) {
        if (top < 1) {
            throw new TailsException("--top " + top + ": must be at least 1");
        }
        this.model = model;
        this.embedding = new EmbeddingDecomposer(model, dim);
        this.top = top;
        for (int block : blocks) {
            this.blocks.add(new BlockDecomposer(model, block, dim));
        }
    }

    /** One attribution per block, in the order the blocks were given; progress gets the fraction done. */
    public List<Attribution> run(List<String> texts, int batchSize, boolean truncate, DoubleConsumer progress) {
        return run(texts, batchSize, truncate, progress, (output, first) -> { });
    }

    /** As above, also handing each batch's output to a statistic, so a study needs no extra pass. */
    public List<Attribution> run(List<String> texts, int batchSize, boolean truncate, DoubleConsumer progress,
                                 CorpusStatistic alongside) {
        List<CorpusAttribution> sums = blocks.stream().map(block -> new CorpusAttribution(block, embedding,
                model.config().intermediateSize(), model.config().numHeads())).toList();
        Set<Integer> captured = Set.copyOf(blocks.stream().map(BlockDecomposer::block).toList());
        int step = Math.max(1, batchSize);
        for (int from = 0; from < texts.size(); from += step) {
            int to = Math.min(texts.size(), from + step);
            CapturedForward forward = CapturedForward.run(model, model.batch(texts.subList(from, to), truncate), captured);
            sums.forEach(s -> s.add(forward));
            alongside.add(forward.output(), from);
            progress.accept((double) to / texts.size());
        }
        return sums.stream().map(s -> s.result(top)).toList();
    }
}
