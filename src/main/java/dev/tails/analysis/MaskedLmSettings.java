package dev.tails.analysis;

import dev.tails.TailsException;

/**
 * The masked-LM experiment's knobs: how many corpus texts (a seeded sample; all when fewer), the share of
 * each text's non-special tokens masked (BERT's 15%), the seed of the sample, the masks and the control
 * dims, and how many random control draws (the same ablations of random non-outlier dims).
 */
public record MaskedLmSettings(int sentences, double maskRate, long seed, int randomDraws) {
    public static final double BERT_MASK_RATE = 0.15;

    public MaskedLmSettings {
        if (sentences < 1) {
            throw new TailsException("masked-LM sentences must be at least 1, got " + sentences);
        }
        if (randomDraws < 0) {
            throw new TailsException("random control draws must be at least 0, got " + randomDraws);
        }
    }

    /** 500 sentences, 15% masked, 10 random control dims: 23 passes over the sample. */
    public static MaskedLmSettings defaults(long seed) {
        return new MaskedLmSettings(500, BERT_MASK_RATE, seed, 10);
    }
}
