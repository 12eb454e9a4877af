package dev.tails.analysis;

import dev.tails.TailsException;
import dev.tails.tokenize.Encoding;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Which tokens of a text are masked: a share {@code rate} of its non-special tokens (rounded, at least one
 * when it has any), drawn by a generator seeded from the seed and the text itself, so the same text
 * gets the same masks in every condition and every run. BERT's 80/10/10 split is not used: every chosen
 * token becomes the mask token.
 */
public record MaskChoice(double rate, long seed) {

    public MaskChoice {
        if (!(rate > 0 && rate <= 1)) {
            throw new TailsException("mask rate must be in (0, 1], got " + rate);
        }
    }

    /** The masked positions of this text's encoding, ascending. */
    public int[] positions(String text, Encoding encoding) {
        int[] candidates = IntStream.range(0, encoding.length()).filter(p -> encoding.specialTokensMask()[p] == 0).toArray();
        if (candidates.length == 0) {
            return candidates;
        }
        int k = Math.max(1, (int) Math.round(rate * candidates.length));
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + text.hashCode());
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(candidates.length - i);
            int t = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = t;
        }
        int[] chosen = Arrays.copyOf(candidates, k);
        Arrays.sort(chosen);
        return chosen;
    }

    /** The encoding with the mask token at the positions (a copy; the original is left as it is). */
    public static Encoding masked(Encoding encoding, int[] positions, int maskId, String maskToken) {
        int[] ids = encoding.ids().clone();
        String[] tokens = encoding.tokens().clone();
        for (int p : positions) {
            ids[p] = maskId;
            tokens[p] = maskToken;
        }
        return new Encoding(ids, tokens, encoding.typeIds(), encoding.specialTokensMask(), encoding.offsetStarts(),
                encoding.offsetEnds());
    }
}
