package dev.tails.analysis;

import dev.tails.TailsException;

/**
 * The masked-LM experiment's knobs: how many corpus texts (a seeded sample; all when fewer), the share of
 * each text's non-special tokens masked (BERT's 15%), the seed of the sample, the masks and the control
 * dims, and how many random control draws (Kovaleva et al.'s comparison: the same ablation on random dims).
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

    /** 1,000 sentences, 15% masked, 10 random control dims. */
    public static MaskedLmSettings defaults(long seed) {
        return new MaskedLmSettings(1000, BERT_MASK_RATE, seed, 10);
    }
}
