package dev.tails.report;

import dev.tails.TailsException;
import dev.tails.corpus.Variant;
import dev.tails.eval.EvalResult;
import dev.tails.eval.LayerScores;
import dev.tails.eval.SstProbeEvaluation;
import dev.tails.eval.StsEvaluation;
import dev.tails.eval.TreesEvaluation;
import dev.tails.eval.WicEvaluation;
import dev.tails.eval.WsdEvaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The report's "Evaluations" section, rendered from the results files the `tails eval` commands leave
 * in the report folder's eval/ subfolder, so a study and its evaluations can run in any order. Each
 * file is read back into its result record; one that is not (an unknown task, an older layout) is
 * listed by name.
 */
final class EvaluationSection {
    static final String START = "<!-- evaluations -->";
    static final String END = "<!-- /evaluations -->";
    private static final List<Variant> VARIANTS = List.of(Variant.values());
    private static final String NOT_STATED = "not stated";

    private EvaluationSection() {
    }

    /** One line of the summary table: a measure, the paper's claim and ours per variant. */
    private record Row(String evaluation, String measure, String paper, List<String> ours) {
    }

    /** The rows and charts of the section, and the paper's claims they quote. */
    private record Parts(List<Row> rows, StringBuilder charts, Set<PaperClaims> claims) {
        void add(String evaluation, String measure, PaperClaims claim, List<String> ours) {
            claims.add(claim);
            rows.add(new Row(evaluation, measure, claim.statement(), ours));
        }
    }

    static String render(Path reportDir) {
        List<Path> files = list(reportDir.resolve("eval"));
        StringBuilder html = new StringBuilder(START).append("<h2>Evaluations</h2>");
        if (files.isEmpty()) {
            return html.append("<p>None yet: run <code>./tails eval wic|sts|wsd|trees|probe</code>; each writes its "
                    + "results into <code>eval/</code> beside this page and adds them here.</p>").append(END).toString();
        }
        html.append("<p>Best layer per variant (hidden state L: 0 = embeddings). <i>clipped-after</i> zeroes the clip "
                + "dims in the final vectors, as the paper did; <i>clipped-in-graph</i> zeroes them at every block output "
                + "as they flow on. Paper numbers are bert-base-cased where the paper states them.</p>");
        Parts parts = new Parts(new ArrayList<>(), new StringBuilder(), EnumSet.noneOf(PaperClaims.class));
        List<String> costs = new ArrayList<>();
        for (Path file : files) {
            EvalResult result;
            try {
                result = EvalResult.read(file);
            } catch (TailsException e) {
                parts.rows().add(new Row(file.getFileName().toString(), "(not rendered: unknown task or older layout)", "", List.of()));
                continue;
            }
            switch (result) {
                case WicEvaluation.Result r -> wic(r, parts);
                case StsEvaluation.Result r -> sts(r, parts);
                case TreesEvaluation.Result r -> trees(r, parts);
                case SstProbeEvaluation.Result r -> probe(r, parts);
                case WsdEvaluation.Result r -> wsd(r, parts);
            }
            costs.add(String.format(Locale.ROOT, "%s %.1f s, %d MB heap", result.fileName(),
                    result.header().seconds(), result.header().heapUsedMb()));
        }
        List<String> header = new ArrayList<>(List.of("evaluation", "measure", "paper raw → clipped"));
        VARIANTS.forEach(v -> header.add(v.label()));
        html.append(Html.table(header, parts.rows().stream().map(EvaluationSection::cells).toList()));
        html.append("<p>Paper: ").append(Html.escape(String.join("; ", parts.claims().stream()
                .map(PaperClaims::source).toList()))).append(".</p>");
        html.append("<p>Time and memory per run: ").append(Html.escape(String.join("; ", costs))).append(".</p>");
        return html.append(parts.charts()).append(END).toString();
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>(List.of(row.evaluation(), row.measure(), row.paper()));
        cells.addAll(row.ours());
        while (cells.size() < 3 + VARIANTS.size()) {
            cells.add("");
        }
        return cells;
    }

