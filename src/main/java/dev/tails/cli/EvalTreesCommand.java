package dev.tails.cli;

import dev.tails.corpus.Variant;
import dev.tails.eval.Bracketing;
import dev.tails.eval.LayerScores;
import dev.tails.eval.PtbReader;
import dev.tails.eval.TreeInduction;
import dev.tails.eval.Trees;
import dev.tails.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/** `tails eval trees`: unsupervised constituency induction from syntactic distances (Kim et al. 2020). */
@Command(name = "trees", mixinStandardHelpOptions = true,
        description = "Greedy top-down trees from the distance of adjacent words' vectors, per layer; sentence-level "
                + "unlabeled F1 (punctuation and trivial spans removed) vs right-branching and random trees.")
final class EvalTreesCommand implements Callable<Integer> {
    @Mixin
    EvalOptions options;

    @Option(names = "--data", required = true, description = "Folder of .mrg files (e.g. ptb-sample/treebank/combined).")
    Path data;

    @Option(names = "--distance", defaultValue = "COSINE",
            description = "COSINE (1 - cos) or L2 between adjacent words (default: ${DEFAULT-VALUE}).")
    Trees.Distance distance;

    @Override
    public Integer call() {
        List<Bracketing> sentences = PtbReader.readFolder(data).stream().map(Bracketing::of)
                // Sentences without a non-trivial gold span cannot be scored.
                .filter(b -> !b.spans().isEmpty()).toList();
        if (options.limit > 0 && options.limit < sentences.size()) {
            sentences = sentences.subList(0, options.limit);
        }
        Model model = options.load();
        StderrProgress progress = new StderrProgress();
        progress.stage("trees: " + sentences.size() + " sentences through " + model.folder().getFileName());
        Map<Variant, List<double[][]>> gaps = Trees.distances(options.runner(model), options.clip(model), sentences, distance,
                options.variants(), progress);
        progress.stage("trees: done");

        LayerScores f1 = new LayerScores("trees: sentence-level F1 x100 over " + sentences.size() + " sentences, "
                + distance + " distance");
        for (Variant v : gaps.keySet()) {
            f1.put(v, meanF1PerState(sentences, gaps.get(v)));
        }
        double right = 0;
        double random = 0;
        Random rng = new Random(options.seed);
        for (Bracketing b : sentences) {
            right += TreeInduction.f1(b.spans(), TreeInduction.rightBranching(b.words().size()));
            random += TreeInduction.f1(b.spans(), TreeInduction.random(b.words().size(), rng));
        }
        right = 100 * right / sentences.size();
        random = 100 * random / sentences.size();
        f1.print(System.out);
        System.out.printf(Locale.ROOT, "baselines: right-branching %.2f, random %.2f (seed %d)%n", right, random, options.seed);

        Map<String, Object> json = options.header("trees", model);
        json.put("sentences", sentences.size());
        json.put("distance", distance.toString());
        json.put("evaluation", "sentence-level unlabeled F1; punctuation " + Bracketing.PUNCTUATION_TAGS
                + " removed, trivial spans excluded, sentences without a non-trivial gold span skipped");
        json.put("f1", f1.toJson());
        json.put("rightBranching", right);
        json.put("random", random);
        options.finish(json);
        return 0;
    }

    private static double[] meanF1PerState(List<Bracketing> sentences, List<double[][]> gaps) {
        double[] mean = new double[gaps.getFirst().length];
        for (int i = 0; i < sentences.size(); i++) {
            for (int s = 0; s < mean.length; s++) {
                mean[s] += 100 * TreeInduction.f1(sentences.get(i).spans(), TreeInduction.topDown(gaps.get(i)[s]))
                        / sentences.size();
            }
        }
        return mean;
    }
}
