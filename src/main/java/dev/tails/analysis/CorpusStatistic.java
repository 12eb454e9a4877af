package dev.tails.analysis;

import dev.tails.model.EncoderOutput;

/** A statistic gathered batch by batch over one pass of a {@link TokenizedCorpus}. */
public interface CorpusStatistic {
    /** Adds a batch's output; its first text is sentence {@code first} of the corpus. */
    void add(EncoderOutput output, int first);
}
