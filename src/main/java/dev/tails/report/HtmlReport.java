package dev.tails.report;

import dev.tails.analysis.DimValue;
import dev.tails.analysis.MaskedLmResult;
import dev.tails.analysis.OutlierCounts;
import dev.tails.analysis.StudyResult;
import dev.tails.attribution.Attribution;
import dev.tails.attribution.UnitMean;
import dev.tails.probe.ProbeResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * index.html: one self-contained page (inline CSS and SVG, no script) with the study and the paper beside it,
 * and an empty evaluations section that ReportWriter fills.
 */
public final class HtmlReport {
    /** The layer whose per-dim probe contributions are drawn: an early one, where the paper's probes are near perfect. */
    private static final int PROBE_CHART_LAYER = 3;

    private HtmlReport() {
    }

    public static String render(StudyResult r, String command) {
        int tail = r.tails().tailDim();
        int last = r.run().states() - 1;
        StringBuilder html = new StringBuilder(Html.head("tails: " + r.run().model()));
        html.append("<h1>Tails of ").append(Html.escape(r.run().model())).append("</h1>");
        html.append("<p>Reproducing Luo, <i>Catch the &#39;Tails&#39; of BERT</i> (arXiv 2011.04393; ACL 2021: "
                + "<i>Positional Artefacts Propagate Through Masked Language Model Embeddings</i>).</p>");
        html.append("<p>Command: <code>").append(Html.escape(command)).append("</code></p>");
        html.append(Html.table(List.of("setting", "value"), List.of(
                List.of("texts", Integer.toString(r.run().texts())),
                List.of("token vectors per layer", Long.toString(r.run().tokens())),
                List.of("special tokens counted", Boolean.toString(r.run().settings().specialTokens())),
                List.of("seed", Long.toString(r.run().settings().seed())),
                List.of("tail dim (most often the minimum, layers 1-" + last + " pooled)", Integer.toString(tail)),
                List.of("clipped dims (min or max in >= " + pct(r.run().settings().outlierShare()) + " of vectors)", Arrays.toString(r.tails().clippedDims())))));

        html.append("<h2>Ours beside the paper</h2>");
        html.append(Html.table(List.of("claim", "paper (" + PaperClaims.TAIL_DIM_ARGMIN.model() + ")", "ours"), List.of(
                claim(PaperClaims.TAIL_DIM_ARGMIN, "dim " + tail + ": " + pct(r.tails().tailShare()) + " (layers 1-" + last + ")"),
                claim(PaperClaims.POSITION_EMBEDDING_0_ARGMIN, Integer.toString(r.origin().position0Argmin())),
                claim(PaperClaims.LAYER_NORM_1_GAMMA, ranks(r, 0, 3)),
                claim(PaperClaims.ANISOTROPY_AFTER_CLIPPING, change(r.geometry().anisotropy(), last)),
                claim(PaperClaims.SELF_SIMILARITY_AFTER_CLIPPING, "anisotropy-adjusted "
                        + change(r.geometry().selfSimilarityAdjusted(), last) + "; unadjusted " + change(r.geometry().selfSimilarity(), last)),
                claim(PaperClaims.POSITION_PROBES, probeClaim(r)))));
        html.append("<p>Paper: ").append(Html.escape(PaperClaims.TAIL_DIM_ARGMIN.paper())).append(".</p>");

        html.append("<h2>Outliers per layer</h2>");
        html.append(Html.table(List.of("layer", "argmin dim", "share", "argmax dim", "share", "top dims by mean |value|"),
                rows(r, s -> List.of(Integer.toString(s), dim(r.tails().counts().topArgmin(s)), share(r.tails().counts().topArgmin(s)),
                        dim(r.tails().counts().topArgmax(s)), share(r.tails().counts().topArgmax(s)), topAbs(r, s)))));
        html.append(SvgChart.bars("Share of layer-" + last + " vectors whose minimum is at each dim", r.tails().counts().argminShares(last), tail));
        html.append(SvgChart.bars("Average layer-" + last + " vector", r.tails().means().mean(last), tail));

        html.append("<h2>Origin</h2>");
        html.append("<p>Position embeddings whose argmin is dim ").append(tail).append(": ")
                .append(pct(r.origin().tailArgminShare())).append(" of ").append(r.origin().positions())
                .append("; position 0: argmin ").append(r.origin().position0Argmin()).append(", argmax ")
                .append(r.origin().position0Argmax()).append(".</p>");
        html.append(SvgChart.bars("Position embedding 0", toDouble(r.origin().position0()), tail));
        html.append("<p>Rank of dim ").append(tail).append(" in each LayerNorm (1 = largest |value| of ")
                .append(r.run().hidden()).append(").</p>");
        html.append(Html.table(List.of("LayerNorm", "gamma rank", "gamma", "beta rank", "beta"),
                r.origin().normRanks().stream().map(n -> List.of(n.norm(), Integer.toString(n.gammaRank()), num(n.gamma()),
                        Integer.toString(n.betaRank()), num(n.beta()))).toList()));
        html.append(attribution(r));

        html.append("<h2>Interventions in the graph</h2><p>Share of vectors whose minimum is the top dim, per layer: raw; "
                + "clipped only in the final vectors (the paper); position embeddings zeroed (<code>embed.hook_pos_embed</code>); "
                + "clipped dims zeroed at every block output as they flow on "
                + "(<code>blocks.L.hook_normalized_resid_post</code>).</p>");
        html.append(Html.table(List.of("layer", "raw", "clipped in final vectors", "position embeddings zeroed", "zeroed in flow"),
                rows(r, s -> List.of(Integer.toString(s), argmin(r.tails().counts(), s), argmin(r.interventions().clippedAfter(), s),
                        argmin(r.interventions().positionsZeroed(), s), argmin(r.interventions().zeroedInFlow(), s)))));

        html.append("<h2>Geometry, raw vs clipped</h2><p>Anisotropy: mean cosine of ").append(r.geometry().anisotropyPairs())
                .append(" random token pairs from up to ").append(r.run().settings().geometrySentences())
                .append(" random sentences. Self-similarity: Ethayarajh's mean cosine over all pairs of a word's vectors, "
                        + "over ").append(r.geometry().selfSimilarityWords()).append(" words seen in at least ")
                .append(r.run().settings().minSentencesPerWord()).append(" sentences (whole-word tokens). Intra-sentence: mean cosine "
                        + "of a sentence's tokens to their mean. <i>Adjusted</i> subtracts the layer's anisotropy in the same "
                        + "(raw or clipped) space, as Ethayarajh (2019) does; the paper follows Ethayarajh without saying "
                        + "which form it plots. Clipping lowers every cosine, so the unadjusted means can fall while the "
                        + "adjusted ones rise.</p>");
        html.append(Html.table(List.of("layer", "anisotropy raw", "clipped", "self-similarity raw", "clipped",
                        "adjusted raw", "clipped", "intra-sentence raw", "clipped", "adjusted raw", "clipped"),
                rows(r, s -> List.of(Integer.toString(s), num(r.geometry().anisotropy().raw()[s]), num(r.geometry().anisotropy().clipped()[s]),
                        num(r.geometry().selfSimilarity().raw()[s]), num(r.geometry().selfSimilarity().clipped()[s]),
                        num(r.geometry().selfSimilarityAdjusted().raw()[s]), num(r.geometry().selfSimilarityAdjusted().clipped()[s]),
                        num(r.geometry().intraSentence().raw()[s]), num(r.geometry().intraSentence().clipped()[s]),
                        num(r.geometry().intraSentenceAdjusted().raw()[s]), num(r.geometry().intraSentenceAdjusted().clipped()[s])))));
        html.append(SvgChart.lines("Anisotropy and anisotropy-adjusted self-similarity per layer",
                List.of("anisotropy raw", "anisotropy clipped", "adjusted self-sim raw", "adjusted self-sim clipped"),
                List.of(r.geometry().anisotropy().raw(), r.geometry().anisotropy().clipped(), r.geometry().selfSimilarityAdjusted().raw(),
                        r.geometry().selfSimilarityAdjusted().clipped()), true));
        html.append(probes(r));
        html.append(experiments(r));
        // Filled by ReportWriter from the eval/ results beside the page.
        html.append(EvaluationSection.START).append(EvaluationSection.END);
        return html.append("</body></html>\n").toString();
    }

