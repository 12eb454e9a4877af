package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;
import dev.tails.model.ModelConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 1-nearest-neighbour WSD ({@link Wsd}) with SemCor sense vectors, scored with Raganato's F1 per layer
 * on ALL and each of its five sets, beside WordNet's first sense. {@code limit} keeps the first N SemCor
 * sentences and the first N instances of each set.
 */
public final class WsdEvaluation {
    /** semcor: SemCor 3.0 in NAF (semcor30-naf.tar.xz); data: Raganato et al.'s Evaluation_Datasets. */
    public record Settings(EvalSettings common, Path semcor, Path data) {
    }

    /** What one forward over SemCor used: sentences run, tags added and lost to truncation, senses seen, their sums. */
    public record TrainingCounts(int sentencesRun, int tagsUsed, int tagsCutByTruncation, int sensesSeen, long senseVectorMb) {
    }

    /** One evaluation set (or ALL): its instances, WordNet's first-sense F1 and ours per layer. */
    public record SetResult(int instances, double firstSenseF1, Map<Variant, LayerScores> f1) {
    }

    /** sets: ALL, then the five sets in the framework's order. */
    public record Result(EvalHeader header, int semcorSentences, int senseTags, Map<Variant, TrainingCounts> training,
                         Map<String, SetResult> sets) implements EvalResult {
        @Override
        public String fileName() {
            return "wsd";
        }
    }

    private WsdEvaluation() {
    }

    public static Result run(CorpusRunner runner, Clip clip, Settings settings, Progress progress) {
        long start = System.nanoTime();
        EvalSettings common = settings.common();
        RaganatoData.Data eval = RaganatoData.read(settings.data(), common.limit());
        List<WsdSentence.Instance> instances = eval.instances();
        List<TaggedSentence> semcor = SemcorNaf.read(settings.semcor(), common.limit());
        int tags = semcor.stream().mapToInt(s -> s.tags().size()).sum();
        progress.stage("wsd: " + semcor.size() + " SemCor sentences with " + tags + " sense tags; "
                + instances.size() + " instances in " + eval.sentences().size() + " sentences");
        List<List<String>> candidates = Wsd.candidates(instances, new WordNetSenses());
        ModelConfig config = runner.model().config();
        Wsd.Result answers = new Wsd(runner, clip, config.numLayers() + 1, config.hiddenSize())
                .run(semcor, eval.sentences(), candidates, common.variants(), progress);

        Map<Variant, TrainingCounts> training = new EnumMap<>(Variant.class);
        answers.trainings().forEach((v, t) -> training.put(v, new TrainingCounts(t.sentencesRun(), t.tagsUsed(), t.tagsCut(),
                t.senses().seen(), t.senses().bytes() >> 20)));
        List<String> setNames = new ArrayList<>(RaganatoData.SETS);
        setNames.addFirst("ALL");
        String[][] firstSense = Wsd.firstSenses(candidates);
        Map<String, SetResult> sets = new LinkedHashMap<>();
        for (String set : setNames) {
            String only = set.equals("ALL") ? null : set;
            Map<Variant, double[]> f1 = new EnumMap<>(Variant.class);
            answers.answers().forEach((v, a) -> f1.put(v, Wsd.f1PerState(a, instances, eval.gold(), only)));
            sets.put(set, new SetResult((int) instances.stream().filter(i -> only == null || i.set().equals(only)).count(),
                    Wsd.f1PerState(firstSense, instances, eval.gold(), only)[0], LayerScores.of(f1)));
        }
        return new Result(EvalHeader.of(runner, clip, common, start), semcor.size(), tags, training, sets);
    }
}
