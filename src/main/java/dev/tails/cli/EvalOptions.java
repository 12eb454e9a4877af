package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;
import dev.tails.io.Json;
import dev.tails.model.Model;
import dev.tails.report.ReportWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What every `tails eval` task shares: the model, the clip dims, the variants, the JSON file, a seed and a limit. */
final class EvalOptions {
    /** The paper's outlier dim of bert-base-cased; other models must name theirs. */
    private static final Map<String, List<Integer>> KNOWN_CLIP_DIMS = Map.of("bert-base-cased", List.of(557));

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--clip-dims", split = ",", paramLabel = "D",
            description = "Dims to zero (default 557 for bert-base-cased; required for other models).")
    List<Integer> clipDims;

    @Option(names = "--variants", split = ",", paramLabel = "V",
            defaultValue = "raw,clipped-after,clipped-in-graph",
            description = "Any of raw, clipped-after, clipped-in-graph (default: ${DEFAULT-VALUE}); "
                    + "clipped-in-graph costs a second forward pass.")
    List<String> variants;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Use only the first N items of each data file (0 = all).")
    int limit;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to this file.")
    Path json;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Report folder: the results go to DIR/eval/<task>.json and into DIR/index.html's "
                    + "evaluations section (default: reports/<model>/).")
    Path report;

    private final long startNanos = System.nanoTime();

    Model load() {
        return modelOptions.load(modelOptions.folderFetchingIfMissing());
    }

    CorpusRunner runner(Model model) {
        return modelOptions.runner(model);
    }

    Clip clip(Model model) {
        String name = model.folder().getFileName().toString();
        List<Integer> dims = clipDims != null ? clipDims : KNOWN_CLIP_DIMS.get(name);
        if (dims == null) {
            throw new TailsException("--clip-dims is required for model " + name
                    + " (only bert-base-cased has a default, 557)");
        }
        return Clip.of(model.config().hiddenSize(), dims.stream().mapToInt(Integer::intValue).toArray());
    }

    Set<Variant> variants() {
        Set<Variant> set = EnumSet.noneOf(Variant.class);
        variants.forEach(label -> set.add(variantNamed(label)));
        return set;
    }

    Variant variantNamed(String label) {
        return Arrays.stream(Variant.values()).filter(v -> v.label().equals(label.trim())).findFirst()
                .orElseThrow(() -> new TailsException("unknown variant '" + label
                        + "' (raw, clipped-after, clipped-in-graph)"));
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The fields every results file starts with. */
    Map<String, Object> header(String task, Model model) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("task", task);
        fields.put("model", model.folder().getFileName().toString());
        fields.put("clipDims", clip(model).dims());
        fields.put("variants", variants().stream().map(Variant::label).toList());
        fields.put("limit", limit);
        fields.put("seed", seed);
        fields.put("layers", "hidden state index: 0 = embeddings, L = output of block L-1");
        return fields;
    }

    /** Prints the time and heap used, adds the results to the report (as eval/TASK.json) and writes --json if asked for. */
    void finish(Map<String, Object> fields) {
        finish(fields, fields.get("task").toString());
    }

    /** As finish(fields), the results file named NAME.json (tasks with several datasets, e.g. probe-sst2). */
    void finish(Map<String, Object> fields, String name) {
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        fields.put("seconds", Math.round(seconds() * 10) / 10.0);
        fields.put("heapUsedMb", heapMb);
        System.out.printf(Locale.ROOT, "time %.1f s, heap in use at the end %d MB%n", seconds(), heapMb);
        Path dir = report != null ? report : Path.of("reports", fields.get("model").toString());
        System.out.println("report: " + ReportWriter.addEvaluation(dir, name, fields));
        if (json != null) {
            try {
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), fields);
            } catch (IOException e) {
                throw new TailsException(json + ": cannot write the results JSON: " + e.getMessage(), e);
            }
        }
    }
}
