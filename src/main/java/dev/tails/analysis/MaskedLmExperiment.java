package dev.tails.analysis;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.SentenceSample;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * What the tail dims do to the model's own task: masked-token accuracy and loss with the tail dims zeroed
 * at every block output (in the graph) and with their LayerNorm gamma and beta zeroed (Kovaleva et al. 2021),
 * beside the model as is and the same ablations of random non-outlier dims. One pass per condition, each
 * through the corpus runner; the LayerNorm condition runs the runner's settings on the edited weights.
 */
public final class MaskedLmExperiment {
    private MaskedLmExperiment() {
    }

    /**
     * @param texts    the corpus; a seeded sample of {@code settings.sentences()} is masked
     * @param tailDims the dims to ablate
     * @param outliers dims never drawn as random controls (the tail dims are left out too)
     */
    public static MaskedLmResult run(CorpusRunner runner, List<String> texts, int[] tailDims, int[] outliers,
                                     MaskedLmSettings settings, Progress progress) {
        Model model = runner.model();
        if (!model.hasMlmHead()) {
            throw new TailsException("masked-LM experiment: model " + model.folder() + " has no masked-LM head");
        }
        long start = System.nanoTime();
        List<String> sample = SentenceSample.of(texts, settings.sentences(), settings.seed());
        MaskedCorpus corpus = MaskedCorpus.of(model, sample, runner.truncates(),
                new MaskChoice(settings.maskRate(), settings.seed()));
        List<int[]> draws = randomDraws(model.config().hiddenSize(), tailDims, outliers, settings);
        int passes = 3 + 2 * draws.size();
        int[] pass = {0};
        Scorer score = (dims, ablation, tail) -> {
            Progress part = Progress.part(progress, pass[0]++, passes);
            part.stage("masked LM " + pass[0] + "/" + passes + ": " + ablation.describe(dims) + ", "
                    + corpus.maskedTokens() + " masked tokens in " + sample.size() + " texts");
            MaskedLmPass run = new MaskedLmPass(corpus, model.config().vocabSize());
            CorpusRunner on = ablation == Ablation.LAYER_NORM
                    ? new CorpusRunner(model.withWeights(LayerNormDimZeroing.of(model.weights(), dims)),
                    runner.batchSize(), runner.truncates())
                    : runner;
            ForwardHooks hooks = ablation == Ablation.IN_FLOW
                    ? Clip.of(model.config().hiddenSize(), dims).inGraph(model.config()) : ForwardHooks.NONE;
            on.forEachBatch(corpus.corpus(), run.hooks(hooks), run::add, part);
            return new MaskedLmResult.Condition(ablation.key(tail), ablation.describe(dims), dims,
                    run.score().accuracy(), run.score().loss());
        };
        List<MaskedLmResult.Condition> conditions = new ArrayList<>(List.of(
                score.of(new int[0], Ablation.NONE, false),
                score.of(tailDims, Ablation.IN_FLOW, true),
                score.of(tailDims, Ablation.LAYER_NORM, true)));
        List<MaskedLmResult.Condition> random = new ArrayList<>();
        for (Ablation ablation : List.of(Ablation.IN_FLOW, Ablation.LAYER_NORM)) {
            List<MaskedLmResult.Condition> perDraw = draws.stream().map(d -> score.of(d, ablation, false)).toList();
            random.addAll(perDraw);
            if (!perDraw.isEmpty()) {
                conditions.add(new MaskedLmResult.Condition(ablation.key(false), "mean of " + perDraw.size()
                        + " random draws: " + ablation.describe(null),
                        perDraw.stream().flatMapToInt(c -> IntStream.of(c.dims())).toArray(),
                        perDraw.stream().mapToDouble(MaskedLmResult.Condition::accuracy).average().orElseThrow(),
                        perDraw.stream().mapToDouble(MaskedLmResult.Condition::loss).average().orElseThrow()));
            }
        }
        return new MaskedLmResult(sample.size(), corpus.maskedTokens(), settings.maskRate(), settings.seed(),
                tailDims.clone(), conditions, random, (System.nanoTime() - start) / 1e9);
    }

    /** Draws of as many dims as the tail, distinct over all draws, none of them an outlier or tail dim. */
    static List<int[]> randomDraws(int hidden, int[] tailDims, int[] outliers, MaskedLmSettings settings) {
        int[] candidates = IntStream.range(0, hidden)
                .filter(d -> IntStream.of(tailDims).noneMatch(t -> t == d) && IntStream.of(outliers).noneMatch(o -> o == d))
                .toArray();
        SentenceSample.shuffle(candidates, new Random(settings.seed()));
        int k = tailDims.length;
        int draws = Math.min(settings.randomDraws(), k == 0 ? 0 : candidates.length / k);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < draws; i++) {
            int[] dims = Arrays.copyOfRange(candidates, i * k, (i + 1) * k);
            Arrays.sort(dims);
            out.add(dims);
        }
        return out;
    }

    @FunctionalInterface
    private interface Scorer {
        MaskedLmResult.Condition of(int[] dims, Ablation ablation, boolean tail);
    }

    /** How a condition removes its dims. */
    private enum Ablation {
        NONE, IN_FLOW, LAYER_NORM;

        String key(boolean tail) {
            return switch (this) {
                case NONE -> "raw";
                case IN_FLOW -> tail ? "tailZeroedInFlow" : "randomZeroedInFlow";
                case LAYER_NORM -> tail ? "tailLayerNormZeroed" : "randomLayerNormZeroed";
            };
        }

        String describe(int[] dims) {
            String which = dims == null ? "dims" : "dims " + Arrays.toString(dims);
            return switch (this) {
                case NONE -> "the model as is";
                case IN_FLOW -> which + " zeroed at every block output (in the graph)";
                case LAYER_NORM -> which + ": gamma and beta zeroed in every LayerNorm";
            };
        }
    }
}
