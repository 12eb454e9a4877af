package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;
import dev.tails.eval.EvalResult;
import dev.tails.eval.EvalSettings;
import dev.tails.eval.Evaluation;
import dev.tails.model.Model;
import dev.tails.io.Json;
import dev.tails.report.ReportWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

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

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to this file "
            + "(- for standard output; the table then goes to standard error).")
    Path json;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Report folder: the results go to DIR/eval/<task>.json and into DIR/index.html's "
                    + "evaluations section (default: reports/<model>/).")
    Path report;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** A task's own output that may be "-" (e.g. wic's --predictions), so the table keeps out of its way. */
    private Path taskOutput;

    /** Declares the task's own output file; with it and --json both "-", stdout would mix them: exit 2. */
    void taskOutput(String option, Path file) {
        if (StdStreams.isDash(file) && StdStreams.isDash(json)) {
            throw BadArgument.of(spec, option + " - and --json -: only one output can go to standard output");
        }
        taskOutput = file;
    }

    private Model load() {
        return modelOptions.load(modelOptions.folderFetchingIfMissing());
    }

    private Clip clip(Model model) {
        String name = model.folder().getFileName().toString();
        List<Integer> dims = clipDims != null ? clipDims : KNOWN_CLIP_DIMS.get(name);
        if (dims == null) {
            throw new TailsException("--clip-dims is required for model " + name
                    + " (only bert-base-cased has a default, 557)");
        }
        return Clip.of(model.config().hiddenSize(), dims.stream().mapToInt(Integer::intValue).toArray());
    }

    private Set<Variant> variants() {
        Set<Variant> set = EnumSet.noneOf(Variant.class);
        variants.forEach(label -> set.add(Variant.of(label)));
        return set;
    }

    /** --variants, --limit and --seed as the library takes them. */
    EvalSettings settings() {
        return new EvalSettings(variants(), limit, seed);
    }

    /** Loads the model and runs a job with its runner and the clip dims (a partial evaluation). */
    <T> T withModel(BiFunction<CorpusRunner, Clip, T> job) {
        Model model = load();
        return job.apply(modelOptions.runner(model), clip(model));
    }

    /** Loads the model, runs the evaluation with it, and hands the result on to {@link #finish}. */
    <S, R extends EvalResult> R run(S settings, Evaluation<S, R> evaluation) {
        StdStreams.refuseDash(spec, "--report", report, "the report is a folder");
        Model model = load();
        R result = evaluation.run(modelOptions.runner(model), clip(model), settings, new StderrProgress());
        finish(result);
        return result;
    }

    /** Prints the result, adds it to the report (as eval/NAME.json) and writes --json if asked for. */
    private void finish(EvalResult result) {
        PrintStream human = StdStreams.humanOutput(StdStreams.isDash(taskOutput) ? taskOutput : json);
        EvalPrinter.print(result, human);
        Path dir = report != null ? report : Path.of("reports", result.header().model());
        human.println("report: " + ReportWriter.addEvaluation(dir, result));
        if (json != null) {
            StdStreams.writeJson(json, "the results JSON", Json.MAPPER.writerFor(EvalResult.class), result);
        }
    }
}
