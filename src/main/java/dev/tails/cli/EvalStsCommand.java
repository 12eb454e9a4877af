package dev.tails.cli;

import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;
import dev.tails.eval.LayerScores;
import dev.tails.eval.Sts;
import dev.tails.eval.StsData;
import dev.tails.eval.StsSubset;
import dev.tails.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `tails eval sts`: unsupervised sentence similarity (Spearman x 100) per layer, raw vs clipped. */
@Command(name = "sts", mixinStandardHelpOptions = true,
        description = "STS12-16, STS-B (test), SICK-R (test): cosine of mean-pooled sentence vectors, Spearman x100 "
                + "per layer; a year's score is the mean over its subsets (SentEval's 'all' mean).")
final class EvalStsCommand implements Callable<Integer> {
    @Mixin
    EvalOptions options;

    @Option(names = "--data", required = true, description = "The senteval folder (holding STS/ and SICK/).")
    Path data;

    @Option(names = "--sets", split = ",", defaultValue = "sts12,sts13,sts14,sts15,sts16,sts-b,sick-r",
            description = "Benchmarks to run (default: ${DEFAULT-VALUE}).")
    List<String> sets;

    @Option(names = "--with-special", description = "Average [CLS] and [SEP] into the sentence vector too "
            + "(default: only the sentence's own sub-tokens).")
    boolean withSpecial;

    @Override
    public Integer call() {
        Model model = options.load();
        CorpusRunner runner = options.runner(model);
        Clip clip = options.clip(model);
        StderrProgress progress = new StderrProgress();
        Map<String, Object> json = options.header("sts", model);
        json.put("pooling", "mean of sub-token vectors, " + (withSpecial ? "[CLS]/[SEP] included" : "[CLS]/[SEP] excluded"));
        Map<String, Object> results = new LinkedHashMap<>();
        for (String set : sets) {
            List<StsSubset> subsets = StsData.read(data, set, options.limit);
            Map<String, Object> subsetJson = new LinkedHashMap<>();
            Map<Variant, double[]> sum = new EnumMap<>(Variant.class);
            for (StsSubset subset : subsets) {
                progress.stage("sts: " + subset.name() + ", " + subset.pairs().size() + " pairs");
                Map<Variant, double[]> scores = Sts.spearman(runner, clip, subset, withSpecial, options.variants(), progress);
                LayerScores one = new LayerScores(subset.name());
                scores.forEach((v, s) -> {
                    one.put(v, s);
                    sum.merge(v, s, EvalStsCommand::add);
                });
                subsetJson.put(subset.name(), Map.of("pairs", subset.pairs().size(), "spearman", one.toJson()));
            }
            LayerScores mean = new LayerScores(set + ": Spearman x100" + (subsets.size() > 1
                    ? ", mean of " + subsets.size() + " subsets" : "") + " (" + subsets.stream()
                    .mapToInt(s -> s.pairs().size()).sum() + " pairs)");
            sum.forEach((v, s) -> mean.put(v, scale(s, 1.0 / subsets.size())));
            mean.print(System.out);
            results.put(set, Map.of("spearman", mean.toJson(), "subsets", subsetJson));
        }
        progress.stage("sts: done");
        json.put("results", results);
        options.finish(json);
        return 0;
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    private static double[] scale(double[] a, double factor) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }
}
