package dev.tails.analysis;

import dev.tails.probe.ProbeSettings;

/**
 * The knobs of a study. Defaults follow the paper and Ethayarajh (2019): 1,000 token pairs from
 * 2,000 sentences, words seen in at least 10 sentences, up to 1,000 words; position probes
 * trained on up to 2,000 corpus sentences and scored on a held-out part. probes null: none. maskedLm: the
 * masked-LM experiment on a sample of the corpus (null: none; skipped for a model without the head).
 */
public record StudySettings(int batchSize, boolean truncate, boolean specialTokens, long seed,
                            double outlierShare, int topUnits, int geometrySentences, int anisotropyPairs,
                            int minSentencesPerWord, int maxWords, ProbeSettings probes, MaskedLmSettings maskedLm) {

    public static StudySettings defaults(int batchSize, boolean truncate, boolean specialTokens, long seed) {
        return new StudySettings(batchSize, truncate, specialTokens, seed, 0.10, 5, 2000, 1000, 10, 1000,
                ProbeSettings.paper(ProbeSettings.DEFAULT_TRAIN_SENTENCES, null, "held-out corpus texts"),
                MaskedLmSettings.defaults(seed));
    }

    public StudySettings withProbes(ProbeSettings probes) {
        return new StudySettings(batchSize, truncate, specialTokens, seed, outlierShare, topUnits, geometrySentences,
                anisotropyPairs, minSentencesPerWord, maxWords, probes, maskedLm);
    }

    /** The same with these masked-LM settings (null: no masked-LM experiment). */
    public StudySettings withMaskedLm(MaskedLmSettings maskedLm) {
        return new StudySettings(batchSize, truncate, specialTokens, seed, outlierShare, topUnits, geometrySentences,
                anisotropyPairs, minSentencesPerWord, maxWords, probes, maskedLm);
    }
}
