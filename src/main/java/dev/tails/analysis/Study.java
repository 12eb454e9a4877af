package dev.tails.analysis;

import dev.tails.Progress;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;

import java.util.List;
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

    public static StudyResult run(Model model, List<String> corpusTexts, StudySettings settings, Progress progress) {
        int states = model.config().numLayers() + 1;
        int hidden = model.config().hiddenSize();
        // Batches of texts of like length carry little padding (3x less work on SST-2 phrases); no statistic
        // depends on the order of the texts, and the samples drawn from it are still fixed by the seed.
        List<String> texts = TokenizedCorpus.byTokenCount(model, corpusTexts);
        TokenizedCorpus corpus = TokenizedCorpus.of(model, texts, settings.truncate(), settings.specialTokens());

        OutlierCounts raw = new OutlierCounts(corpus, states, hidden, Clip.none(hidden));
        LayerMeans means = new LayerMeans(corpus, states, hidden);
        PositionProbes probes = settings.probes() == null ? null : PositionProbes.prepare(model, texts, corpus, settings);
        progress.stage("pass 1/4: outlier counts over " + texts.size() + " texts"
                + (probes == null ? "" : ", position probe features"));
        CorpusPass.run(model, corpus, settings.batchSize(), ForwardHooks.NONE,
                probes == null ? List.of(raw, means) : List.of(raw, means, probes.features()), progress::fraction);
        ProbeResult probeResult = probes == null ? null : probes.run(model, settings.batchSize(), settings.seed(), progress);
        probes = null; // the features are garbage from here on

        int tail = raw.pooledTopArgmin().dim();
        var outliers = raw.outliers(settings.outlierShare());
        int[] outlierDims = outliers.isEmpty() ? new int[]{tail} : outliers.stream().mapToInt(OutlierCounts.DimShare::dim).toArray();
        Clip none = Clip.none(hidden);
        Clip clip = Clip.of(hidden, outlierDims);

        int[] sentences = SentenceSample.of(corpus.size(), settings.geometrySentences(), settings.seed());
        Anisotropy anisotropy = new Anisotropy(corpus, sentences, settings.anisotropyPairs(), settings.seed());
        IntraSentenceSimilarity intra = new IntraSentenceSimilarity(corpus, sentences, states, none, clip);
        SelfSimilarity self = new SelfSimilarity(corpus, settings.minSentencesPerWord(), settings.maxWords(),
                settings.seed(), states, hidden, none, clip);
        OutlierCounts clipped = new OutlierCounts(corpus, states, hidden, clip);
        progress.stage("pass 2/4: attribution of dim " + tail + ", geometry raw and clipped " + clip);
        List<Integer> blocks = IntStream.range(0, states - 1).boxed().toList();
        List<Attribution> attributions = new Attributor(model, blocks, tail, settings.topUnits()).run(texts,
                settings.batchSize(), settings.truncate(), progress::fraction, (output, first) -> {
                    anisotropy.add(output, first);
                    intra.add(output, first);
                    self.add(output, first);
                    clipped.add(output, first);
                });

        OutlierCounts positionsZeroed = new OutlierCounts(corpus, states, hidden, none);
        progress.stage("pass 3/4: position embeddings zeroed");
        CorpusPass.run(model, corpus, settings.batchSize(), InterventionHooks.zeroPositionEmbeddings(model.config()),
                List.of(positionsZeroed), progress::fraction);
        OutlierCounts inFlow = new OutlierCounts(corpus, states, hidden, none);
        progress.stage("pass 4/4: dims " + clip + " zeroed at every block output as they flow on");
        CorpusPass.run(model, corpus, settings.batchSize(), InterventionHooks.zeroDimsInFlow(model.config(), outlierDims),
                List.of(inFlow), progress::fraction);

        var weights = model.weights();
        return new StudyResult(model.folder().getFileName().toString(), texts.size(), settings, hidden, raw, means,
                tail, outliers, clip, new PositionEmbeddingExtremes(weights.embeddings().position(), hidden),
                NormRanks.of(weights, tail), attributions, clipped, positionsZeroed, inFlow,
                perState(states, s -> anisotropy.meanCosine(s, none), s -> anisotropy.meanCosine(s, clip)),
                perState(states, s -> self.mean(0, s), s -> self.mean(1, s)),
                perState(states, s -> intra.mean(0, s), s -> intra.mean(1, s)),
                anisotropy.pairs(), self.words(), probeResult);
    }

    private static StudyResult.Geometry perState(int states, java.util.function.IntToDoubleFunction raw,
                                                 java.util.function.IntToDoubleFunction clipped) {
        return new StudyResult.Geometry(IntStream.range(0, states).mapToDouble(raw).toArray(),
                IntStream.range(0, states).mapToDouble(clipped).toArray());
    }
}
