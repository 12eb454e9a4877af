package dev.tails.tokenize;

import java.nio.file.Path;

/** Text to token ids, with the model's special tokens added, as Hugging Face's tokenizers do. */
public interface Tokenizer {

    /**
     * One text: [CLS] text [SEP] (WordPiece) or &lt;s&gt; text &lt;/s&gt; (BPE).
     *
     * @param text any text (none is refused)
     * @return its encoding
     */
    Encoding encode(String text);

    /**
     * A pair: [CLS] A [SEP] B [SEP] with type ids 0/1, or &lt;s&gt; A &lt;/s&gt;&lt;/s&gt; B &lt;/s&gt; all type 0.
     *
     * @param first text A
     * @param second text B
     * @return the pair's encoding
     */
    Encoding encodePair(String first, String second);

    /** {@return the padding token's id} */
    int padId();

    /** {@return the number of ids} */
    int vocabSize();

    /** {@return "wordpiece", "bpe" or "unigram" (SentencePiece)} */
    String family();

    /**
     * The vocabulary's string for an id.
     *
     * @param id a token id
     * @return its string ("##ing", "ĠParis", "[MASK]")
     * @throws dev.tails.TailsException for an id the vocabulary lacks
     */
    String token(int id);

    /**
     * Ids back to text as Hugging Face's decode: WordPiece pieces joined ("##" glued on), byte-level
     * BPE bytes read back as UTF-8, then clean_up_tokenization_spaces (" ." to ".", " 's" to "'s", ...;
     * tokenizer_config.json may turn it off).
     *
     * @param ids token ids
     * @param skipSpecialTokens whether [CLS], [SEP], [MASK], &lt;s&gt;, ... are dropped
     * @return the text
     */
    String decode(int[] ids, boolean skipSpecialTokens);

    /**
     * decode with skip_special_tokens=True, the usual reading of a sequence.
     *
     * @param ids token ids
     * @return the text
     */
    default String decode(int[] ids) {
        return decode(ids, true);
    }

    /**
     * {@return the id of [MASK] / &lt;mask&gt;}
     *
     * @throws dev.tails.TailsException when the vocabulary has none
     */
    int maskId();

    /**
     * From a model folder: tokenizer.json if present, else vocab.txt (+ tokenizer_config.json's
     * do_lower_case, default true), else vocab.json + merges.txt.
     *
     * @param modelDir the model folder
     * @return its tokenizer
     */
    static Tokenizer load(Path modelDir) {
        return TokenizerLoader.load(modelDir);
    }
}
