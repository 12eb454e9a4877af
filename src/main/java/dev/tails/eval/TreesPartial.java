package dev.tails.eval;

import dev.tails.TailsException;
import dev.tails.corpus.PartialJson;
import dev.tails.corpus.PartialKey;
import dev.tails.corpus.Variant;

import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The trees evaluation over some parts of its sentences, as sums: per variant and state the sum of the
 * sentences' F1 x 100, and how many sentences were scored. The mean F1 is a sum over sentences, so the
 * parts merge into the whole (within float rounding). The baselines need no model; every part computes
 * them over all sentences (the random trees draw from one seeded stream in sentence order), and merging
 * checks they agree. The {@link #result()} needs every part.
 */
public final class TreesPartial {
    /** The partial's kind in its file. */
    public static final String KIND = "eval-trees";

    private final PartialKey key;
    private final TreeSet<Integer> parts;
    private final int sentences;
    private int scored;
    private final Map<Variant, double[]> f1Sums;
    private final double rightBranching;
    private final double random;
    private EvalHeader header;

    TreesPartial(PartialKey key, TreeSet<Integer> parts, int sentences, int scored, Map<Variant, double[]> f1Sums,
                 double rightBranching, double random, EvalHeader header) {
        this.key = key;
        this.parts = parts;
        this.sentences = sentences;
        this.scored = scored;
        this.f1Sums = new EnumMap<>(f1Sums);
        this.rightBranching = rightBranching;
        this.random = random;
        this.header = header;
    }

    /**
     * Adds the sums of other parts of the same evaluation.
     *
     * @param other a partial of other parts (same model, data, settings and part count)
     * @return this partial
     * @throws TailsException naming what differs, or the part both hold
     */
    public TreesPartial merge(TreesPartial other) {
        key.checkSame(other.key, "trees partial");
        if (sentences != other.sentences || rightBranching != other.rightBranching || random != other.random) {
            throw new TailsException("trees partial: made from other data (" + other.sentences + " sentences, baselines "
                    + other.rightBranching + "/" + other.random + " vs " + sentences + ", " + rightBranching + "/" + random + ")");
        }
        ItemPart.refuseOverlap(parts, other.parts, key.intSetting("parts"), "trees partial");
        parts.addAll(other.parts);
        scored += other.scored;
        other.f1Sums.forEach((v, sums) -> {
            double[] mine = f1Sums.get(v);
            for (int s = 0; s < mine.length; s++) {
                mine[s] += sums[s];
            }
        });
        header = header.plus(other.header);
        return this;
    }

    /**
     * {@return the evaluation's result; its seconds are the parts' sum and its heap their largest}
     * @throws TailsException when a part is missing
     */
    public TreesEvaluation.Result result() {
        ItemPart.requireAll(parts, key.intSetting("parts"), "trees partial");
        if (scored != sentences) {
            throw new TailsException("trees partial: its parts scored " + scored + " of " + sentences + " sentences");
        }
        Map<Variant, double[]> f1 = new EnumMap<>(Variant.class);
        f1Sums.forEach((v, sums) -> {
            double[] mean = new double[sums.length];
            for (int s = 0; s < mean.length; s++) {
                mean[s] = sums[s] / sentences;
            }
            f1.put(v, mean);
        });
        return new TreesEvaluation.Result(header, sentences,
                distance(key), LayerScores.of(f1), rightBranching, random);
    }

    private static TreesEvaluation.Distance distance(PartialKey key) {
        try {
            return TreesEvaluation.Distance.valueOf(key.setting("distance"));
        } catch (IllegalArgumentException e) {
            throw new TailsException("trees partial: distance '" + key.setting("distance") + "' is not COSINE or L2", e);
        }
    }

    private record File(String format, String kind, String model, SortedMap<String, String> settings, TreeSet<Integer> parts,
                        int sentences, int scored, Map<Variant, double[]> f1Sums, double rightBranching, double random,
                        EvalHeader header) {
    }

    /** {@return this partial as JSON, doubles in their shortest exact form} */
    public String toJson() {
        return PartialJson.write(new File(key.format(), key.kind(), key.model(), key.settings(), parts, sentences,
                scored, f1Sums, rightBranching, random, header), true, "trees");
    }

    /**
     * Reads a partial written by {@link #toJson}.
     *
     * @param json the text
     * @return the partial
     * @throws TailsException when the text is not a trees partial of this format
     */
    public static TreesPartial fromJson(String json) {
        File f = PartialJson.read(json, File.class, "trees");
        PartialKey key = PartialKey.read(f.format(), f.kind(), f.model(), f.settings(), KIND);
        if (f.parts() == null || f.f1Sums() == null || f.header() == null) {
            throw new TailsException("trees partial: parts, header and the per-item values are required");
        }
        int states = key.intSetting("model.layers") + 1;
        f.f1Sums().forEach((v, sums) -> {
            if (sums == null || sums.length != states) {
                throw new TailsException("trees partial: f1Sums of " + v.label() + " must hold " + states + " states");
            }
        });
        String variants = String.join(",", f.f1Sums().keySet().stream().map(Variant::label).toList());
        if (!variants.equals(key.setting("variants"))) {
            throw new TailsException("trees partial: f1Sums hold " + variants + ", not the settings' variants "
                    + key.setting("variants"));
        }
        return new TreesPartial(key, new TreeSet<>(f.parts()), f.sentences(), f.scored(), f.f1Sums(), f.rightBranching(),
                f.random(), f.header());
    }
}
