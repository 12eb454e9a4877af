package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 1-nearest-neighbour WSD per hidden state: a sense vector per WordNet sense key = the mean of the
 * vectors of its SemCor occurrences (a word's vector = mean of its sub-tokens), an instance gets the
 * candidate sense of its lemma with the highest cosine, or WordNet's first sense when SemCor has none.
 * Raw and clipped-after share one forward over SemCor and one over the evaluation sentences
 * (clipped-after zeroes the clip dims in both vectors of each cosine: the mean of clipped vectors is the
 * clipped mean); clipped-in-graph needs a forward of both with the in-graph hooks.
 */
public final class Wsd {
    /** What a forward over SemCor kept: sentences run, tags added, tags lost to truncation, the sense sums. */
    public record Training(int sentencesRun, int tagsUsed, int tagsCut, SenseVectors senses) {
    }

    /** Per variant the answer [instance][state] (null = no answer), and the training of each forward. */
    public record Result(Map<Variant, String[][]> answers, Map<Variant, Training> trainings) {
    }

    private final CorpusRunner runner;
    private final Clip clip;
    private final int states;
    private final int hiddenSize;

    public Wsd(CorpusRunner runner, Clip clip, int states, int hiddenSize) {
        this.runner = runner;
        this.clip = clip;
        this.states = states;
        this.hiddenSize = hiddenSize;
    }

    /** The candidates of each instance, in the order of {@link RaganatoData.Data#instances()}. */
    public static List<List<String>> candidates(List<WsdSentence.Instance> instances, WordNetSenses wordNet) {
        return instances.stream().map(i -> wordNet.senseKeys(i.lemma(), i.pos())).toList();
    }

    /** Answers of every variant asked for; the forward of each group of variants runs once. */
    public Result run(List<TaggedSentence> semcor, List<WsdSentence> sentences, List<List<String>> candidates,
                      Set<Variant> variants, Progress progress) {
        Set<String> keep = new LinkedHashSet<>();
        candidates.forEach(keep::addAll);
        Map<Variant, String[][]> answers = new EnumMap<>(Variant.class);
        Map<Variant, Training> trainings = new EnumMap<>(Variant.class);
        for (Variant forward : List.of(Variant.RAW, Variant.CLIPPED_IN_GRAPH)) {
            List<Variant> served = variants.stream()
                    .filter(v -> (v == Variant.CLIPPED_IN_GRAPH) == (forward == Variant.CLIPPED_IN_GRAPH)).toList();
            if (served.isEmpty()) {
                continue;
            }
            progress.stage("wsd: SemCor through the " + label(forward) + " forward");
            Training training = train(semcor, forward, new SenseVectors(keep, states, hiddenSize), progress);
            progress.stage("wsd: " + candidates.size() + " instances through the " + label(forward) + " forward");
            float[][][] vectors = instanceVectors(sentences, forward, progress);
            for (Variant v : served) {
                answers.put(v, answer(vectors, candidates, training.senses(), v == Variant.RAW ? Clip.none(hiddenSize) : clip));
                trainings.put(v, training);
            }
        }
        return new Result(answers, trainings);
    }

    private static String label(Variant forward) {
        return forward == Variant.RAW ? "plain" : "clipped-in-graph";
    }

    /** Adds every tag whose key is kept to the sense sums; sentences without one are not run. */
    public Training train(List<TaggedSentence> semcor, Variant forward, SenseVectors senses, Progress progress) {
        List<TaggedSentence> useful = semcor.stream()
                .filter(s -> s.tags().stream().anyMatch(t -> t.senseKeys().stream().anyMatch(senses::keeps))).toList();
        List<JoinedWords> joined = useful.stream().map(s -> JoinedWords.of(s.words())).toList();
        int[] counts = new int[2];
        runner.reduce(joined.stream().map(JoinedWords::text).toList(), Set.of(forward), clip, (index, states) -> {
            for (TaggedSentence.Tag tag : useful.get(index).tags()) {
                if (tag.senseKeys().stream().noneMatch(senses::keeps)) {
                    continue;
                }
                int[] range = joined.get(index).tokenRange(states.encoding(), tag.from(), tag.to());
                if (range == null) {
                    counts[1]++;
                    continue;
                }
                float[][] vector = states.meanPerState(range[0], range[1]);
                tag.senseKeys().forEach(key -> senses.add(key, vector));
                counts[0]++;
            }
            return Boolean.TRUE;
        }, progress);
        return new Training(useful.size(), counts[0], counts[1], senses);
    }

    /** Each instance's vector [state][hidden], in instance order; null for one cut by truncation. */
    public float[][][] instanceVectors(List<WsdSentence> sentences, Variant forward, Progress progress) {
        List<JoinedWords> joined = sentences.stream().map(s -> JoinedWords.of(s.words())).toList();
        List<float[][][]> perSentence = runner.reduce(joined.stream().map(JoinedWords::text).toList(), Set.of(forward), clip,
                (index, states) -> {
                    List<WsdSentence.Instance> instances = sentences.get(index).instances();
                    float[][][] vectors = new float[instances.size()][][];
                    for (int i = 0; i < vectors.length; i++) {
                        int word = instances.get(i).word();
                        int[] range = joined.get(index).tokenRange(states.encoding(), word, word + 1);
                        vectors[i] = range == null ? null : states.meanPerState(range[0], range[1]);
                    }
                    return vectors;
                }, progress).get(forward);
        List<float[][]> flat = new ArrayList<>();
        perSentence.forEach(v -> flat.addAll(Arrays.asList(v)));
        return flat.toArray(float[][][]::new);
    }

    /** The nearest candidate per instance and state; an instance without a vector gets the first sense. */
    public String[][] answer(float[][][] vectors, List<List<String>> candidates, SenseVectors senses, Clip clip) {
        String[][] answers = new String[vectors.length][states];
        for (int i = 0; i < vectors.length; i++) {
            for (int s = 0; s < states; s++) {
                answers[i][s] = vectors[i] == null
                        ? (candidates.get(i).isEmpty() ? null : candidates.get(i).getFirst())
                        : NearestSense.choose(candidates.get(i), vectors[i][s], s, senses, clip);
            }
        }
        return answers;
    }

    /** WordNet's first sense of every instance, as answers with one state (the usual baseline). */
    public static String[][] firstSenses(List<List<String>> candidates) {
        return candidates.stream().map(c -> new String[] {c.isEmpty() ? null : c.getFirst()}).toArray(String[][]::new);
    }

    /** F1 in percent per state over the instances of one set (null = all). */
    public static double[] f1PerState(String[][] answers, List<WsdSentence.Instance> instances,
                                      Map<String, Set<String>> gold, String set) {
        List<String> ids = new ArrayList<>();
        for (WsdSentence.Instance i : instances) {
            if (set == null || i.set().equals(set)) {
                ids.add(i.id());
            }
        }
        int states = answers.length == 0 ? 0 : answers[0].length;
        double[] f1 = new double[states];
        for (int s = 0; s < states; s++) {
            Map<String, String> byId = new HashMap<>();
            for (int i = 0; i < instances.size(); i++) {
                byId.put(instances.get(i).id(), answers[i][s]);
            }
            f1[s] = 100 * WsdScore.of(ids, byId, gold).f1();
        }
        return f1;
    }
}
