package dev.tails.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic English-like sentences of varied length (seeded), so tests need no data files. */
final class Sentences {
    private static final String[] SUBJECTS = {"The cat", "A young girl", "My neighbour's dog", "Every student",
            "The old fisherman", "Nobody", "The committee", "A tall stranger", "Her brother", "The orchestra"};
    private static final String[] VERBS = {"saw", "painted", "forgot", "carried", "admired", "questioned", "built",
            "followed", "sold", "described"};
    private static final String[] OBJECTS = {"a red bicycle", "the river", "three small boxes", "an unusual melody",
            "the broken window", "its own shadow", "the morning news", "a letter from Paris", "the garden", "everything"};
    private static final String[] TAILS = {"", " yesterday", " in the rain", " before dinner", " without a word",
            " near the station, slowly and carefully", " because it was late", " twice", " at 7:45 p.m.", " again!"};

    private Sentences() {
    }

    static List<String> of(int n, long seed) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            texts.add(pick(random, SUBJECTS) + " " + pick(random, VERBS) + " " + pick(random, OBJECTS)
                    + pick(random, TAILS) + ".");
        }
        return texts;
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }
}
