package dev.tails.tokenize;

import dev.tails.TailsException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * SentencePiece's Unigram model as HF's tokenizers runs it: Viterbi over every vocabulary piece
 * that matches at every character, scores added; a character that no piece of its own length
 * covers gets the unknown piece at (lowest score - 10), and runs of unknown characters fuse into
 * one token (HF's fuse_unk). A fused string missing from the vocabulary is the unknown id, or
 * with byte_fallback its UTF-8 bytes as {@code <0xNN>} pieces when all of them exist.
 */
final class Unigram {
    /** HF's and sentencepiece's kUnkPenalty. */
    static final double UNK_PENALTY = 10.0;

    /** Receives one token: id, its string, and the UTF-16 span [from, to) of the word it covers. */
    interface TokenSink {
        void token(int id, String token, int from, int to);
    }

    private final String[] pieces;
    private final double[] scores;
    private final Map<String, Integer> ids;
    private final int unkId;
    private final double unkScore;
    private final boolean byteFallback;
    private final int longestPiece;

    Unigram(String[] pieces, double[] scores, int unkId, boolean byteFallback, String where) {
        if (unkId < 0 || unkId >= pieces.length) {
            throw new TailsException(where + ": model.unk_id " + unkId + " is not an id of its "
                    + pieces.length + "-piece vocabulary (an unknown character could not be encoded)");
        }
        this.pieces = pieces;
        this.scores = scores;
        this.ids = HashMap.newHashMap(pieces.length);
        double min = Double.POSITIVE_INFINITY;
        int longest = 0;
        for (int id = 0; id < pieces.length; id++) {
            ids.put(pieces[id], id); // a repeated piece keeps its last id, as HF's token_to_ids
            min = Math.min(min, scores[id]);
            longest = Math.max(longest, pieces[id].length());
        }
        this.unkId = unkId;
        this.unkScore = min - UNK_PENALTY;
        this.byteFallback = byteFallback;
        this.longestPiece = longest;
    }

    int size() {
        return pieces.length;
    }

    /** The piece of an id in [0, size()). */
    String piece(int id) {
        return pieces[id];
    }

    /** The id of a piece, or -1. */
    int id(String piece) {
        return ids.getOrDefault(piece, -1);
    }

    /** Tokens of one word, spans in UTF-16 indices of the word. */
    void encode(String word, TokenSink sink) {
        int n = word.length();
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        int[] id = new int[n + 1];
        Arrays.fill(from, -1);
        for (int start = 0; start < n; start = next(word, start)) {
            int single = next(word, start);
            boolean hasSingle = false;
            for (int end = single; end <= n && end - start <= longestPiece; end = next(word, end)) {
                Integer piece = ids.get(word.substring(start, end));
                if (piece != null) {
                    relax(best, from, id, start, end, piece, scores[piece]);
                    hasSingle |= end == single;
                }
                if (end == n) {
                    break;
                }
            }
            if (!hasSingle) {
                relax(best, from, id, start, single, unkId, unkScore);
            }
        }
        emit(word, from, id, sink);
    }

    /** HF keeps the first path that reaches a position unless a later one scores strictly more. */
    private static void relax(double[] best, int[] from, int[] id, int start, int end, int piece, double score) {
        double candidate = best[start] + score;
        if (from[end] < 0 || candidate > best[end]) {
            best[end] = candidate;
            from[end] = start;
            id[end] = piece;
        }
    }

    private void emit(String word, int[] from, int[] id, TokenSink sink) {
        int count = 0;
        int[] cuts = new int[word.length() + 1];
        for (int end = word.length(); end > 0; ) {
            int start = from[end];
            // fuse a run of unknown pieces: skip the cut between two of them
            if (!(id[end] == unkId && count > 0 && id[cuts[count - 1]] == unkId)) {
                cuts[count++] = end;
            }
            end = start;
        }
        int start = 0;
        for (int k = count - 1; k >= 0; k--) {
            int end = cuts[k];
            token(word.substring(start, end), start, end, sink);
            start = end;
        }
    }

    private void token(String text, int start, int end, TokenSink sink) {
        Integer known = ids.get(text);
        if (known != null) {
            sink.token(known, text, start, end);
        } else if (!byteFallback || !bytePieces(text, start, end, sink)) {
            sink.token(unkId, text, start, end);
        }
    }

    /** byte_fallback: every UTF-8 byte as its {@code <0xNN>} piece, or nothing if one is missing. */
    private boolean bytePieces(String text, int start, int end, TokenSink sink) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] byteIds = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            Integer b = ids.get(String.format("<0x%02X>", utf8[i] & 0xFF));
            if (b == null) {
                return false;
            }
            byteIds[i] = b;
        }
        for (int b : byteIds) {
            sink.token(b, pieces[b], start, end);
        }
        return true;
    }

    private static int next(String s, int i) {
        return i + Character.charCount(s.codePointAt(i));
    }
}
