package dev.tails.eval;

import dev.tails.TailsException;
import dev.tails.corpus.PartialJson;
import dev.tails.corpus.PartialKey;
import dev.tails.corpus.Variant;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The STS evaluation over some parts of each subset's pairs. Spearman's correlation ranks all pairs of a
 * subset together, so it is not a sum: a partial holds each of its pairs' gold and cosines per variant and
 * state (16 bytes per pair, state and variant), merging is their union, and the scores are computed from
 * the whole subset once every part is in: the same numbers, bit for bit, as one run.
 */
public final class StsPartial {
    /** The partial's kind in its file. */
    public static final String KIND = "eval-sts";

    /** One pair: its gold similarity and its cosine per variant and state. */
    record Pair(double gold, Map<Variant, double[]> cosines) {
    }

    /** One subset: its number of pairs, and the pairs held, by index in the data file. */
    record Subset(int pairs, Map<Integer, Pair> held) {
    }

    private final PartialKey key;
    private final TreeSet<Integer> parts;
    private final Map<String, Map<String, Subset>> sets;
    private EvalHeader header;

    StsPartial(PartialKey key, TreeSet<Integer> parts, Map<String, Map<String, Subset>> sets, EvalHeader header) {
        this.key = key;
        this.parts = parts;
        this.sets = sets;
        this.header = header;
    }

    /**
     * Adds the pairs of other parts of the same evaluation.
     *
     * @param other a partial of other parts (same model, data, settings and part count)
     * @return this partial
     * @throws TailsException naming what differs, or the part both hold
     */
    public StsPartial merge(StsPartial other) {
        key.checkSame(other.key, "sts partial");
        ItemPart.refuseOverlap(parts, other.parts, key.intSetting("parts"), "sts partial");
        if (!shape(sets).equals(shape(other.sets))) {
            throw new TailsException("sts partial: made from other data (subsets and pairs " + shape(other.sets) + " vs "
                    + shape(sets) + ")");
        }
        parts.addAll(other.parts);
        sets.forEach((set, subsets) -> subsets.forEach((name, subset) -> {
            Map<Integer, Pair> held = new TreeMap<>(subset.held());
            held.putAll(other.sets.get(set).get(name).held());
            subsets.put(name, new Subset(subset.pairs(), held));
        }));
        header = header.plus(other.header);
        return this;
    }

    /** Set -> subset -> pairs: what two partials of the same data agree on. */
    private static Map<String, Map<String, Integer>> shape(Map<String, Map<String, Subset>> sets) {
        Map<String, Map<String, Integer>> shape = new LinkedHashMap<>();
        sets.forEach((set, subsets) -> {
            Map<String, Integer> pairs = new LinkedHashMap<>();
            subsets.forEach((name, subset) -> pairs.put(name, subset.pairs()));
            shape.put(set, pairs);
        });
        return shape;
    }

    /**
     * {@return the evaluation's result; its seconds are the parts' sum and its heap their largest}
     * @throws TailsException when a part is missing
     */
    public StsEvaluation.Result result() {
        ItemPart.requireAll(parts, key.intSetting("parts"), "sts partial");
        Map<String, StsEvaluation.SetResult> results = new LinkedHashMap<>();
        sets.forEach((set, subsets) -> {
            Map<String, Map<Variant, double[][]>> cosines = new LinkedHashMap<>();
            Map<String, double[]> gold = new LinkedHashMap<>();
            subsets.forEach((name, subset) -> {
                if (subset.held().size() != subset.pairs()) {
                    throw new TailsException("sts partial: " + name + " holds " + subset.held().size() + " of its "
                            + subset.pairs() + " pairs");
                }
                double[] g = new double[subset.pairs()];
                Map<Variant, double[][]> c = new EnumMap<>(Variant.class);
                subset.held().forEach((p, pair) -> {
                    g[p] = pair.gold();
                    pair.cosines().forEach((v, perState) -> c.computeIfAbsent(v, x -> new double[subset.pairs()][])[p] = perState);
                });
                gold.put(name, g);
                cosines.put(name, c);
            });
            results.put(set, StsEvaluation.setResult(cosines, gold));
        });
        return new StsEvaluation.Result(header, Boolean.parseBoolean(key.setting("withSpecial")), results);
    }

    private record File(String format, String kind, String model, SortedMap<String, String> settings, TreeSet<Integer> parts,
                        Map<String, Map<String, Subset>> sets, EvalHeader header) {
    }

    /** {@return this partial as JSON, doubles in their shortest exact form} */
    public String toJson() {
        return PartialJson.write(new File(key.format(), key.kind(), key.model(), key.settings(), parts, sets, header),
                false, "sts");
    }

    /**
     * Reads a partial written by {@link #toJson}.
     *
     * @param json the text
     * @return the partial
     * @throws TailsException when the text is not an STS partial of this format
     */
    public static StsPartial fromJson(String json) {
        File f = PartialJson.read(json, File.class, "sts");
        PartialKey key = PartialKey.read(f.format(), f.kind(), f.model(), f.settings(), KIND);
        if (f.parts() == null || f.sets() == null || f.header() == null) {
            throw new TailsException("sts partial: parts, header and the per-item values are required");
        }
        int states = key.intSetting("model.layers") + 1;
        String variants = key.setting("variants");
        f.sets().forEach((set, subsets) -> subsets.forEach((name, subset) -> subset.held().forEach((p, pair) -> {
            String held = String.join(",", pair.cosines().keySet().stream().map(Variant::label).toList());
            if (p < 0 || p >= subset.pairs() || !held.equals(variants)
                    || pair.cosines().values().stream().anyMatch(c -> c == null || c.length != states)) {
                throw new TailsException("sts partial: pair " + p + " of " + name + " is not one of its " + subset.pairs()
                        + " pairs with " + states + " cosines for each of " + variants);
            }
        })));
        Map<String, Map<String, Subset>> sets = new LinkedHashMap<>();
        f.sets().forEach((set, subsets) -> sets.put(set, new LinkedHashMap<>(subsets)));
        return new StsPartial(key, new TreeSet<>(f.parts()), sets, f.header());
    }
}
