package dev.tails.eval;

import dev.tails.TailsException;
import dev.tails.corpus.PartialJson;
import dev.tails.corpus.PartialKey;
import dev.tails.corpus.Variant;

import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * WiC over some parts of its pairs. The accuracy grid is counts, but the layer and threshold are chosen on
 * all train pairs and then every pair of the split is predicted with them, so a partial holds each of its
 * pairs' gold and cosines per variant and state (split and train), merging is their union, and the result
 * is computed once every part is in: the same numbers, bit for bit, as one run.
 */
public final class WicPartial {
    /** The partial's kind in its file. */
    public static final String KIND = "eval-wic";

    /** One pair: its gold label (null on an unlabeled split) and its cosine per variant and state. */
    record Pair(Boolean gold, Map<Variant, double[]> cosines) {
    }

    /** The pairs of one data file: how many it has, and those held, by index. */
    record Pairs(int pairs, Map<Integer, Pair> held) {
        Pairs union(Pairs other) {
            Map<Integer, Pair> all = new TreeMap<>(held);
            all.putAll(other.held);
            return new Pairs(pairs, all);
        }

        Boolean[] gold() {
            complete();
            Boolean[] gold = new Boolean[pairs];
            held.forEach((p, pair) -> gold[p] = pair.gold());
            return gold;
        }

        Map<Variant, double[][]> cosines() {
            complete();
            Map<Variant, double[][]> cosines = new EnumMap<>(Variant.class);
            held.forEach((p, pair) -> pair.cosines().forEach((v, c) -> cosines.computeIfAbsent(v, x -> new double[pairs][])[p] = c));
            return cosines;
        }

        private void complete() {
            if (held.size() != pairs) {
                throw new TailsException("wic partial: holds " + held.size() + " of " + pairs + " pairs");
            }
        }

        void check(int states, String variants, String file) {
            held.forEach((p, pair) -> {
                String labels = String.join(",", pair.cosines().keySet().stream().map(Variant::label).toList());
                if (p < 0 || p >= pairs || !labels.equals(variants)
                        || pair.cosines().values().stream().anyMatch(c -> c == null || c.length != states)) {
                    throw new TailsException("wic partial: pair " + p + " of " + file + " is not one of its " + pairs
                            + " pairs with " + states + " cosines for each of " + variants);
                }
            });
        }
    }

    private final PartialKey key;
    private final TreeSet<Integer> parts;
    private Pairs split;
    private Pairs train;
    private EvalHeader header;

    WicPartial(PartialKey key, TreeSet<Integer> parts, Pairs split, Pairs train, EvalHeader header) {
        this.key = key;
        this.parts = parts;
        this.split = split;
        this.train = train;
        this.header = header;
    }

    /**
     * Adds the pairs of other parts of the same evaluation.
     *
     * @param other a partial of other parts (same model, data, settings and part count)
     * @return this partial
     * @throws TailsException naming what differs, or the part both hold
     */
    public WicPartial merge(WicPartial other) {
        key.checkSame(other.key, "wic partial");
        ItemPart.refuseOverlap(parts, other.parts, key.intSetting("parts"), "wic partial");
        if (split.pairs() != other.split.pairs() || (train == null) != (other.train == null)
                || (train != null && train.pairs() != other.train.pairs())) {
            throw new TailsException("wic partial: made from other data (the pair counts differ)");
        }
        parts.addAll(other.parts);
        split = split.union(other.split);
        train = train == null ? null : train.union(other.train);
        header = header.plus(other.header);
        return this;
    }

    /**
     * {@return the evaluation's result; its seconds are the parts' sum and its heap their largest}
     * @throws TailsException when a part is missing
     */
    public WicEvaluation.Result result() {
        ItemPart.requireAll(parts, key.intSetting("parts"), "wic partial");
        Pairs onTrain = train == null ? split : train;
        return WicEvaluation.result(header, key.setting("split"), split.cosines(), split.gold(), onTrain.cosines(),
                onTrain.gold());
    }

    private record File(String format, String kind, String model, SortedMap<String, String> settings, TreeSet<Integer> parts,
                        Pairs split, Pairs train, EvalHeader header) {
    }

    /** {@return this partial as JSON, doubles in their shortest exact form} */
    public String toJson() {
        return PartialJson.write(new File(key.format(), key.kind(), key.model(), key.settings(), parts, split, train,
                header), false, "wic");
    }

    /**
     * Reads a partial written by {@link #toJson}.
     *
     * @param json the text
     * @return the partial
     * @throws TailsException when the text is not a WiC partial of this format
     */
    public static WicPartial fromJson(String json) {
        File f = PartialJson.read(json, File.class, "wic");
        PartialKey key = PartialKey.read(f.format(), f.kind(), f.model(), f.settings(), KIND);
        if (f.parts() == null || f.split() == null || f.header() == null) {
            throw new TailsException("wic partial: parts, header and the per-item values are required");
        }
        int states = key.intSetting("model.layers") + 1;
        if ((f.train() == null) != "train".equals(key.setting("split"))) {
            throw new TailsException("wic partial: train pairs are needed exactly when the split is not train");
        }
        f.split().check(states, key.setting("variants"), "the split");
        if (f.train() != null) {
            f.train().check(states, key.setting("variants"), "train");
        }
        return new WicPartial(key, new TreeSet<>(f.parts()), f.split(), f.train(), f.header());
    }
}
