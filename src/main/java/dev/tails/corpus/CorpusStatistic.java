package dev.tails.corpus;

/**
 * A statistic gathered batch by batch over one pass of a {@link TokenizedCorpus}, so several statistics
 * share one forward per batch.
 */
public interface CorpusStatistic {
    /**
     * Adds a batch's output; sequence b is text {@code batch.text(b)} of the corpus.
     *
     * @param batch the batch, valid only during the call
     */
    void add(CorpusBatch batch);
}
