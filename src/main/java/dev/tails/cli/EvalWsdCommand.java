package dev.tails.cli;

import dev.tails.eval.LayerScores;
import dev.tails.eval.RaganatoData;
import dev.tails.eval.SemcorNaf;
import dev.tails.eval.TaggedSentence;
import dev.tails.eval.WordNetSenses;
import dev.tails.eval.Wsd;
import dev.tails.eval.WsdSentence;
import dev.tails.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** `tails eval wsd`: 1-nearest-neighbour WSD with SemCor sense vectors, F1 on Raganato's ALL and its five sets. */
@Command(name = "wsd", mixinStandardHelpOptions = true,
        description = "WSD by 1-nearest neighbour: sense vector = mean of the target word's vectors (sub-tokens "
                + "averaged) over its SemCor occurrences; an instance gets its lemma's WordNet 3.0 sense with the "
                + "highest cosine, or WordNet's first sense when SemCor has none of them. F1 per layer on "
                + "Raganato et al.'s ALL and each of its five sets.")
final class EvalWsdCommand implements Callable<Integer> {
    @Mixin
    EvalOptions options;

    @Option(names = "--semcor", required = true, paramLabel = "FILE",
            description = "SemCor 3.0 in NAF (semcor30-naf.tar.xz), read as it is.")
    Path semcor;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Raganato et al.'s Evaluation_Datasets (reads ALL/ALL.data.xml and ALL/ALL.gold.key.txt). "
                    + "--limit N keeps the first N SemCor sentences and the first N instances of each set.")
    Path data;

    @Override
    public Integer call() {
        StderrProgress progress = new StderrProgress();
        RaganatoData.Data eval = RaganatoData.read(data, options.limit);
        List<WsdSentence.Instance> instances = eval.instances();
        List<TaggedSentence> training = SemcorNaf.read(semcor, options.limit);
        int tags = training.stream().mapToInt(s -> s.tags().size()).sum();
        progress.stage("wsd: " + training.size() + " SemCor sentences with " + tags + " sense tags; "
                + instances.size() + " instances in " + eval.sentences().size() + " sentences");
        List<List<String>> candidates = Wsd.candidates(instances, new WordNetSenses());
        Model model = options.load();
        Wsd wsd = new Wsd(options.runner(model), options.clip(model),
                model.config().numLayers() + 1, model.config().hiddenSize());
        Wsd.Result result = wsd.run(training, eval.sentences(), candidates, options.variants(),
                progress::stage, progress);
        progress.stage("wsd: done");

        Map<String, Object> json = options.header("wsd", model);
        json.put("method", "1-NN: sense vector = mean over SemCor occurrences of the word's vector (sub-tokens averaged); "
                + "candidates = WordNet 3.0 senses of lemma+POS; unseen in SemCor -> WordNet's first sense; "
                + "clipped variants zero the clip dims in both vectors of each cosine");
        json.put("semcor", Map.of("sentences", training.size(), "senseTags", tags));
        json.put("training", trainingJson(result));
        Map<String, Object> counts = new LinkedHashMap<>();
        List<String> sets = new ArrayList<>(RaganatoData.SETS);
        sets.addFirst("ALL");
        String[][] firstSense = Wsd.firstSenses(candidates);
        Map<String, Object> baseline = new LinkedHashMap<>();
        Map<String, Object> f1 = new LinkedHashMap<>();
        for (String set : sets) {
            String only = set.equals("ALL") ? null : set;
            counts.put(set, instances.stream().filter(i -> only == null || i.set().equals(only)).count());
            double first = Wsd.f1PerState(firstSense, instances, eval.gold(), only)[0];
            baseline.put(set, first);
            LayerScores scores = new LayerScores(String.format(Locale.ROOT,
                    "WSD %s (%d instances): F1 %% per layer; WordNet first sense %.2f", set, (Long) counts.get(set), first));
            result.answers().forEach((v, answers) -> scores.put(v, Wsd.f1PerState(answers, instances, eval.gold(), only)));
            scores.print(System.out);
            f1.put(set, scores.toJson());
        }
        json.put("instances", counts);
        json.put("firstSenseF1", baseline);
        json.put("f1", f1);
        options.finish(json);
        return 0;
    }

    private static Map<String, Object> trainingJson(Wsd.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        result.trainings().forEach((v, t) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sentencesRun", t.sentencesRun());
            entry.put("tagsUsed", t.tagsUsed());
            entry.put("tagsCutByTruncation", t.tagsCut());
            entry.put("sensesSeen", t.senses().seen());
            entry.put("senseVectorMb", t.senses().bytes() >> 20);
            out.put(v.label(), entry);
            System.out.printf(Locale.ROOT, "%-17s %d SemCor sentences run, %d tags used (%d cut), %d senses seen, sums %d MB%n",
                    v.label(), t.sentencesRun(), t.tagsUsed(), t.tagsCut(), t.senses().seen(), t.senses().bytes() >> 20);
        });
        return out;
    }
}
