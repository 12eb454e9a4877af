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

    /**
     * From a model folder: tokenizer.json if present, else vocab.txt (+ tokenizer_config.json's
     * do_lower_case, default true), else vocab.json + merges.txt.
     */
    static Tokenizer load(Path modelDir) {
        return TokenizerLoader.load(modelDir);
    }
}
