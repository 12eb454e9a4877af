package dev.tails.tokenize;

import dev.tails.TailsException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BPE model: a word starts as one symbol per character and the adjacent pair with the lowest
 * merge rank is merged (leftmost first) until no pair has a merge. Results are cached per word,
 * the cache bounded as in HF (it stops growing when full).
 */
final class Bpe {
    /** A word's tokens: ids, and the character index where each token ends. */
    record Pieces(int[] ids, int[] ends) {
    }

    private static final int CACHE_CAPACITY = 10_000;

    private final Vocab vocab;
    /** (left id, right id) -> (rank, merged id), both packed in a long. */
    private final Map<Long, Long> merges;
    private final Map<String, Pieces> cache = new ConcurrentHashMap<>();

    /** merges[i] = {left, right}, rank i; every side and result must be in the vocabulary. */
    Bpe(Vocab vocab, List<String[]> merges, String source) {
        this.vocab = vocab;
        this.merges = HashMap.newHashMap(merges.size());
        for (int rank = 0; rank < merges.size(); rank++) {
            String[] m = merges.get(rank);
            int left = vocab.id(m[0]);
            int right = vocab.id(m[1]);
            int merged = vocab.id(m[0] + m[1]);
            if (left < 0 || right < 0 || merged < 0) {
                throw new TailsException(source + ": merge " + (rank + 1) + " \"" + m[0] + " " + m[1]
                        + "\" uses a token that is not in the vocabulary");
            }
            this.merges.putIfAbsent(pair(left, right), (long) rank << 32 | merged);
        }
    }

    /** A merge written as one string, "left right" (merges.txt, and the hub's tokenizer.json). */
    static String[] splitMerge(String line, String source) {
        int space = line.indexOf(' ');
        if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
            throw new TailsException(source + ": merge \"" + line + "\" is not two tokens separated by one space");
        }
        return new String[] {line.substring(0, space), line.substring(space + 1)};
    }

    Vocab vocab() {
        return vocab;
    }

    Pieces encode(String word) {
        Pieces cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        Pieces pieces = merge(word);
        if (cache.size() < CACHE_CAPACITY) {
            cache.put(word, pieces);
        }
        return pieces;
    }

    private Pieces merge(String word) {
        int n = word.length();
        int[] ids = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            // byte-level words use one char per byte, all in the vocabulary
            ids[i] = vocab.require(String.valueOf(word.charAt(i)));
            ends[i] = i + 1;
        }
        while (n > 1) {
            long best = Long.MAX_VALUE;
            int at = -1;
            for (int i = 0; i + 1 < n; i++) {
                Long m = merges.get(pair(ids[i], ids[i + 1]));
                if (m != null && m < best) {
                    best = m;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            ids[at] = (int) best;
            ends[at] = ends[at + 1];
            System.arraycopy(ids, at + 2, ids, at + 1, n - at - 2);
            System.arraycopy(ends, at + 2, ends, at + 1, n - at - 2);
            n--;
        }
        return new Pieces(Arrays.copyOf(ids, n), Arrays.copyOf(ends, n));
    }

    private static long pair(int left, int right) {
        return (long) left << 32 | (right & 0xFFFFFFFFL);
    }
}
