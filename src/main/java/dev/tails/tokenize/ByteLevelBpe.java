package dev.tails.tokenize;

/** GPT-2/RoBERTa tokenization of a stretch of text: byte-level words, then BPE on each. */
final class ByteLevelBpe implements SegmentModel {
    private final Bpe bpe;

    ByteLevelBpe(Bpe bpe) {
        this.bpe = bpe;
    }

    @Override
    public void encode(String text, int from, int to, TokenList out) {
        ByteLevel.words(text, from, to, (word, starts, ends) -> {
            Bpe.Pieces pieces = bpe.encode(word);
            int begin = 0;
            for (int i = 0; i < pieces.ids().length; i++) {
                int end = pieces.ends()[i];
                int id = pieces.ids()[i];
                out.add(id, bpe.vocab().token(id), starts[begin], ends[end - 1]);
                begin = end;
            }
        });
    }

    @Override
    public int tokenId(String token) {
        return bpe.vocab().id(token);
    }

    @Override
    public String token(int id) {
        return bpe.vocab().token(id);
    }

    @Override
    public int vocabSize() {
        return bpe.vocab().size();
    }
}
