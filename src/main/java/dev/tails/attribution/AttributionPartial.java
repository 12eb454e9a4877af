package dev.tails.attribution;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.PartialJson;
import dev.tails.corpus.PartialKey;
import dev.tails.corpus.TokenizedCorpus;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The attribution of one dim of one block as running sums over the tokens seen so far, so the parts of a
 * corpus (shards, machines, Spark partitions) are attributed apart and merged: the {@link #result()} of
 * merged partials is the attribution of the union, up to the order of float sums (each sum is in double).
 * A partial is mutable: {@link #add} and {@link #merge} change it and return it. It travels as JSON
 * ({@link #toJson}, exact doubles) or by Java serialization.
 */
public final class AttributionPartial implements Serializable {
    /** The partial's kind in its file. */
    public static final String KIND = "attribute";

    @Serial
    private static final long serialVersionUID = 1L;

    /** What made the partial; another partial merges only with an equal key. */
    private final PartialKey key;
    /** The block, from the key. */
    private final int layer;
    /** The dim, from the key. */
    private final int dim;
    /** How many neurons and heads the result keeps, from the key. */
    private final int top;
    /** The running sums. */
    private final CorpusAttribution sums;

    private AttributionPartial(PartialKey key, CorpusAttribution sums) {
        this.key = key;
        this.layer = key.intSetting("layer");
        this.dim = key.intSetting("dim");
        this.top = key.intSetting("top");
        this.sums = sums;
    }

    /**
     * An empty partial for dim {@code dim} of block {@code layer} of the runner's model; block, dim and top
     * are checked here, as {@link Attributor} checks them.
     *
     * @param runner the model and truncation the texts will be run with
     * @param layer the block, 0-based
     * @param dim the dim of the block output
     * @param top how many neurons and heads the result keeps, by |mean|
     * @return a partial holding no tokens
     */
    public static AttributionPartial of(CorpusRunner runner, int layer, int dim, int top) {
        new Attributor(runner.model(), List.of(layer), dim, top);
        var c = runner.model().config();
        return new AttributionPartial(key(runner, layer, dim, top),
                new CorpusAttribution(layer, dim, c.intermediateSize(), c.numHeads()));
    }

    private static PartialKey key(CorpusRunner runner, int layer, int dim, int top) {
        return PartialKey.of(KIND, runner, Map.of("layer", Integer.toString(layer), "dim", Integer.toString(dim),
                "top", Integer.toString(top)));
    }

    /**
     * Adds every token of a corpus, in one pass through {@code runner}.
     *
     * @param runner a runner on the model (and truncation) this partial was made for
     * @param corpus the texts, tokenized by that runner
     * @param progress told the fraction of texts done
     * @return this partial
     */
    public AttributionPartial add(CorpusRunner runner, TokenizedCorpus corpus, Progress progress) {
        key.checkSame(key(runner, layer, dim, top), "attribution partial: the runner's model or settings");
        new Attributor(runner.model(), List.of(layer), dim, top).add(runner, corpus, progress, batch -> { }, List.of(sums));
        return this;
    }

    /**
     * Adds every token of some texts (tokenized by {@code runner}, batched by length).
     *
     * @param runner a runner on the model (and truncation) this partial was made for
     * @param texts the texts
     * @param progress told the fraction of texts done
     * @return this partial
     */
    public AttributionPartial add(CorpusRunner runner, Iterable<String> texts, Progress progress) {
        return add(runner, runner.corpus(texts), progress);
    }

    /**
     * Adds the sums of another partial of the same model, block, dim, top and truncation.
     *
     * @param other the partial of another part of the corpus
     * @return this partial
     * @throws TailsException naming what differs when the two were made differently
     */
    public AttributionPartial merge(AttributionPartial other) {
        key.checkSame(other.key, "attribution partial");
        sums.add(other.sums);
        return this;
    }

    /**
     * {@return the attribution of every token added so far, the record `tails attribute` prints and writes}
     * @throws TailsException when no token was added
     */
    public Attribution result() {
        return sums.result(top);
    }

    /** {@return the tokens added so far} */
    public long tokens() {
        return sums.tokens();
    }

    /** {@return what made this partial: model, block, dim, top, truncation} */
    public PartialKey key() {
        return key;
    }

    /** The partial file: the key's fields, then the sums. */
    private record File(String format, String kind, String model, SortedMap<String, String> settings,
                        CorpusAttribution.Stored sums) {
    }

    /** {@return this partial as JSON; doubles are written in their shortest exact form, so they read back bit for bit} */
    public String toJson() {
        return PartialJson.write(new File(key.format(), key.kind(), key.model(), key.settings(), sums.stored()), true,
                "attribution");
    }

    /**
     * Reads a partial written by {@link #toJson}.
     *
     * @param json the text
     * @return the partial
     * @throws TailsException when the text is not an attribution partial of this format
     */
    public static AttributionPartial fromJson(String json) {
        File file = PartialJson.read(json, File.class, "attribution");
        PartialKey key = PartialKey.read(file.format(), file.kind(), file.model(), file.settings(), KIND);
        if (file.sums() == null) {
            throw new TailsException("attribution partial: the sums are required");
        }
        return new AttributionPartial(key, CorpusAttribution.of(key.intSetting("layer"), key.intSetting("dim"),
                key.intSetting("model.intermediate"), key.intSetting("model.heads"), file.sums()));
    }
}
