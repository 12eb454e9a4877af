package dev.tails.analysis;

import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusStatistic;
import dev.tails.corpus.SentenceSample;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;
import dev.tails.tokenize.Encoding;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ethayarajh's self-similarity per hidden state: for a word, the mean cosine over all pairs of its
 * vectors in different contexts, averaged over words seen in at least minSentences sentences.
 * A word is a token that is a whole word (not special, no "##" piece, not followed by one).
 * Over unit vectors u_1..u_n the mean pairwise cosine is (|sum u|^2 - n) / (n (n - 1)), so only
 * the running sum of unit vectors per word is kept, not the vectors.
 */
public final class SelfSimilarity implements CorpusStatistic {
    private final TokenizedCorpus corpus;
    private final Clip[] clips;
    private final Map<Integer, Integer> wordIndex = new HashMap<>();
    private final double[][][][] unitSums;
    private final long[] occurrences;

    public SelfSimilarity(TokenizedCorpus corpus, int minSentences, int maxWords, long seed, int states, int hidden, Clip... clips) {
        this.corpus = corpus;
        this.clips = clips;
        List<Integer> eligible = eligibleWords(corpus, minSentences);
        for (int i : SentenceSample.of(eligible.size(), maxWords, seed)) {
            wordIndex.put(eligible.get(i), wordIndex.size());
        }
        this.unitSums = new double[clips.length][wordIndex.size()][states][hidden];
        this.occurrences = new long[wordIndex.size()];
    }

    /** Word ids seen in at least minSentences sentences, in id order. */
    private static List<Integer> eligibleWords(TokenizedCorpus corpus, int minSentences) {
        Map<Integer, Integer> sentencesPerWord = new TreeMap<>();
        for (int s = 0; s < corpus.size(); s++) {
            Set<Integer> seen = new HashSet<>();
            for (int p = 0; p < corpus.encoding(s).length(); p++) {
                if (isWord(corpus.encoding(s), p) && seen.add(corpus.encoding(s).ids()[p])) {
                    sentencesPerWord.merge(corpus.encoding(s).ids()[p], 1, Integer::sum);
                }
            }
        }
        return sentencesPerWord.entrySet().stream().filter(e -> e.getValue() >= minSentences).map(Map.Entry::getKey).toList();
    }

    private static boolean isWord(Encoding e, int p) {
        return e.specialTokensMask()[p] == 0 && !e.tokens()[p].startsWith("##")
                && (p + 1 == e.length() || !e.tokens()[p + 1].startsWith("##"));
    }

    @Override
    public void add(CorpusBatch corpusBatch) {
        EncoderOutput output = corpusBatch.output();
        int h = output.hiddenSize();
        corpusBatch.forEachToken((sentence, position, offset) -> {
            Encoding e = corpus.encoding(sentence);
            Integer w = isWord(e, position) ? wordIndex.get(e.ids()[position]) : null;
            if (w == null) {
                return;
            }
            occurrences[w]++;
            for (int c = 0; c < clips.length; c++) {
                for (int s = 0; s < output.numStates(); s++) {
                    addUnit(unitSums[c][w][s], output.hiddenStates()[s], offset, h, clips[c]);
                }
            }
        });
    }

    private static void addUnit(double[] sum, float[] state, int off, int h, Clip clip) {
        double norm = 0;
        for (int d = 0; d < h; d++) {
            double v = clip.value(state, off, d);
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int d = 0; d < h; d++) {
            sum[d] += norm == 0 ? 0 : clip.value(state, off, d) / norm;
        }
    }

    public int words() {
        return wordIndex.size();
    }

    /** The mean over words of their mean pairwise cosine, for the clip given at construction (by index). */
    public double mean(int clipIndex, int state) {
        double total = 0;
        for (int w = 0; w < occurrences.length; w++) {
            double squared = 0;
            for (double v : unitSums[clipIndex][w][state]) {
                squared += v * v;
            }
            long n = occurrences[w];
            total += (squared - n) / (n * (double) (n - 1));
        }
        return occurrences.length == 0 ? Double.NaN : total / occurrences.length;
    }
}
