package dev.tails.analysis;

import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;

import java.util.List;
import java.util.function.DoubleConsumer;

/** One forward pass over a corpus, batch by batch, feeding every statistic each batch's output. */
public final class CorpusPass {
    private CorpusPass() {
    }

    public static void run(Model model, TokenizedCorpus corpus, int batchSize, ForwardHooks hooks,
                           List<? extends CorpusStatistic> statistics, DoubleConsumer progress) {
        int step = Math.max(1, batchSize);
        for (int from = 0; from < corpus.size(); from += step) {
            int to = Math.min(corpus.size(), from + step);
            var output = model.forward(corpus.batch(from, to), hooks);
            for (CorpusStatistic statistic : statistics) {
                statistic.add(output, from);
            }
            progress.accept((double) to / corpus.size());
        }
    }
}
