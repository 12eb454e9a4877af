package dev.tails.analysis;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.attribution.Attribution;
import dev.tails.attribution.Attributor;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.CorpusStatistic;
import dev.tails.corpus.SentenceSample;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;
import dev.tails.probe.PositionProbes;
import dev.tails.probe.ProbeResult;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The paper's study in four passes over a corpus: the tails (raw counts, mean vectors); their
 * attribution, the geometry raw and clipped and the clipped counts (one captured pass, once the
 * tail dim is known); then the counts with position embeddings zeroed and with the outlier dims
 * zeroed as they flow through the blocks. Origin in the weights needs no pass. The position
 * probes' training features ride on the first pass; they are trained and scored (one small pass
 * over the dev texts) right after it, so their features are freed before the other passes.
 */
public final class Study {
    private Study() {
    }

    /**
     * The origin section reads the tail dim in the position table and the embedding LayerNorm; with
     * ELECTRA's embeddings_project those live in another, narrower space where the dim means nothing.
     */
    private static void refuseProjectedEmbeddings(Model model) {
        ModelConfig c = model.config();
        if (c.embeddingSize() != c.hiddenSize()) {
            throw new TailsException("study: " + model.folder() + " has embedding_size " + c.embeddingSize()
                    + " projected to hidden_size " + c.hiddenSize() + "; the study's origin section reads the tail dim"
                    + " in the embedding tables, which this projection puts in another space (not implemented)");
        }
    }

    public static StudyResult run(Model model, List<String> corpusTexts, StudySettings settings, Progress progress) {
        refuseProjectedEmbeddings(model);
        int states = model.config().numLayers() + 1;
        int hidden = model.config().hiddenSize();
        // Texts numbered by token count: batches of like length carry little padding, no statistic depends on
        // the order, and the samples drawn by index with the seed are those of the corpus sorted by length.
        TokenizedCorpus corpus = TokenizedCorpus.of(model, corpusTexts, settings.truncate(), settings.specialTokens(), true)
                .inRunOrder();
        CorpusRunner runner = new CorpusRunner(model, settings.batchSize(), settings.truncate());

        OutlierCounts raw = new OutlierCounts(corpus, states, hidden, Clip.none(hidden));
        LayerMeans means = new LayerMeans(corpus, states, hidden);
        OutlierMeasures measures = new OutlierMeasures(states, hidden);
        PositionProbes probes = settings.probes() == null ? null : PositionProbes.prepare(corpus, settings.probes(), settings.seed(), settings.truncate());
        progress.stage("pass 1/4: outlier counts over " + corpus.size() + " texts"
                + (probes == null ? "" : ", position probe features"));
        runner.forEachBatch(corpus, ForwardHooks.NONE, all(probes == null ? List.of(raw, means, measures)
                : List.of(raw, means, measures, probes.features())), progress);
        ProbeResult probeResult = probes == null ? null : probes.run(runner, settings.seed(), progress);
        probes = null; // the features are garbage from here on

        StudyResult.Tails tails = TailsPartial.tails(raw, means, settings.outlierShare());
        int tail = tails.tailDim();
        Clip none = Clip.none(hidden);
        Clip clip = Clip.of(hidden, tails.clippedDims());

        int[] sentences = SentenceSample.of(corpus.size(), settings.geometrySentences(), settings.seed());
        Anisotropy anisotropy = new Anisotropy(corpus, sentences, settings.anisotropyPairs(), settings.seed());
        IntraSentenceSimilarity intra = new IntraSentenceSimilarity(corpus, sentences, states, none, clip);
        SelfSimilarity self = new SelfSimilarity(corpus, settings.minSentencesPerWord(), settings.maxWords(),
                settings.seed(), states, hidden, none, clip);
        OutlierCounts clipped = new OutlierCounts(corpus, states, hidden, clip);
        CosineShares cosineShares = new CosineShares(measures);
        progress.stage("pass 2/4: attribution of dim " + tail + ", geometry raw and clipped " + clip);
        List<Integer> blocks = IntStream.range(0, states - 1).boxed().toList();
        List<Attribution> attributions = new Attributor(model, blocks, tail, settings.topUnits()).run(runner, corpus,
                progress, all(List.of(anisotropy, intra, self, clipped, cosineShares)));

        OutlierCounts positionsZeroed = new OutlierCounts(corpus, states, hidden, none);
        progress.stage("pass 3/4: position embeddings zeroed");
        runner.forEachBatch(corpus, InterventionHooks.zeroPositionEmbeddings(model.config()), positionsZeroed::add, progress);
        OutlierCounts inFlow = new OutlierCounts(corpus, states, hidden, none);
        progress.stage("pass 4/4: dims " + clip + " zeroed at every block output as they flow on");
        runner.forEachBatch(corpus, clip.inGraph(model.config()), inFlow::add, progress);

        MaskedLmResult maskedLm = null;
        if (settings.maskedLm() != null && model.hasMlmHead()) {
            progress.stage("masked LM: dims " + clip + " ablated, random controls");
            maskedLm = MaskedLmExperiment.run(runner, corpus.texts(), clip.dims(), clip.dims(), settings.maskedLm(), progress);
        }

        PositionEmbeddingExtremes positions = new PositionEmbeddingExtremes(model.weights().embeddings().position(), hidden);
        return new StudyResult(
                new StudyResult.Run(model.folder().getFileName().toString(), corpus.size(), raw.tokens(), states, hidden,
                        settings),
                tails,
                new StudyResult.Origin(positions.positions(), positions.argminShare(tail), positions.argmin(0),
                        positions.argmax(0), positions.row(0), NormRanks.of(model.weights(), tail)),
                attributions,
                new StudyResult.Interventions(clipped, positionsZeroed, inFlow),
                new StudyResult.Geometry(
                        perState(states, s -> anisotropy.meanCosine(s, none), s -> anisotropy.meanCosine(s, clip)),
                        perState(states, s -> self.mean(0, s), s -> self.mean(1, s)),
                        perState(states, s -> intra.mean(0, s), s -> intra.mean(1, s)),
                        anisotropy.pairs(), self.words()),
                probeResult,
                new StudyResult.Experiments(measures, cosineShares, maskedLm));
    }

    private static Consumer<CorpusBatch> all(List<CorpusStatistic> statistics) {
        return batch -> statistics.forEach(statistic -> statistic.add(batch));
    }

    private static StudyResult.Similarity perState(int states, IntToDoubleFunction raw, IntToDoubleFunction clipped) {
        return new StudyResult.Similarity(IntStream.range(0, states).mapToDouble(raw).toArray(),
                IntStream.range(0, states).mapToDouble(clipped).toArray());
    }
}
