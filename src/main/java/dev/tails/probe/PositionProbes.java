package dev.tails.probe;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.CorpusStatistic;
import dev.tails.corpus.SentenceSample;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.kernel.Parallel;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The paper's position probes, one per hidden state: train sentences are drawn from the study
 * corpus (their features gathered in the study's first pass), dev texts come from a file or are a
 * held-out part of the corpus disjoint from them; then training (one state per core) and one
 * small forward pass over the dev texts to score.
 */
public final class PositionProbes {
    /** The paper's cap: positions from 300 on are left out. */
    static final int MAX_CLASSES = 300;
    /** Without a dev file, this share of the corpus (at most MAX_HELD_OUT sentences) is held out. */
    private static final int HELD_OUT_DIVISOR = 5;
    private static final int MAX_HELD_OUT = 1000;

    private final ProbeSettings settings;
    private final TokenizedCorpus dev;
    private final ProbeFeatures features;
    private final int trainSentences;
    private final int classes;

    private PositionProbes(ProbeSettings settings, TokenizedCorpus dev, ProbeFeatures features, int trainSentences,
                           int classes) {
        this.settings = settings;
        this.dev = dev;
        this.features = features;
        this.trainSentences = trainSentences;
        this.classes = classes;
    }

    /** Draws the train sentences with the seed and tokenizes the dev texts (truncated like the corpus when asked). */
    public static PositionProbes prepare(TokenizedCorpus corpus, ProbeSettings settings, long seed, boolean truncate) {
        Model model = corpus.model();
        int[] train;
        List<String> devTexts;
        if (settings.devTexts() != null) {
            train = SentenceSample.of(corpus.size(), settings.trainSentences(), seed);
            devTexts = settings.devTexts();
        } else {
            if (corpus.size() < 2) {
                throw new TailsException("position probes: a held-out dev set needs at least 2 texts, the corpus has "
                        + corpus.size() + "; give dev texts or leave the probes out");
            }
            int[] order = IntStream.range(0, corpus.size()).toArray();
            SentenceSample.shuffle(order, new Random(seed));
            int heldOut = Math.clamp(corpus.size() / HELD_OUT_DIVISOR, 1, MAX_HELD_OUT);
            devTexts = Arrays.stream(order, 0, heldOut).sorted().mapToObj(corpus::text).toList();
            train = Arrays.stream(order, heldOut, Math.min(corpus.size(), heldOut + settings.trainSentences())).sorted().toArray();
        }
        TokenizedCorpus dev = TokenizedCorpus.of(model, devTexts, truncate, corpus.specialTokens(), true);
        int longest = Math.max(IntStream.of(train).map(s -> corpus.encoding(s).length()).max().orElse(0),
                IntStream.range(0, dev.size()).map(s -> dev.encoding(s).length()).max().orElse(0));
        int states = model.config().numLayers() + 1;
        ProbeFeatures features = new ProbeFeatures(corpus, train, states, model.config().hiddenSize());
        return new PositionProbes(settings, dev, features, train.length, Math.min(MAX_CLASSES, longest));
    }

    /** Gathers the training features; add to one pass over the study corpus. */
    public CorpusStatistic features() {
        return features;
    }

    public ProbeResult run(CorpusRunner runner, long seed, Progress progress) {
        Model model = runner.model();
        int states = model.config().numLayers() + 1;
        int hidden = model.config().hiddenSize();
        progress.stage(String.format("probes: training %d position probes (%d classes) on %,d tokens of %d sentences",
                states, classes, features.tokens(), trainSentences));
        long start = System.nanoTime();
        LinearClassifier[] probes = new LinearClassifier[states];
        AtomicInteger epochs = new AtomicInteger();
        Object lock = new Object();
        Parallel.forRange(states, s -> probes[s] = SoftmaxRegression.train(features.features(s), features.positions(),
                features.tokens(), hidden, classes, settings.training(), seed + s, () -> {
                    synchronized (lock) {
                        progress.fraction((double) epochs.incrementAndGet() / (states * settings.training().epochs()));
                    }
                }));
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.stage(String.format("probes: trained in %.0f s; scoring on %d dev texts", seconds, dev.size()));
        ProbeScores scores = new ProbeScores(dev, probes, hidden);
        runner.forEachBatch(dev, ForwardHooks.NONE, scores::add, progress);
        if (scores.tokens() == 0) {
            throw new TailsException("position probes: the dev texts have no counted tokens to score");
        }
        List<ProbeResult.Layer> layers = new ArrayList<>();
        for (int s = 0; s < states; s++) {
            layers.add(new ProbeResult.Layer(s, scores.accuracy(s), scores.contribution(s)));
        }
        return new ProbeResult(settings, trainSentences, features.tokens(), dev.size(), scores.tokens(), classes,
                seconds, layers);
    }
}
