package dev.tails.analysis;

import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusStatistic;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Ethayarajh's anisotropy per hidden state: the mean cosine of random pairs of counted tokens
 * drawn from a random sample of sentences, raw and clipped. The pairs are drawn before the pass,
 * so only their vectors are kept.
 */
public final class Anisotropy implements CorpusStatistic {
    private final List<long[]> pairs = new ArrayList<>();
    private final Map<Long, float[][]> vectors = new HashMap<>();
    private final TokenizedCorpus corpus;

    public Anisotropy(TokenizedCorpus corpus, int[] sentences, int pairCount, long seed) {
        this.corpus = corpus;
        List<Long> sites = new ArrayList<>();
        for (int s : sentences) {
            for (int p = 0; p < corpus.encoding(s).length(); p++) {
                if (corpus.counts(s, p)) {
                    sites.add(site(s, p));
                }
            }
        }
        Random random = new Random(seed);
        while (sites.size() > 1 && pairs.size() < pairCount) {
            long a = sites.get(random.nextInt(sites.size()));
            long b = sites.get(random.nextInt(sites.size()));
            if (a != b) {
                pairs.add(new long[]{a, b});
                vectors.put(a, null);
                vectors.put(b, null);
            }
        }
    }

    private static long site(int sentence, int position) {
        return ((long) sentence << 32) | position;
    }

    @Override
    public void add(CorpusBatch corpusBatch) {
        EncoderOutput output = corpusBatch.output();
        corpusBatch.forEachToken((sentence, position, offset) -> {
            long key = site(sentence, position);
            if (vectors.containsKey(key)) {
                float[][] rows = new float[output.numStates()][];
                for (int s = 0; s < rows.length; s++) {
                    rows[s] = java.util.Arrays.copyOfRange(output.hiddenStates()[s], offset, offset + output.hiddenSize());
                }
                vectors.put(key, rows);
            }
        });
    }

    public int pairs() {
        return pairs.size();
    }

    /** Mean cosine of the pairs at one hidden state, reading the clipped dims as zero. */
    public double meanCosine(int state, Clip clip) {
        double sum = 0;
        for (long[] pair : pairs) {
            sum += clip.cosine(vectors.get(pair[0])[state], 0, vectors.get(pair[1])[state], 0);
        }
        return pairs.isEmpty() ? Double.NaN : sum / pairs.size();
    }
}
