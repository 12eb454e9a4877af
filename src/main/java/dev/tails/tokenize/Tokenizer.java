package dev.tails.tokenize;

import java.nio.file.Path;

/** Text to token ids, with the model's special tokens added, as Hugging Face's tokenizers do. */
public interface Tokenizer {

    /** One text: [CLS] text [SEP] (WordPiece) or &lt;s&gt; text &lt;/s&gt; (BPE). */
    Encoding encode(String text);

    /** A pair: [CLS] A [SEP] B [SEP] with type ids 0/1, or &lt;s&gt; A &lt;/s&gt;&lt;/s&gt; B &lt;/s&gt; all type 0. */
    Encoding encodePair(String first, String second);

    int padId();

    int vocabSize();

    /** "wordpiece", "bpe" or "unigram" (SentencePiece). */
    String family();

    /** The vocabulary's string for an id ("##ing", "ĠParis", "[MASK]"); a TailsException for an id it lacks. */
    String token(int id);

    /**
     * Ids back to text as Hugging Face's decode: WordPiece pieces joined ("##" glued on), byte-level
     * BPE bytes read back as UTF-8, then clean_up_tokenization_spaces (" ." to ".", " 's" to "'s", ...;
     * tokenizer_config.json may turn it off). skipSpecialTokens drops [CLS], [SEP], [MASK], &lt;s&gt;, ...
     */
    String decode(int[] ids, boolean skipSpecialTokens);

    /** decode with skip_special_tokens=True, the usual reading of a sequence. */
    default String decode(int[] ids) {
        return decode(ids, true);
    }

    /** The id of [MASK] / &lt;mask&gt;; a TailsException when the vocabulary has none. */
    int maskId();

    /**
     * From a model folder: tokenizer.json if present, else vocab.txt (+ tokenizer_config.json's
     * do_lower_case, default true), else vocab.json + merges.txt.
     */
    static Tokenizer load(Path modelDir) {
        return TokenizerLoader.load(modelDir);
    }
}
