package dev.tails.analysis;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.PartialJson;
import dev.tails.corpus.PartialKey;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.ForwardHooks;

import java.util.Map;
import java.util.SortedMap;

/**
 * The study's first pass as mergeable sums: how often each dim is the min and max of a token vector per
 * hidden state (counts: merged exactly) and the mean vectors (sums in double). The {@link #result()} of
 * merged partials is the study's {@link StudyResult.Tails} of the union: tail dim, outliers, clipped dims,
 * per-layer extremes. The later passes depend on the tail dim of the whole corpus, and the geometry on
 * samples drawn over the whole corpus, so they are not part of a partial.
 */
public final class TailsPartial {
    /** The partial's kind in its file. */
    public static final String KIND = "analyze-tails";

    private final PartialKey key;
    private final double outlierShare;
    private final OutlierCounts counts;
    private final LayerMeans means;

    private TailsPartial(PartialKey key, OutlierCounts counts, LayerMeans means) {
        this.key = key;
        try {
            this.outlierShare = Double.parseDouble(key.setting("outlierShare"));
        } catch (NumberFormatException e) {
            throw new TailsException("study partial: outlierShare '" + key.setting("outlierShare") + "' is not a number", e);
        }
        this.counts = counts;
        this.means = means;
    }

    /**
     * An empty partial for the runner's model.
     *
     * @param runner the model and truncation the texts will be run with
     * @param specialTokens whether [CLS], [SEP] and the like are counted
     * @param outlierShare the share of vectors a dim must be the min or max of to be an outlier
     * @return a partial holding no tokens
     */
    public static TailsPartial of(CorpusRunner runner, boolean specialTokens, double outlierShare) {
        int states = runner.model().config().numLayers() + 1;
        int hidden = runner.model().config().hiddenSize();
        return new TailsPartial(key(runner, specialTokens, outlierShare),
                new OutlierCounts(null, states, hidden, Clip.none(hidden)), new LayerMeans(null, states, hidden));
    }

    private static PartialKey key(CorpusRunner runner, boolean specialTokens, double outlierShare) {
        return PartialKey.of(KIND, runner, Map.of("specialTokens", Boolean.toString(specialTokens),
                "outlierShare", Double.toString(outlierShare)));
    }

    /**
     * Adds every counted token of some texts, in one pass through {@code runner}.
     *
     * @param runner a runner on the model (and truncation) this partial was made for
     * @param texts the texts
     * @param progress told the fraction of texts done
     * @return this partial
     */
    public TailsPartial add(CorpusRunner runner, Iterable<String> texts, Progress progress) {
        boolean specialTokens = Boolean.parseBoolean(key.setting("specialTokens"));
        key.checkSame(key(runner, specialTokens, outlierShare), "study partial: the runner's model or settings");
        TokenizedCorpus corpus = TokenizedCorpus.of(runner.model(), texts, runner.truncates(), specialTokens, true);
        runner.forEachBatch(corpus, ForwardHooks.NONE, batch -> {
            counts.add(batch);
            means.add(batch);
        }, progress);
        return this;
    }

    /**
     * Adds the counts and sums of another partial made the same way.
     *
     * @param other the partial of another part of the corpus
     * @return this partial
     * @throws TailsException naming what differs when the two were made differently
     */
    public TailsPartial merge(TailsPartial other) {
        key.checkSame(other.key, "study partial");
        counts.add(other.counts);
        means.add(other.means);
        return this;
    }

    /**
     * {@return the tails of every token added so far, as the study reports them}
     * @throws TailsException when no token was added
     */
    public StudyResult.Tails result() {
        if (counts.tokens() == 0) {
            throw new TailsException("study partial: no tokens were counted");
        }
        return tails(counts, means, outlierShare);
    }

    /** The tails from the raw counts and means: the tail dim, the outliers and the dims clipped (the tail dim when none). */
    static StudyResult.Tails tails(OutlierCounts raw, LayerMeans means, double outlierShare) {
        int tail = raw.pooledTopArgmin().dim();
        var outliers = raw.outliers(outlierShare);
        int[] clipped = outliers.isEmpty() ? new int[]{tail} : outliers.stream().mapToInt(OutlierCounts.DimShare::dim).toArray();
        return new StudyResult.Tails(tail, raw.pooledTopArgmin().fraction(), outliers, clipped, raw, means);
    }

    /** {@return what made this partial} */
    public PartialKey key() {
        return key;
    }

    private record File(String format, String kind, String model, SortedMap<String, String> settings,
                        OutlierCounts.Sums counts, LayerMeans.Sums means) {
    }

    /** {@return this partial as JSON, counts exact and sums in their shortest exact form} */
    public String toJson() {
        return PartialJson.write(new File(key.format(), key.kind(), key.model(), key.settings(), counts.sums(),
                means.sums()), false, "study");
    }

    /**
     * Reads a partial written by {@link #toJson}.
     *
     * @param json the text
     * @return the partial
     * @throws TailsException when the text is not a study partial of this format
     */
    public static TailsPartial fromJson(String json) {
        File file = PartialJson.read(json, File.class, "study");
        PartialKey key = PartialKey.read(file.format(), file.kind(), file.model(), file.settings(), KIND);
        if (file.counts() == null || file.means() == null) {
            throw new TailsException("study partial: counts and means are required");
        }
        int states = key.intSetting("model.layers") + 1;
        int hidden = key.intSetting("model.hidden");
        if (file.counts().tokens() != file.means().tokens()) {
            throw new TailsException("study partial: counts of " + file.counts().tokens() + " tokens but means of "
                    + file.means().tokens());
        }
        return new TailsPartial(key, OutlierCounts.of(file.counts(), states, hidden), LayerMeans.of(file.means(), states, hidden));
    }
}
