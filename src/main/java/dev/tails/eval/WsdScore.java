package dev.tails.eval;

import java.util.Map;
import java.util.Set;

/**
 * Precision, recall and F1 as Raganato et al.'s Scorer.java computes them for one answer per
 * instance: an answer is correct when it is any of the instance's gold keys; P = correct / answered,
 * R = correct / gold instances, F1 their harmonic mean (0 when both are 0).
 */
public record WsdScore(int correct, int answered, int total) {

    /** Scores answers (id -> key; a null key = no answer) against the gold of the ids given. */
    public static WsdScore of(Iterable<String> ids, Map<String, String> answers, Map<String, Set<String>> gold) {
        int correct = 0;
        int answered = 0;
        int total = 0;
        for (String id : ids) {
            total++;
            String answer = answers.get(id);
            if (answer != null) {
                answered++;
                if (gold.get(id).contains(answer)) {
                    correct++;
                }
            }
        }
        return new WsdScore(correct, answered, total);
    }

    public double precision() {
        return answered == 0 ? 0 : (double) correct / answered;
    }

    public double recall() {
        return total == 0 ? 0 : (double) correct / total;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
