package dev.tails.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The report's "Evaluations" section, rendered from the results files the `tails eval` commands leave
 * in the report folder's eval/ subfolder, so a study and its evaluations can run in any order.
 * Each task's file is read by the layout its command writes; a file of an unknown task is listed by name.
 */
final class EvaluationSection {
    static final String START = "<!-- evaluations -->";
    static final String END = "<!-- /evaluations -->";
    private static final List<String> VARIANTS = List.of("raw", "clipped-after", "clipped-in-graph");

    private EvaluationSection() {
    }

    /** One line of the summary table: a measure, the paper's numbers as text and ours per variant. */
    private record Row(String evaluation, String measure, String paper, List<String> ours) {
    }

    static String render(Path reportDir) {
        List<JsonNode> files = read(reportDir.resolve("eval"));
        StringBuilder html = new StringBuilder(START).append("<h2>Evaluations</h2>");
        if (files.isEmpty()) {
            return html.append("<p>None yet: run <code>./tails eval wic|sts|wsd|trees|probe</code>; each writes its "
                    + "results into <code>eval/</code> beside this page and adds them here.</p>").append(END).toString();
        }
        html.append("<p>Best layer per variant (hidden state L: 0 = embeddings). <i>clipped-after</i> zeroes the clip "
                + "dims in the final vectors, as the paper did; <i>clipped-in-graph</i> zeroes them at every block output "
                + "as they flow on. Paper numbers are bert-base-cased where the paper states them.</p>");
        List<Row> rows = new ArrayList<>();
        StringBuilder charts = new StringBuilder();
        for (JsonNode file : files) {
            switch (file.path("task").asText()) {
                case "wic" -> wic(file, rows, charts);
                case "sts" -> sts(file, rows, charts);
                case "trees" -> trees(file, rows, charts);
                case "probe" -> probe(file, rows, charts);
                case "wsd" -> wsd(file, rows, charts);
                default -> rows.add(new Row(file.path("task").asText("?"), "(not rendered: unknown task)", "", List.of()));
            }
        }
        List<String> header = new ArrayList<>(List.of("evaluation", "measure", "paper raw → clipped"));
        header.addAll(VARIANTS);
        html.append(Html.table(header, rows.stream().map(EvaluationSection::cells).toList()));
        html.append("<p>Time and memory per run: ");
        html.append(String.join("; ", files.stream().map(f -> String.format(Locale.ROOT, "%s %s s, %s MB heap",
                name(f), f.path("seconds").asText("?"), f.path("heapUsedMb").asText("?"))).toList()));
        return html.append(".</p>").append(charts).append(END).toString();
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>(List.of(row.evaluation(), row.measure(), row.paper()));
        cells.addAll(row.ours());
        while (cells.size() < 3 + VARIANTS.size()) {
            cells.add("");
        }
        return cells;
    }

    private static void wic(JsonNode f, List<Row> rows, StringBuilder charts) {
        String split = f.path("split").asText();
        JsonNode choices = f.path("choices");
        rows.add(new Row("WiC train (" + f.path("trainPairs").asInt() + " pairs)", "accuracy % of the best layer and threshold",
                "67.5 (L7, 0.7) → 68.4 (L10, 0.5)", perVariant(choices, c -> c.has("chosenOnTrain")
                        ? String.format(Locale.ROOT, "%.2f (L%d, %.1f)", 100 * c.path("chosenOnTrain").path("accuracy").asDouble(),
                        c.path("chosenOnTrain").path("layer").asInt(), c.path("chosenOnTrain").path("threshold").asDouble()) : "")));
        if (!split.equals("train") && f.has("bestThresholdAccuracyPerLayer")) {
            rows.add(new Row("WiC " + split + " (" + f.path("pairs").asInt() + " pairs)", "accuracy % with train's layer and threshold",
                    "not stated", perVariant(choices, c -> c.has("accuracyOfTrainChoice")
                            ? String.format(Locale.ROOT, "%.2f", 100 * c.path("accuracyOfTrainChoice").asDouble()) : "")));
        }
        if (f.has("bestThresholdAccuracyPerLayer")) {
            charts.append(chart("WiC " + split + ": accuracy % of each layer's best threshold", f.path("bestThresholdAccuracyPerLayer")));
        }
    }

