package dev.tails.tokenize;

/** One step of a tokenizer.json "normalizer": a new text whose code points keep their original spans. */
interface TextNormalizer {
    NormalizedText normalize(NormalizedText text);
}
