package dev.tails.tokenize;

import java.util.List;

/**
 * HF's Metaspace decoder (XLM-R, CamemBERT): pieces joined as they are, the replacement '▁' turned back
 * into a space, and the space the pre-tokenizer put before the first word dropped.
 */
final class MetaspaceDecoder implements Decoder {
    private static final char REPLACEMENT = '\u2581';

    @Override
    public String decode(List<String> tokens) {
        String text = String.join("", tokens).replace(REPLACEMENT, ' ');
        return text.startsWith(" ") ? text.substring(1) : text;
    }
}