    private static void sts(JsonNode f, List<Row> rows, StringBuilder charts) {
        for (Iterator<String> sets = f.path("results").fieldNames(); sets.hasNext(); ) {
            String set = sets.next();
            JsonNode scores = f.path("results").path(set).path("spearman");
            String paper = switch (set) {
                case "sts-b" -> "58.61 → 63.06";
                case "sick-r" -> "60.78 → 61.74";
                default -> "not quoted";
            };
            rows.add(new Row(set.toUpperCase(Locale.ROOT), "Spearman ×100 (" + f.path("pooling").asText() + ")", paper, best(scores)));
            charts.append(chart(set.toUpperCase(Locale.ROOT) + ": Spearman ×100 per layer", scores));
        }
    }

    private static void trees(JsonNode f, List<Row> rows, StringBuilder charts) {
        String baselines = String.format(Locale.ROOT, "right-branching %.2f, random %.2f",
                f.path("rightBranching").asDouble(), f.path("random").asDouble());
        rows.add(new Row("Trees (" + f.path("sentences").asInt() + " PTB sentences, " + f.path("distance").asText()
                + ")", "sentence-level F1 ×100; " + baselines, "clipping helps (numbers not quoted)", best(f.path("f1"))));
        charts.append(chart("Trees: F1 ×100 per layer (" + baselines + ")", f.path("f1")));
    }

    private static void probe(JsonNode f, List<Row> rows, StringBuilder charts) {
        String task = f.path("probeTask").asText().toUpperCase(Locale.ROOT);
        rows.add(new Row(task + " probe (" + f.path("trainTexts").asInt() + " train texts)",
                f.path("evalSplit").asText() + " accuracy %", "clipping changes it by ≤ 0.5 points", best(f.path("accuracy"))));
        charts.append(chart(task + " probe: " + f.path("evalSplit").asText() + " accuracy % per layer", f.path("accuracy")));
    }

    private static void wsd(JsonNode f, List<Row> rows, StringBuilder charts) {
        for (Iterator<String> sets = f.path("f1").fieldNames(); sets.hasNext(); ) {
            String set = sets.next();
            rows.add(new Row("WSD " + set, "F1 ×100, 1-NN on SemCor sense vectors", "clipping helps (numbers not quoted)",
                    best(f.path("f1").path(set))));
            if (set.equals("ALL")) {
                charts.append(chart("WSD ALL: F1 ×100 per layer", f.path("f1").path(set)));
            }
        }
    }

    /** "best (Lx)" per variant from a LayerScores JSON map. */
    private static List<String> best(JsonNode scores) {
        return perVariant(scores, s -> String.format(Locale.ROOT, "%.2f (L%d)", s.path("best").asDouble(), s.path("bestLayer").asInt()));
    }

    private static List<String> perVariant(JsonNode byVariant, java.util.function.Function<JsonNode, String> cell) {
        return VARIANTS.stream().map(v -> byVariant.has(v) ? cell.apply(byVariant.path(v)) : "").toList();
    }

    private static String chart(String title, JsonNode scores) {
        List<String> names = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        for (String v : VARIANTS) {
            if (scores.has(v)) {
                names.add(v);
                JsonNode perLayer = scores.path(v).path("perLayer");
                double[] values = new double[perLayer.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = perLayer.get(i).asDouble();
                }
                series.add(values);
            }
        }
        return series.isEmpty() ? "" : SvgChart.lines(title, names, series, false);
    }

    private static String name(JsonNode f) {
        return f.path("task").asText() + (f.has("probeTask") ? " " + f.path("probeTask").asText() : "");
    }

    /** The results files in file-name order, so the section does not depend on the directory's order. */
    private static List<JsonNode> read(Path evalDir) {
        if (!Files.isDirectory(evalDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(evalDir)) {
            List<JsonNode> nodes = new ArrayList<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                nodes.add(parse(p));
            }
            return nodes;
        } catch (IOException e) {
            throw new TailsException(evalDir + ": cannot list the evaluation results: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new TailsException(file + ": not a readable evaluation results file: " + e.getMessage(), e);
        }
    }
}
