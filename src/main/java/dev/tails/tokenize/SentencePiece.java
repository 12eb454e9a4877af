package dev.tails.tokenize;

import java.util.List;

/**
 * A SentencePiece tokenizer as tokenizer.json spells it (XLM-RoBERTa, CamemBERT): the normalizers
 * in order, the Metaspace pre-tokenizer, then the Unigram model on each word. Token offsets are
 * the original spans of the normalized characters each token covers.
 */
final class SentencePiece implements SegmentModel {
    private final List<TextNormalizer> normalizers;
    private final Metaspace metaspace;
    private final Unigram unigram;

    SentencePiece(List<TextNormalizer> normalizers, Metaspace metaspace, Unigram unigram) {
        this.normalizers = normalizers;
        this.metaspace = metaspace;
        this.unigram = unigram;
    }

    @Override
    public void encode(String text, int from, int to, TokenList out) {
        NormalizedText norm = NormalizedText.of(text, from, to);
        for (TextNormalizer n : normalizers) {
            norm = n.normalize(norm);
        }
        metaspace.words(norm, from == 0, (words, a, b) -> {
            String word = words.substring(a, b);
            int[] cpAt = codePointAtChar(word, a);
            unigram.encode(word, (id, token, start, end) ->
                    out.add(id, token, words.start(cpAt[start]), words.end(cpAt[end - 1])));
        });
    }

    /** For each UTF-16 index of the word, the index of its code point in the text. */
    private static int[] codePointAtChar(String word, int firstCodePoint) {
        int[] at = new int[word.length()];
        int cp = firstCodePoint;
        for (int i = 0; i < word.length(); cp++) {
            int next = i + Character.charCount(word.codePointAt(i));
            for (; i < next; i++) {
                at[i] = cp;
            }
        }
        return at;
    }

    @Override
    public int tokenId(String token) {
        return unigram.id(token);
    }

    @Override
    public String token(int id) {
        return unigram.piece(id);
    }

    @Override
    public int vocabSize() {
        return unigram.size();
    }
}
