package dev.tails.tokenize;

/**
 * BERT's WordPiece model: each word of the BasicTokenizer is cut greedily into the longest
 * vocabulary pieces, later pieces carrying the "##" prefix; a word that is too long or has a
 * piece missing from the vocabulary becomes a single unknown token.
 */
final class WordPiece implements SegmentModel {
    private final BasicTokenizer basic;
    private final Vocab vocab;
    private final String unkToken;
    private final int unkId;
    private final String prefix;
    private final int maxWordChars;

    WordPiece(BasicTokenizer basic, Vocab vocab, String unkToken, String prefix, int maxWordChars) {
        this.basic = basic;
        this.vocab = vocab;
        this.unkToken = unkToken;
        this.unkId = vocab.require(unkToken);
        this.prefix = prefix;
        this.maxWordChars = maxWordChars;
    }

    @Override
    public void encode(String text, int from, int to, TokenList out) {
        basic.words(text, from, to, (norm, a, b) -> encodeWord(norm, a, b, out));
    }

    @Override
    public int tokenId(String token) {
        return vocab.id(token);
    }

    @Override
    public String token(int id) {
        return vocab.token(id);
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    private void encodeWord(NormalizedText norm, int a, int b, TokenList out) {
        int sizeBefore = out.size();
        if (b - a <= maxWordChars) {
            int start = a;
            while (start < b) {
                int end = longestPiece(norm, a, start, b, out);
                if (end < 0) {
                    break;
                }
                start = end;
            }
            if (start == b) {
                return;
            }
        }
        out.truncate(sizeBefore);
        out.add(unkId, unkToken, norm.start(a), norm.end(b - 1));
    }

    /** Adds the longest vocabulary piece starting at code point start; returns its end, or -1 if none. */
    private int longestPiece(NormalizedText norm, int wordStart, int start, int wordEnd, TokenList out) {
        String head = start > wordStart ? prefix : "";
        for (int end = wordEnd; end > start; end--) {
            String piece = head + norm.substring(start, end);
            int id = vocab.id(piece);
            if (id >= 0) {
                out.add(id, piece, norm.start(start), norm.end(end - 1));
                return end;
            }
        }
        return -1;
    }
}
