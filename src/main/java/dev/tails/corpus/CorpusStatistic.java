package dev.tails.corpus;

import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.TokenizedCorpus;

/** A statistic gathered batch by batch over one pass of a {@link dev.tails.corpus.TokenizedCorpus}. */
public interface CorpusStatistic {
    /** Adds a batch's output; sequence b is text {@code batch.text(b)} of the corpus. */
    void add(CorpusBatch batch);
}
