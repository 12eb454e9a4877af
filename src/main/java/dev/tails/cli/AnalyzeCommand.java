package dev.tails.cli;

import dev.tails.analysis.MaskedLmResult;
import dev.tails.analysis.MaskedLmSettings;
import dev.tails.analysis.OutlierCounts;
import dev.tails.analysis.Study;
import dev.tails.analysis.StudyResult;
import dev.tails.analysis.StudySettings;
import dev.tails.analysis.TailsPartial;
import dev.tails.corpus.Corpus;
import dev.tails.corpus.CorpusRunner;
import dev.tails.model.Model;
import dev.tails.probe.ProbeResult;
import dev.tails.probe.ProbeSettings;
import dev.tails.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `tails analyze`: the paper's study over a corpus, printed as a table and written as a report. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "The tails study over a corpus: per layer the dims most often min / max, their origin, "
                + "interventions and geometry raw vs clipped; writes index.html and summary.json.")
final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    CorpusOptions corpusOptions;

    @Mixin
    TokenLimit tokenLimit;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: reports/<model>/).")
    Path out;

    @Option(names = "--no-special-tokens", description = "Leave [CLS], [SEP] and the like out of every statistic.")
    boolean noSpecialTokens;

    @Option(names = "--probe-sentences", paramLabel = "N", defaultValue = "2000",
            description = "Train the position probes on up to N corpus sentences; their vectors at every layer are kept "
                    + "(tokens x layers x hidden x 4 bytes: ~2 GB for 2,000 SST-2 sentences; default: ${DEFAULT-VALUE}).")
    void probeSentences(int n) {
        if (n < 1) {
            throw BadArgument.of(spec, "--probe-sentences must be at least 1, got " + n);
        }
        probeSentences = n;
    }

    private int probeSentences;

    @Option(names = "--probe-dev", paramLabel = "FILE", description = "Score the position probes on these texts "
            + "(one per line; SST's \"text<TAB>label\" lines lose the label; default: a held-out fifth of the corpus, "
            + "at most 1,000 texts).")
    Path probeDev;

    @Option(names = "--no-probes", description = "Skip the position probes.")
    boolean noProbes;

    @Option(names = "--partial", paramLabel = "FILE",
            description = "Run only the first pass (outlier counts and mean vectors) and write its sums to FILE, for "
                    + "`tails merge --partials`; the later passes and the geometry need the whole corpus.")
    Path partial;

    @Option(names = "--mlm-sentences", paramLabel = "N", defaultValue = "500",
            description = "Masked-LM experiment on N corpus sentences drawn with --seed, 15%% of their tokens masked "
                    + "(default: ${DEFAULT-VALUE}).")
    void mlmSentences(int n) {
        if (n < 1) {
            throw BadArgument.of(spec, "--mlm-sentences must be at least 1, got " + n);
        }
        mlmSentences = n;
    }

    private int mlmSentences;

    @Option(names = "--mlm-random-dims", paramLabel = "N", defaultValue = "10",
            description = "Random non-outlier dims ablated as the control, one pass each per ablation "
                    + "(default: ${DEFAULT-VALUE}).")
    void mlmRandomDims(int n) {
        if (n < 0) {
            throw BadArgument.of(spec, "--mlm-random-dims must be at least 0, got " + n);
        }
        mlmRandomDims = n;
    }

    private int mlmRandomDims;

    @Option(names = "--no-mlm", description = "Skip the masked-LM experiment (it is skipped anyway for a model without the head).")
    boolean noMlm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StdStreams.refuseDash(spec, "--out", out, "the report is a folder");
        long start = System.nanoTime();
        Model model = modelOptions.load(modelOptions.folderFetchingIfMissing());
        List<String> texts = tokenLimit.apply(corpusOptions.texts(), model);
        StderrProgress progress = new StderrProgress();
        progress.stage("analyze: " + texts.size() + " texts through " + model.folder().getFileName());
        StudySettings settings = StudySettings.defaults(modelOptions.batchSize, modelOptions.truncate, !noSpecialTokens,
                corpusOptions.seed);
        if (partial != null) {
            CorpusRunner runner = modelOptions.runner(model);
            PartialFiles.write(partial, TailsPartial.of(runner, settings.specialTokens(), settings.outlierShare())
                    .add(runner, texts, progress).toJson());
            progress.stage("analyze: counts and means of " + texts.size() + " texts written to " + partial);
            return 0;
        }
        MaskedLmSettings mlm = noMlm ? null
                : new MaskedLmSettings(mlmSentences, MaskedLmSettings.BERT_MASK_RATE, corpusOptions.seed, mlmRandomDims);
        StudyResult result = Study.run(model, texts, settings.withProbes(noProbes ? null : probes()).withMaskedLm(mlm),
                progress);
        Path dir = out != null ? out : Path.of("reports", result.run().model());
        String command = "./tails " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Path index = ReportWriter.write(result, command.trim(), dir);
        progress.stage(String.format(Locale.ROOT, "analyze: done in %.0f s; report %s", (System.nanoTime() - start) / 1e9, index));
        print(result);
        return 0;
    }

    private ProbeSettings probes() {
        if (probeDev == null) {
            return ProbeSettings.paper(probeSentences, null, "held-out corpus texts");
        }
        return ProbeSettings.paper(probeSentences, Corpus.withoutLabels(Corpus.read(probeDev)), probeDev.toString());
    }

    private static String probe(StudyResult r, int layer) {
        if (r.probes() == null) {
            return "";
        }
        ProbeResult.Layer p = r.probes().layers().get(layer);
        return String.format(Locale.ROOT, "%8.2f%%  %8.1f", 100 * p.accuracy(), p.ratio(r.tails().tailDim()));
    }

    private static void print(StudyResult r) {
        System.out.printf(Locale.ROOT, "model %s: %d texts, %d token vectors (special tokens %s)%n", r.run().model(), r.run().texts(),
                r.run().tokens(), r.run().settings().specialTokens() ? "included" : "left out");
        System.out.println("layer  argmin dim  share    argmax dim  share    anisotropy raw/clipped  self-sim raw/clipped"
                + "  adjusted raw/clipped  probe acc  c(" + r.tails().tailDim() + ")/mean c");
        for (int layer = 1; layer < r.run().states(); layer++) {
            OutlierCounts.DimShare min = r.tails().counts().topArgmin(layer);
            OutlierCounts.DimShare max = r.tails().counts().topArgmax(layer);
            System.out.printf(Locale.ROOT, "%5d  %10d  %6.2f%%  %10d  %6.2f%%  %9.3f / %-9.3f  %9.3f / %-9.3f  %8.3f / %-9.3f  %s%n",
                    layer, min.dim(), 100 * min.fraction(), max.dim(), 100 * max.fraction(),
                    r.geometry().anisotropy().raw()[layer], r.geometry().anisotropy().clipped()[layer],
                    r.geometry().selfSimilarity().raw()[layer], r.geometry().selfSimilarity().clipped()[layer],
                    r.geometry().selfSimilarityAdjusted().raw()[layer], r.geometry().selfSimilarityAdjusted().clipped()[layer], probe(r, layer));
        }
        if (r.probes() != null) {
            System.out.printf(Locale.ROOT, "position probes: %d classes, %,d train tokens, %,d dev tokens (%s), "
                            + "trained in %.0f s; layer 0: %s%n", r.probes().classes(), r.probes().trainTokens(),
                    r.probes().devTokens(), r.probes().settings().devName(), r.probes().trainingSeconds(), probe(r, 0));
        }
        System.out.printf(Locale.ROOT, "tail dim %d; clipped %s; position 0's argmin %d; %.1f%% of positions have argmin %d%n",
                r.tails().tailDim(), Arrays.toString(r.tails().clippedDims()), r.origin().position0Argmin(),
                100 * r.origin().tailArgminShare(), r.tails().tailDim());
        MaskedLmResult mlm = r.experiments().maskedLm();
        if (mlm != null) {
            System.out.printf(Locale.ROOT, "masked LM: %d texts, %d masked tokens, %.0f s%n", mlm.texts(), mlm.maskedTokens(),
                    mlm.seconds());
            for (MaskedLmResult.Condition c : mlm.conditions()) {
                System.out.printf(Locale.ROOT, "  %-22s accuracy %6.2f%%  loss %7.3f  perplexity %9.2f  %s%n", c.key(),
                        100 * c.accuracy(), c.loss(), c.perplexity(), c.description());
            }
        }
    }
}
