package dev.tails.tokenize;

import dev.tails.TailsException;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.function.IntConsumer;

/**
 * The darts-clone double array that SentencePiece stores its normalization rules in: 32-bit units
 * holding a label byte, a leaf flag and an offset to the children (or, in a leaf, a value).
 * Lookups follow sentencepiece's Darts::DoubleArray and HF's spm_precompiled bit for bit; every
 * index a lookup can reach is checked once when the trie is built, so a lookup never leaves the array.
 */
final class DoubleArrayTrie {
    private final int[] units;

    /** @param leafValue told every value a leaf holds (the caller checks it), after the bounds check */
    DoubleArrayTrie(int[] units, String where, IntConsumer leafValue) {
        this.units = units;
        if (units.length == 0) {
            throw new TailsException(where + ": the normalization trie is empty");
        }
        checkReachable(where, leafValue);
    }

    /**
     * The longest key that is a prefix of bytes[from, to), as (length << 32 | value), or -1.
     * A NUL byte ends the key, as in sentencepiece.
     */
    long longestPrefix(byte[] bytes, int from, int to) {
        int node = offset(units[0]);
        long found = -1;
        for (int i = from; i < to && bytes[i] != 0; i++) {
            int c = bytes[i] & 0xFF;
            node ^= c;
            int unit = units[node];
            if (label(unit) != c) {
                break;
            }
            node ^= offset(unit);
            if (hasLeaf(unit)) {
                found = (long) (i + 1 - from) << 32 | value(units[node]);
            }
        }
        return found;
    }

    /** Walks every edge a byte string can follow from the root, checking each index it would read. */
    private void checkReachable(String where, IntConsumer leafValue) {
        BitSet seen = new BitSet(units.length);
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(inRange(offset(units[0]), where));
        while (!todo.isEmpty()) {
            int node = todo.pop();
            if (seen.get(node)) {
                continue;
            }
            seen.set(node);
            for (int c = 1; c < 256; c++) {
                int child = inRange(node ^ c, where);
                int unit = units[child];
                if (label(unit) != c) {
                    continue;
                }
                int next = inRange(child ^ offset(unit), where);
                if (hasLeaf(unit)) {
                    leafValue.accept(value(units[next]));
                }
                todo.push(next);
            }
        }
    }

    private int inRange(int index, String where) {
        if (index < 0 || index >= units.length) {
            throw new TailsException(where + ": the normalization trie points to unit " + index
                    + ", outside its " + units.length + " units");
        }
        return index;
    }

    private static boolean hasLeaf(int unit) {
        return (unit >>> 8 & 1) == 1;
    }

    private static int value(int unit) {
        return unit & 0x7FFFFFFF;
    }

    /** The label byte, with the top bit kept so that a leaf unit never equals a byte. */
    private static int label(int unit) {
        return unit & 0x800000FF;
    }

    private static int offset(int unit) {
        return (unit >>> 10) << ((unit & 1 << 9) >>> 6);
    }
}
