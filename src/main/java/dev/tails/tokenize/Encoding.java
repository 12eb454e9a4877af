package dev.tails.tokenize;

import dev.tails.TailsException;

import java.util.Arrays;

/**
 * The tokenizer's output for one text or one text pair. Offsets are Java String (UTF-16) indices
 * into the text the token came from (for a pair, into its own side); special tokens have [0,0).
 * Every array has one entry per token.
 *
 * @param ids token ids
 * @param tokens their strings in the vocabulary
 * @param typeIds token type ids (0, or 1 for a pair's second text in BERT)
 * @param specialTokensMask 1 for a special token, else 0
 * @param offsetStarts where each token starts in its text
 * @param offsetEnds where each token ends in its text (exclusive)
 */
public record Encoding(int[] ids, String[] tokens, int[] typeIds, int[] specialTokensMask,
                       int[] offsetStarts, int[] offsetEnds) {

    /** Checks that every array is as long as ids. */
    public Encoding {
        int n = ids.length;
        if (tokens.length != n || typeIds.length != n || specialTokensMask.length != n
                || offsetStarts.length != n || offsetEnds.length != n) {
            throw new TailsException("Encoding: all arrays must have the same length as ids (" + n + ")");
        }
    }

    /** {@return the number of tokens} */
    public int length() {
        return ids.length;
    }

    /**
     * At most {@code maxTokens} tokens, cutting the content but keeping the trailing special
     * token(s), as Hugging Face's truncation of a single sequence does ([CLS] a b [SEP] -&gt; [CLS] a [SEP]).
     *
     * @param maxTokens the most tokens to keep
     * @return this when it fits, else the cut encoding
     */
    public Encoding truncated(int maxTokens) {
        if (length() <= maxTokens) {
            return this;
        }
        int trailing = 0;
        while (trailing < length() && specialTokensMask[length() - 1 - trailing] == 1) {
            trailing++;
        }
        if (maxTokens < trailing) {
            throw new TailsException("truncated(" + maxTokens + "): must keep at least the "
                    + trailing + " trailing special token(s)");
        }
        int head = maxTokens - trailing;
        int tail = length() - trailing;
        return new Encoding(cut(ids, head, tail), cut(tokens, head, tail), cut(typeIds, head, tail),
                cut(specialTokensMask, head, tail), cut(offsetStarts, head, tail), cut(offsetEnds, head, tail));
    }

    private static int[] cut(int[] a, int head, int tail) {
        int[] out = Arrays.copyOf(a, head + a.length - tail);
        System.arraycopy(a, tail, out, head, a.length - tail);
        return out;
    }

    private static String[] cut(String[] a, int head, int tail) {
        String[] out = Arrays.copyOf(a, head + a.length - tail);
        System.arraycopy(a, tail, out, head, a.length - tail);
        return out;
    }
}
