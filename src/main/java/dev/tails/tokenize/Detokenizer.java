package dev.tails.tokenize;

import dev.tails.TailsException;

import java.util.ArrayList;
import java.util.List;

/**
 * Ids back to tokens and text, as Hugging Face's tokenizer.decode: special tokens dropped on
 * request (skip_special_tokens), the family's {@link Decoder}, then clean_up_tokenization_spaces.
 */
final class Detokenizer {
    /** transformers' clean_up_tokenization, in its order: the spaces a word-level join leaves before punctuation and clitics. */
    private static final String[][] CLEAN_UP = {
            {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"}, {" n't", "n't"},
            {" 'm", "'m"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"}};
    /** The mask tokens of BERT and RoBERTa vocabularies. */
    private static final List<String> MASK_TOKENS = List.of("[MASK]", "<mask>");

    private final String[] tokens;
    private final boolean[] special;
    private final Decoder decoder;
    private final boolean cleanUpSpaces;
    private final int maskId;

    /** The vocabulary's tokens, with the added tokens (which may lie beyond it) marked special as their files say. */
    Detokenizer(SegmentModel model, List<AddedTokens.Added> added, int size, Decoder decoder, boolean cleanUpSpaces) {
        this.tokens = new String[size];
        this.special = new boolean[size];
        for (int id = 0; id < Math.min(size, model.vocabSize()); id++) {
            tokens[id] = model.token(id);
        }
        int mask = -1;
        for (AddedTokens.Added a : added) {
            tokens[a.id()] = a.content();
            special[a.id()] = a.special();
            if (a.special() && mask < 0 && MASK_TOKENS.contains(a.content())) {
                mask = a.id();
            }
        }
        this.maskId = mask;
        this.decoder = decoder;
        this.cleanUpSpaces = cleanUpSpaces;
    }

    String token(int id) {
        if (id < 0 || id >= tokens.length || tokens[id] == null) {
            throw new TailsException("token id " + id + " is not in the vocabulary (ids 0.." + (tokens.length - 1) + ")");
        }
        return tokens[id];
    }

    String decode(int[] ids, boolean skipSpecialTokens) {
        List<String> kept = new ArrayList<>(ids.length);
        for (int id : ids) {
            String token = token(id);
            if (!(skipSpecialTokens && special[id])) {
                kept.add(token);
            }
        }
        String text = decoder.decode(kept);
        return cleanUpSpaces ? cleanUp(text) : text;
    }

    int maskId() {
        if (maskId < 0) {
            throw new TailsException("the tokenizer has no special mask token (" + String.join(" or ", MASK_TOKENS) + ")");
        }
        return maskId;
    }

    private static String cleanUp(String text) {
        for (String[] rule : CLEAN_UP) {
            text = text.replace(rule[0], rule[1]);
        }
        return text;
    }
}
