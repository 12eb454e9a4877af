package dev.tails.cli;

import dev.tails.corpus.Variant;
import dev.tails.eval.EvalHeader;
import dev.tails.eval.EvalResult;
import dev.tails.eval.LayerScores;
import dev.tails.eval.SstProbeEvaluation;
import dev.tails.eval.StsEvaluation;
import dev.tails.eval.TreesEvaluation;
import dev.tails.eval.WicEvaluation;
import dev.tails.eval.WsdEvaluation;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What `tails eval` prints of a result: a table of scores per layer and variant, and the task's own lines. */
final class EvalPrinter {
    private EvalPrinter() {
    }

    static void print(EvalResult result, PrintStream out) {
        switch (result) {
            case WicEvaluation.Result r -> wic(r, out);
            case StsEvaluation.Result r -> r.sets().forEach((set, s) -> table(set + ": Spearman x100"
                    + (s.subsets().size() > 1 ? ", mean of " + s.subsets().size() + " subsets" : "")
                    + " (" + s.pairs() + " pairs)", s.spearman(), out));
            case TreesEvaluation.Result r -> {
                table("trees: sentence-level F1 x100 over " + r.sentences() + " sentences, " + r.distance() + " distance",
                        r.f1(), out);
                out.printf(Locale.ROOT, "baselines: right-branching %.2f, random %.2f (seed %d)%n",
                        r.rightBranching(), r.random(), r.header().seed());
            }
            case SstProbeEvaluation.Result r -> table(r.probeTask() + " probe: " + r.evalSplit() + " accuracy % ("
                    + r.trainTexts() + " train texts, " + r.epochs() + " epochs, seed " + r.header().seed() + ")", r.accuracy(), out);
            case WsdEvaluation.Result r -> wsd(r, out);
        }
        EvalHeader h = result.header();
        out.printf(Locale.ROOT, "time %.1f s, heap in use at the end %d MB%n", h.seconds(), h.heapUsedMb());
    }

    private static void wic(WicEvaluation.Result r, PrintStream out) {
        if (r.bestThresholdAccuracyPerLayer() != null) {
            table("WiC " + r.split() + " (" + r.pairs() + " pairs): accuracy % of each layer's best threshold on "
                    + r.split(), r.bestThresholdAccuracyPerLayer(), out);
        }
        r.choices().forEach((variant, c) -> {
            WicEvaluation.Choice train = c.chosenOnTrain();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "%-17s chosen on train: layer %2d, threshold %.1f (train %.2f%%)",
                    variant.label(), train.layer(), train.threshold(), 100 * train.accuracy()));
            if (c.bestOnSplit() != null) {
                WicEvaluation.Choice best = c.bestOnSplit();
                line.append(String.format(Locale.ROOT, " -> %s %.2f%%; best on %s: layer %2d, threshold %.1f, %.2f%%",
                        r.split(), 100 * c.accuracyOfTrainChoice(), r.split(), best.layer(), best.threshold(),
                        100 * best.accuracy()));
            }
            out.println(line);
        });
    }

    private static void wsd(WsdEvaluation.Result r, PrintStream out) {
        r.training().forEach((v, t) -> out.printf(Locale.ROOT,
                "%-17s %d SemCor sentences run, %d tags used (%d cut), %d senses seen, sums %d MB%n",
                v.label(), t.sentencesRun(), t.tagsUsed(), t.tagsCutByTruncation(), t.sensesSeen(), t.senseVectorMb()));
        r.sets().forEach((set, s) -> table(String.format(Locale.ROOT, "WSD %s (%d instances): F1 %% per layer; "
                + "WordNet first sense %.2f", set, s.instances(), s.firstSenseF1()), s.f1(), out));
    }

    /** The title, a row per layer with a column per variant, and the best layer of each. */
    static void table(String title, Map<Variant, LayerScores> scores, PrintStream out) {
        List<Variant> variants = List.copyOf(scores.keySet());
        out.println(title);
        StringBuilder header = new StringBuilder("layer");
        variants.forEach(v -> header.append(String.format(Locale.ROOT, "  %16s", v.label())));
        out.println(header);
        int states = scores.get(variants.getFirst()).perLayer().length;
        for (int s = 0; s < states; s++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%5d", s));
            for (Variant v : variants) {
                row.append(String.format(Locale.ROOT, "  %16.2f", scores.get(v).perLayer()[s]));
            }
            out.println(row);
        }
        StringBuilder best = new StringBuilder(" best");
        for (Variant v : variants) {
            best.append(String.format(Locale.ROOT, "  %10.2f (L%2d)", scores.get(v).best(), scores.get(v).bestLayer()));
        }
        out.println(best);
        out.println();
    }
}
