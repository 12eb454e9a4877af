package dev.tails.fuzz;

import dev.tails.TestFiles;
import dev.tails.tokenize.Encoding;
import dev.tails.tokenize.Tokenizer;

/**
 * Arbitrary text through a real tokenizer. Text is not a file: nothing may escape, not even a
 * TailsException, and every id must lie inside the vocabulary.
 *
 * <p>The input is read as UTF-16LE code units, so lone surrogates and every other char sequence a
 * Java String can hold are reachable; a U+0000 splits it into the two texts of a pair.
 */
final class TokenizerTextTarget implements FuzzTarget {
    private final String name;
    private final String model;
    private Tokenizer tokenizer;

    private TokenizerTextTarget(String name, String model) {
        this.name = name;
        this.model = model;
    }

    static TokenizerTextTarget wordPiece() {
        return new TokenizerTextTarget("wordpiece-text", "models/tiny-bert");
    }

    static TokenizerTextTarget bpe() {
        return new TokenizerTextTarget("bpe-text", "models/tiny-roberta");
    }

    /** The SentencePiece tokenizer with the full nmt_nfkc charsmap of the Unigram goldens. */
    static TokenizerTextTarget unigram() {
        return new TokenizerTextTarget("unigram-text", "tokenizers/xlmr-unigram/json");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(byte[] input) {
        if (tokenizer == null) {
            tokenizer = Tokenizer.load(TestFiles.resource(model));  // loaded on first use: the real files take a while
        }
        String text = utf16(input);
        int split = text.indexOf('\0');
        String first = split < 0 ? text : text.substring(0, split);
        String second = split < 0 ? "" : text.substring(split + 1);
        check(tokenizer.encode(text), text);
        check(tokenizer.encodePair(first, second), text);
    }

    private void check(Encoding e, String text) {
        int[] ids = e.ids();
        if (ids.length != e.typeIds().length) {
            throw new AssertionError(ids.length + " ids but " + e.typeIds().length + " type ids for " + quoted(text));
        }
        for (int id : ids) {
            if (id < 0 || id >= tokenizer.vocabSize()) {
                throw new AssertionError("id " + id + " outside the vocabulary of " + tokenizer.vocabSize() + " for " + quoted(text));
            }
        }
    }

    static String utf16(byte[] bytes) {
        char[] chars = new char[bytes.length / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] & 0xff) << 8);
        }
        return new String(chars);
    }

    private static String quoted(String text) {
        return text.codePoints().limit(200)
                .collect(StringBuilder::new, (b, c) -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)),
                        StringBuilder::append).toString();
    }
}
