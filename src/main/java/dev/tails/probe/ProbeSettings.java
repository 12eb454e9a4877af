package dev.tails.probe;

import dev.tails.TailsException;

import java.util.List;

/**
 * The position probes' knobs. The paper gives cross-entropy, Adam, batch 128 and 10 epochs; the
 * learning rate is Adam's usual 1e-3 (see {@link Adam} for the rest). trainSentences caps the
 * study sentences whose features are kept: tokens x states x hidden x 4 bytes of heap (2,000 SST-2
 * sentences, ~54,000 tokens, x 13 x 768: ~2.1 GB). devTexts null: a held-out part of the corpus.
 */
public record ProbeSettings(int trainSentences, List<String> devTexts, String devName, int epochs, int batchSize,
                            double learningRate) {
    public static final int DEFAULT_TRAIN_SENTENCES = 2000;

    public ProbeSettings {
        if (trainSentences < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new TailsException(String.format("position probes need at least 1 train sentence, epoch and batch row "
                    + "and a positive learning rate; got %d, %d, %d, %s", trainSentences, epochs, batchSize, learningRate));
        }
        if (devTexts != null && devTexts.isEmpty()) {
            throw new TailsException("position probes: " + devName + " has no dev texts");
        }
    }

    /** The paper's settings; dev texts from a file, or null for a held-out part of the corpus. */
    public static ProbeSettings paper(int trainSentences, List<String> devTexts, String devName) {
        return new ProbeSettings(trainSentences, devTexts, devName, 10, 128, 1e-3);
    }
}
