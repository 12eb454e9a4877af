package dev.tails.probe;

import dev.tails.TailsException;

import java.util.List;

/**
 * The position probes' knobs. The paper gives cross-entropy, Adam, batch 128 and 10 epochs; the
 * learning rate is Adam's usual 1e-3 (the rest PyTorch's defaults, see {@link Optimizer.Adam#pytorch}).
 * trainSentences caps the study sentences whose features are kept: tokens x states x hidden x 4 bytes
 * of heap (2,000 SST-2 sentences, ~54,000 tokens, x 13 x 768: ~2.1 GB). devTexts null: a held-out
 * part of the corpus (not written to summary.json: the texts themselves).
 */
public record ProbeSettings(int trainSentences, @com.fasterxml.jackson.annotation.JsonIgnore List<String> devTexts,
                            String devName, SoftmaxRegression.Options training) {
    public static final int DEFAULT_TRAIN_SENTENCES = 2000;

    public ProbeSettings {
        if (trainSentences < 1) {
            throw new TailsException("position probes need at least 1 train sentence, got " + trainSentences);
        }
        if (devTexts != null && devTexts.isEmpty()) {
            throw new TailsException("position probes: " + devName + " has no dev texts");
        }
    }

    /** The paper's settings; dev texts from a file, or null for a held-out part of the corpus. */
    public static ProbeSettings paper(int trainSentences, List<String> devTexts, String devName) {
        return new ProbeSettings(trainSentences, devTexts, devName, new SoftmaxRegression.Options(
                Optimizer.Adam.pytorch(1e-3), false, false, Precision.FLOAT, 128, 10));
    }
}
