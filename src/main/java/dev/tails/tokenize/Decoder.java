package dev.tails.tokenize;

import java.util.List;

/** Tokens back to text, as Hugging Face's decoders (WordPiece, ByteLevel). */
interface Decoder {
    String decode(List<String> tokens);
}
