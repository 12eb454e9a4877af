package dev.tails.probe;

import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusStatistic;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;

/** Accuracy and per-dim contribution of every state's probe over the dev tokens, batch by batch. */
final class ProbeScores implements CorpusStatistic {
    private final TokenizedCorpus dev;
    private final LinearClassifier[] probes;
    private final int hidden;
    private final long[] correct;
    private final double[][] contributions;
    private long tokens;

    ProbeScores(TokenizedCorpus dev, LinearClassifier[] probes, int hidden) {
        this.dev = dev;
        this.probes = probes;
        this.hidden = hidden;
        this.correct = new long[probes.length];
        this.contributions = new double[probes.length][hidden];
    }

    @Override
    public void add(CorpusBatch corpusBatch) {
        EncoderOutput output = corpusBatch.output();
        int[] rows = new int[output.batch().size() * output.batch().seqLen()];
        int[] labels = new int[rows.length];
        int[] n = {0};
        corpusBatch.forEachToken((sentence, position, offset) -> {
            if (position < PositionProbes.MAX_CLASSES) {
                rows[n[0]] = offset;
                labels[n[0]++] = position;
            }
        });
        float[] x = new float[n[0] * hidden];
        for (int s = 0; s < probes.length; s++) {
            for (int i = 0; i < n[0]; i++) {
                System.arraycopy(output.hiddenStates()[s], rows[i], x, i * hidden, hidden);
            }
            int[] predicted = probes[s].predict(x, n[0]);
            for (int i = 0; i < n[0]; i++) {
                correct[s] += predicted[i] == labels[i] ? 1 : 0;
                for (int d = 0; d < hidden; d++) {
                    // the paper's contribution of dim d, taking the true position's weight
                    contributions[s][d] += Math.abs(probes[s].weight(labels[i], d) * x[i * hidden + d]);
                }
            }
        }
        tokens += n[0];
    }

    long tokens() {
        return tokens;
    }

    double accuracy(int state) {
        return (double) correct[state] / tokens;
    }

    /** Mean over the dev tokens of |W[y, d] · v_d| per dim d. */
    double[] contribution(int state) {
        double[] mean = contributions[state].clone();
        for (int d = 0; d < mean.length; d++) {
            mean[d] /= tokens;
        }
        return mean;
    }
}
