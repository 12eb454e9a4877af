package dev.tails.analysis;

import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusStatistic;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;

import java.util.Arrays;

/**
 * Ethayarajh's intra-sentence similarity per hidden state: the mean cosine of a sentence's counted
 * tokens to their mean vector, averaged over sampled sentences, raw and clipped (clipping is linear,
 * so the clipped mean is the mean with the dims clipped).
 */
public final class IntraSentenceSimilarity implements CorpusStatistic {
    private final TokenizedCorpus corpus;
    private final boolean[] sampled;
    private final Clip[] clips;
    private final double[][] sums;
    private long sentences;

    /** clips: one measure per clip, e.g. none and the outlier dims. */
    public IntraSentenceSimilarity(TokenizedCorpus corpus, int[] sentences, int states, Clip... clips) {
        this.corpus = corpus;
        this.sampled = new boolean[corpus.size()];
        for (int s : sentences) {
            sampled[s] = true;
        }
        this.clips = clips;
        this.sums = new double[clips.length][states];
    }

    @Override
    public void add(CorpusBatch corpusBatch) {
        EncoderOutput output = corpusBatch.output();
        var batch = output.batch();
        int h = output.hiddenSize();
        for (int seq = 0; seq < batch.size(); seq++) {
            int sentence = corpusBatch.text(seq);
            int[] rows = countedOffsets(output, seq, sentence);
            if (!sampled[sentence] || rows.length == 0) {
                continue;
            }
            sentences++;
            for (int s = 0; s < output.numStates(); s++) {
                float[] state = output.hiddenStates()[s];
                float[] mean = new float[h];
                for (int off : rows) {
                    for (int d = 0; d < h; d++) {
                        mean[d] += state[off + d] / rows.length;
                    }
                }
                for (int c = 0; c < clips.length; c++) {
                    double cos = 0;
                    for (int off : rows) {
                        cos += clips[c].cosine(state, off, mean, 0);
                    }
                    sums[c][s] += cos / rows.length;
                }
            }
        }
    }

    private int[] countedOffsets(EncoderOutput output, int seq, int sentence) {
        var batch = output.batch();
        int[] rows = new int[batch.length(seq)];
        int n = 0;
        for (int pos = 0; pos < batch.length(seq); pos++) {
            if (corpus.counts(sentence, pos)) {
                rows[n++] = (seq * batch.seqLen() + pos) * output.hiddenSize();
            }
        }
        return Arrays.copyOf(rows, n);
    }

    /** The mean for the clip given at construction (by its index) at one hidden state. */
    public double mean(int clipIndex, int state) {
        return sentences == 0 ? Double.NaN : sums[clipIndex][state] / sentences;
    }
}
