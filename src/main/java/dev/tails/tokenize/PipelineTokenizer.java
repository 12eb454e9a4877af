package dev.tails.tokenize;

import dev.tails.TailsException;

/** The HF pipeline: added tokens split off the raw text, the model on the rest, then the template; and back. */
final class PipelineTokenizer implements Tokenizer {
    private final String family;
    private final AddedTokens added;
    private final SegmentModel model;
    private final PostProcessor post;
    private final int padId;
    private final int vocabSize;
    private final Detokenizer detokenizer;

    PipelineTokenizer(String family, AddedTokens added, SegmentModel model, PostProcessor post,
                      int padId, int vocabSize, Detokenizer detokenizer) {
        this.family = family;
        this.added = added;
        this.model = model;
        this.post = post;
        this.padId = padId;
        this.vocabSize = vocabSize;
        this.detokenizer = detokenizer;
    }

    @Override
    public Encoding encode(String text) {
        return post.single(tokens(text));
    }

    @Override
    public Encoding encodePair(String first, String second) {
        return post.pair(tokens(first), tokens(second));
    }

    private TokenList tokens(String text) {
        if (text == null) {
            throw new TailsException("tokenizer: the text to encode is null");
        }
        TokenList out = new TokenList();
        added.split(text, new AddedTokens.Sink() {
            @Override
            public void text(int from, int to) {
                model.encode(text, from, to, out);
            }

            @Override
            public void token(int id, String token, int from, int to) {
                out.add(id, token, from, to);
            }
        });
        return out;
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public String token(int id) {
        return detokenizer.token(id);
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        return detokenizer.decode(ids, skipSpecialTokens);
    }

    @Override
    public int maskId() {
        return detokenizer.maskId();
    }
}