    private static void wic(WicEvaluation.Result r, Parts parts) {
        parts.add("WiC train (" + r.trainPairs() + " pairs)", "accuracy % of the best layer and threshold", PaperClaims.WIC_TRAIN,
                perVariant(r.choices(), c -> String.format(Locale.ROOT, "%.2f (L%d, %.1f)", 100 * c.chosenOnTrain().accuracy(),
                        c.chosenOnTrain().layer(), c.chosenOnTrain().threshold())));
        if (r.bestThresholdAccuracyPerLayer() == null) {
            return;
        }
        if (!r.split().equals("train")) {
            parts.rows().add(new Row("WiC " + r.split() + " (" + r.pairs() + " pairs)", "accuracy % with train's layer and threshold",
                    NOT_STATED, perVariant(r.choices(), c -> String.format(Locale.ROOT, "%.2f", 100 * c.accuracyOfTrainChoice()))));
        }
        chart(parts, "WiC " + r.split() + ": accuracy % of each layer's best threshold", r.bestThresholdAccuracyPerLayer());
    }

    private static void sts(StsEvaluation.Result r, Parts parts) {
        String measure = "Spearman ×100 (mean of sub-token vectors, [CLS]/[SEP] " + (r.withSpecial() ? "included" : "excluded") + ")";
        r.sets().forEach((set, s) -> {
            String name = set.toUpperCase(Locale.ROOT);
            switch (set) {
                case "sts-b" -> parts.add(name, measure, PaperClaims.STS_B, best(s.spearman()));
                case "sick-r" -> parts.add(name, measure, PaperClaims.SICK_R, best(s.spearman()));
                default -> parts.rows().add(new Row(name, measure, NOT_STATED, best(s.spearman())));
            }
            chart(parts, name + ": Spearman ×100 per layer", s.spearman());
        });
    }

    private static void trees(TreesEvaluation.Result r, Parts parts) {
        String baselines = String.format(Locale.ROOT, "right-branching %.2f, random %.2f", r.rightBranching(), r.random());
        parts.add("Trees (" + r.sentences() + " PTB sentences, " + r.distance() + ")", "sentence-level F1 ×100; " + baselines,
                PaperClaims.TREES, best(r.f1()));
        chart(parts, "Trees: F1 ×100 per layer (" + baselines + ")", r.f1());
    }

    private static void probe(SstProbeEvaluation.Result r, Parts parts) {
        String task = r.probeTask().toUpperCase(Locale.ROOT);
        parts.add(task + " probe (" + r.trainTexts() + " train texts)", r.evalSplit() + " accuracy %", PaperClaims.SST_PROBES,
                best(r.accuracy()));
        chart(parts, task + " probe: " + r.evalSplit() + " accuracy % per layer", r.accuracy());
    }

    private static void wsd(WsdEvaluation.Result r, Parts parts) {
        r.sets().forEach((set, s) -> parts.add("WSD " + set, String.format(Locale.ROOT,
                "F1 ×100, 1-NN on SemCor sense vectors; WordNet first sense %.2f", s.firstSenseF1()), PaperClaims.WSD, best(s.f1())));
        WsdEvaluation.SetResult all = r.sets().get("ALL");
        if (all != null) {
            chart(parts, "WSD ALL: F1 ×100 per layer", all.f1());
        }
    }

    /** "best (Lx)" per variant. */
    private static List<String> best(Map<Variant, LayerScores> scores) {
        return perVariant(scores, s -> String.format(Locale.ROOT, "%.2f (L%d)", s.best(), s.bestLayer()));
    }

    /** A cell per variant of the table, empty for a variant that was not run. */
    private static <T> List<String> perVariant(Map<Variant, T> byVariant, Function<T, String> cell) {
        return VARIANTS.stream().map(v -> byVariant.containsKey(v) ? cell.apply(byVariant.get(v)) : "").toList();
    }

    private static void chart(Parts parts, String title, Map<Variant, LayerScores> scores) {
        List<String> names = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        scores.forEach((v, s) -> {
            names.add(v.label());
            series.add(s.perLayer());
        });
        if (!series.isEmpty()) {
            parts.charts().append(SvgChart.lines(title, names, series, false));
        }
    }

    /** The results files in file-name order, so the section does not depend on the directory's order. */
    private static List<Path> list(Path evalDir) {
        if (!Files.isDirectory(evalDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(evalDir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new TailsException(evalDir + ": cannot list the evaluation results: " + e.getMessage(), e);
        }
    }
}
