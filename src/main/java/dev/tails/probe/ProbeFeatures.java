package dev.tails.probe;

import dev.tails.TailsException;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusStatistic;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;

/**
 * The position probes' training data, gathered during a pass the study makes anyway: every
 * counted token of the chosen sentences at a position below {@link PositionProbes#MAX_CLASSES},
 * its vector at every hidden state and its position. Sized before the pass, so a corpus too big
 * for the heap is a message, not an OutOfMemoryError.
 */
final class ProbeFeatures implements CorpusStatistic {
    private final TokenizedCorpus corpus;
    private final boolean[] chosen;
    private final int hidden;
    private final float[][] x;
    private final int[] y;
    private int filled;

    ProbeFeatures(TokenizedCorpus corpus, int[] sentences, int states, int hidden) {
        this.corpus = corpus;
        this.chosen = new boolean[corpus.size()];
        this.hidden = hidden;
        int tokens = 0;
        for (int s : sentences) {
            chosen[s] = true;
            for (int p = 0; p < corpus.encoding(s).length(); p++) {
                tokens += kept(s, p) ? 1 : 0;
            }
        }
        checkHeap((long) tokens * states * hidden * Float.BYTES, (long) tokens * hidden, sentences.length, tokens);
        this.x = new float[states][tokens * hidden];
        this.y = new int[tokens];
    }

    private boolean kept(int sentence, int position) {
        return chosen[sentence] && position < PositionProbes.MAX_CLASSES && corpus.counts(sentence, position);
    }

    private static void checkHeap(long bytes, long perState, int sentences, int tokens) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free - (256L << 20) || perState > Integer.MAX_VALUE - 8) {
            throw new TailsException(String.format("position probes: the features of %,d sentences (%,d tokens) need "
                    + "%,d MB but the heap has %,d MB free; train on fewer sentences, leave the probes out or give the JVM a larger heap (-Xmx)",
                    sentences, tokens, bytes >> 20, free >> 20));
        }
    }

    @Override
    public void add(CorpusBatch corpusBatch) {
        EncoderOutput output = corpusBatch.output();
        corpusBatch.forEachToken((sentence, position, offset) -> {
            if (kept(sentence, position)) {
                for (int s = 0; s < x.length; s++) {
                    System.arraycopy(output.hiddenStates()[s], offset, x[s], filled * hidden, hidden);
                }
                y[filled++] = position;
            }
        });
    }

    int tokens() {
        return y.length;
    }

    float[] features(int state) {
        return x[state];
    }

    int[] positions() {
        return y;
    }
}