    private static String probeClaim(StudyResult r) {
        if (r.probes() == null) {
            return "skipped (--no-probes)";
        }
        List<String> out = new ArrayList<>();
        for (int s = 1; s <= 3 && s < r.run().states(); s++) {
            out.add("layer " + s + ": " + pct(r.probes().layers().get(s).accuracy()));
        }
        return String.join(", ", out);
    }

    private static String probes(StudyResult r) {
        ProbeResult p = r.probes();
        if (p == null) {
            return "<h2>Position probes</h2><p>Skipped (<code>--no-probes</code>).</p>";
        }
        int[] dims = r.tails().clippedDims();
        int shown = Math.min(PROBE_CHART_LAYER, r.run().states() - 1);
        List<String> header = new ArrayList<>(List.of("layer", "accuracy", "mean c over all dims"));
        for (int d : dims) {
            header.add("c(" + d + ")");
            header.add("c(" + d + ") / mean");
        }
        header.add("top dims by c");
        List<List<String>> rows = new ArrayList<>();
        for (ProbeResult.Layer layer : p.layers()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(layer.state()), pct(layer.accuracy()),
                    num(layer.meanContribution())));
            for (int d : dims) {
                row.add(num(layer.contribution()[d]));
                row.add(String.format(Locale.ROOT, "%.1f", layer.ratio(d)));
            }
            row.add(String.join(", ", layer.top(5).stream().map(u -> u.index() + " (" + num(u.mean()) + ")").toList()));
            rows.add(row);
        }
        return "<h2>Position probes</h2><p>Per hidden state, a linear classifier without bias from the raw vector to "
                + "the token's position (" + p.classes() + " classes; positions from 300 on left out), trained with "
                + "cross-entropy and " + p.settings().training().optimizer().describe() + ", batch "
                + p.settings().training().batchSize() + ", " + p.settings().training().epochs()
                + " epochs, on " + p.trainTokens() + " tokens of " + p.trainSentences() + " corpus sentences; scored on "
                + p.devTokens() + " tokens of " + p.devSentences() + " texts (" + Html.escape(p.settings().devName())
                + "). Contribution of dim d: c(d) = mean over dev tokens of |W[y, d] v<sub>d</sub>| with y the true "
                + "position: the paper does not say which class's weight it takes.</p>"
                + Html.table(header, rows)
                + SvgChart.lines("Probe accuracy on dev tokens per layer", List.of("accuracy"), List.of(p.accuracies()), true)
                + SvgChart.bars("Contribution c(d) of each dim to the layer-" + shown + " probe", p.layers().get(shown).contribution(),
                r.tails().tailDim());
    }

    private static String experiments(StudyResult r) {
        StudyResult.Experiments e = r.experiments();
        StringBuilder out = new StringBuilder("<h2>Outlier dims and the masked LM</h2>");
        MaskedLmResult m = e.maskedLm();
        if (m == null) {
            out.append("<p>Masked-LM experiment not run (the model has no masked-LM head, or <code>--no-mlm</code>).</p>");
        } else {
            out.append("<p>").append(m.texts()).append(" corpus texts drawn with seed ").append(m.seed()).append("; ")
                    .append(pct(m.maskRate())).append(" of each text's non-special tokens (at least one) replaced by the "
                            + "mask token, all of them (no 80/10/10): ").append(m.maskedTokens()).append(" masked tokens. "
                            + "Accuracy: the argmax of the logits is the original token; loss: mean cross-entropy in nats; "
                            + "perplexity e<sup>loss</sup>. Zeroed in flow: the dims zeroed at every block output "
                            + "(<code>blocks.L.hook_normalized_resid_post</code>). LayerNorm: their gamma and beta zeroed in "
                            + "every LayerNorm of the encoder (embeddings and both of each block), as Kovaleva et al. (2021) "
                            + "disable outliers. Random control: the mean over draws of as many random non-outlier dims. ")
                    .append(String.format(Locale.ROOT, "%.0f s.", m.seconds())).append("</p>");
            out.append(Html.table(List.of("condition", "dims", "accuracy", "loss", "perplexity"),
                    m.conditions().stream().map(c -> List.of(c.description(), dims(c.dims()), pct(c.accuracy()),
                            num(c.loss()), String.format(Locale.ROOT, "%.2f", c.perplexity()))).toList()));
            out.append("<p>What the papers state, quoted from the sources found (their tables were not available):</p>");
            out.append(Html.table(List.of("paper", "model", "dims", "ablation", "statement", "source"),
                    PaperClaims.OUTLIER_ABLATION.stream().map(q -> List.of(q.paper(), q.model(), q.dims(), q.ablation(),
                            q.statement(), q.source())).toList()));
        }
        out.append("<p>Outlier measures of Bondarenko et al. (2023) per hidden state: each dim's kurtosis over the "
                + "counted token vectors (Pearson's m4/m2<sup>2</sup>, 3 for a normal distribution) and its max |value|.</p>");
        out.append(Html.table(List.of("layer", "top dims by kurtosis", "top dims by max |value|"),
                e.outlierMeasures().layers().stream().map(l -> List.of(Integer.toString(l.layer()), dimValues(l.topKurtosis()),
                        dimValues(l.topMaxAbs()))).toList()));
        out.append("<p>Timkey and van Schijndel (2021): the expected cosine of two token vectors (exact over all pairs "
                + "of distinct counted tokens) is the sum over dims of E[u<sub>i</sub>v<sub>i</sub>/(|u||v|)]; the share "
                + "of a dim is its term over the sum. Standardized: each dim minus its corpus mean, over its std.</p>");
        out.append(Html.table(List.of("layer", "E[cos] raw", "top dims by share", "E[cos] standardized", "top dims by share"),
                e.cosineShares().layers().stream().map(l -> List.of(Integer.toString(l.layer()), num(l.expectedCosine()),
                        dimValues(l.topShares()), num(l.standardizedExpectedCosine()),
                        dimValues(l.standardizedTopShares()))).toList()));
        return out.toString();
    }

    private static String dimValues(List<DimValue> values) {
        return String.join(", ", values.stream().map(v -> v.dim() + " (" + String.format(Locale.ROOT, "%.3g", v.value()) + ")").toList());
    }

    private static String dims(int[] dims) {
        return dims.length == 0 ? "-" : Arrays.toString(dims);
    }

    private static String attribution(StudyResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (Attribution a : r.attribution()) {
            rows.add(List.of(Integer.toString(a.layer()), num(a.value()), units(a.neurons(), a::neuronShare),
                    units(a.heads(), a::headShare)));
        }
        var e = r.attribution().getFirst();
        return "<p>Exact attribution of dim " + r.tails().tailDim() + " (LayerNorm frozen per token): hidden state 0 is "
                + "word " + pct(e.embeddingShare(e.embedding().word())) + ", position "
                + pct(e.embeddingShare(e.embedding().position())) + ", token type "
                + pct(e.embeddingShare(e.embedding().tokenType())) + " of what the lookups put in (beyond beta). "
                + "Per block, the top FFN neurons (share of the block output beyond beta) and heads (share of "
                + "LayerNorm 1's output beyond beta):</p>"
                + Html.table(List.of("block", "mean value", "top neurons (share)", "top heads (share)"), rows);
    }

    private static String units(List<UnitMean> units, Function<UnitMean, Double> share) {
        return String.join(", ", units.stream().map(u -> u.index() + " (" + pct(share.apply(u)) + ")").toList());
    }

    private static List<List<String>> rows(StudyResult r, Function<Integer, List<String>> row) {
        List<List<String>> rows = new ArrayList<>();
        for (int s = 0; s < r.run().states(); s++) {
            rows.add(row.apply(s));
        }
        return rows;
    }

    private static String ranks(StudyResult r, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int b = from; b < to && b < r.run().states() - 1; b++) {
            out.add("block " + b + ": rank " + r.origin().normRanks().get(1 + 2 * b).gammaRank());
        }
        return "dim " + r.tails().tailDim() + " " + String.join(", ", out);
    }

    /** One row of the comparison: what the paper's experiment measured, its number, ours. */
    private static List<String> claim(PaperClaims claim, String ours) {
        return List.of(claim.where(), claim.statement(), ours);
    }

    private static String change(StudyResult.Similarity g, int last) {
        return String.format(Locale.ROOT, "layer %d: %s -> %s", last, num(g.raw()[last]), num(g.clipped()[last]));
    }

    private static String topAbs(StudyResult r, int s) {
        return String.join(", ", r.tails().means().topByMeanAbs(s, 3).stream().map(u -> u.index() + " (" + num(u.mean()) + ")").toList());
    }

    private static String argmin(OutlierCounts counts, int s) {
        return dim(counts.topArgmin(s)) + " " + share(counts.topArgmin(s));
    }

    private static String dim(OutlierCounts.DimShare d) {
        return Integer.toString(d.dim());
    }

    private static String share(OutlierCounts.DimShare d) {
        return pct(d.fraction());
    }

    static String pct(double f) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * f);
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
