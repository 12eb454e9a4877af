package dev.tails.tokenize;

/** Tokenizes one stretch of text that holds no added/special token (WordPiece, byte-level BPE or SentencePiece). */
interface SegmentModel {
    /** Appends the tokens of text[from, to) to out, offsets in UTF-16 indices of text. */
    void encode(String text, int from, int to, TokenList out);

    /** The id of a vocabulary token, or -1. */
    int tokenId(String token);

    /** The vocabulary token of an id in [0, vocabSize()). */
    String token(int id);

    /** One past the largest id the model can produce. */
    int vocabSize();
}
