package dev.tails.tokenize;

import java.util.List;

/** HF's WordPiece decoder: tokens joined by spaces, a continuing piece ("##ing") glued to the one before. */
final class WordPieceDecoder implements Decoder {
    private final String prefix;

    WordPieceDecoder(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public String decode(List<String> tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (i > 0 && token.startsWith(prefix)) {
                text.append(token, prefix.length(), token.length());
            } else {
                text.append(i > 0 ? " " : "").append(token);
            }
        }
        return text.toString();
    }
}
