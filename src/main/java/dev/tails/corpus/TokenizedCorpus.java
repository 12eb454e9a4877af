package dev.tails.corpus;

import dev.tails.model.Batch;
import dev.tails.model.Model;
import dev.tails.model.RunOrder;
import dev.tails.tokenize.Encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Texts tokenized once, as they are read, so that every pass sees the same tokens and samples of
 * sentences, tokens and words can be drawn before the first forward pass. Texts keep their input
 * index; a {@link CorpusRunner} forms batches in the corpus's run order (by length, or input order).
 */
public final class TokenizedCorpus {
    private final Model model;
    private final List<String> texts;
    private final List<Encoding> encodings;
    private final boolean specialTokens;
    private final RunOrder runOrder;

    private TokenizedCorpus(Model model, List<String> texts, List<Encoding> encodings, boolean specialTokens,
                            boolean byLength) {
        this.model = model;
        this.texts = texts;
        this.encodings = encodings;
        this.specialTokens = specialTokens;
        this.runOrder = byLength ? RunOrder.byLength(encodings) : RunOrder.inputOrder(texts.size());
    }

    /**
     * Tokenizes every text once with the model's tokenizer.
     *
     * @param model the model whose tokenizer and config are used
     * @param texts the texts
     * @param truncate whether a text over the model's limit keeps its first tokens instead of being refused
     * @param specialTokens whether [CLS], [SEP] and the like are tokens that statistics count (the paper counts them)
     * @param byLength whether batches follow token count (little padding) instead of input order
     * @return the corpus
     */
    public static TokenizedCorpus of(Model model, Iterable<String> texts, boolean truncate, boolean specialTokens,
                                     boolean byLength) {
        return of(model, texts, text -> model.encode(text, truncate), specialTokens, byLength);
    }

    /**
     * Tokenizes every text once with a tokenization of the caller's (e.g. sentence-transformers' cut at
     * max_seq_length).
     *
     * @param model the model the batches are formed for
     * @param texts the texts
     * @param encoder the tokenization of one text
     * @param specialTokens whether [CLS], [SEP] and the like are tokens that statistics count
     * @param byLength whether batches follow token count (little padding) instead of input order
     * @return the corpus
     */
    public static TokenizedCorpus of(Model model, Iterable<String> texts, Function<String, Encoding> encoder,
                                     boolean specialTokens, boolean byLength) {
        List<String> kept = new ArrayList<>();
        List<Encoding> encodings = new ArrayList<>();
        for (String text : texts) {
            kept.add(text);
            encodings.add(encoder.apply(text));
        }
        return new TokenizedCorpus(model, List.copyOf(kept), List.copyOf(encodings), specialTokens, byLength);
    }

    /**
     * The model the corpus was tokenized for.
     *
     * @return the model
     */
    public Model model() {
        return model;
    }

    /**
     * The number of texts.
     *
     * @return the size
     */
    public int size() {
        return texts.size();
    }

    /**
     * One text.
     *
     * @param index the text's index
     * @return the text
     */
    public String text(int index) {
        return texts.get(index);
    }

    /**
     * Every text, by index.
     *
     * @return the texts, unmodifiable
     */
    public List<String> texts() {
        return texts;
    }

    /**
     * One text's tokens.
     *
     * @param index the text's index
     * @return the text's encoding
     */
    public Encoding encoding(int index) {
        return encodings.get(index);
    }

    /**
     * The same tokens renumbered so that text i is the i-th in run order (nothing is tokenized again):
     * samples drawn by index then pick the same texts as from a corpus sorted before it was read.
     *
     * @return the renumbered corpus, whose run order is its input order
     */
    public TokenizedCorpus inRunOrder() {
        int[] order = runOrder.indices();
        return new TokenizedCorpus(model, Arrays.stream(order).mapToObj(texts::get).toList(),
                Arrays.stream(order).mapToObj(encodings::get).toList(), specialTokens, false);
    }

    /**
     * The order batches are formed in.
     *
     * @return by length or input order, as the corpus was made
     */
    RunOrder runOrder() {
        return runOrder;
    }

    /**
     * Whether one token is one that statistics count.
     *
     * @param index the text's index
     * @param position the token's position in the text
     * @return true unless special tokens are not counted and this is one
     */
    public boolean counts(int index, int position) {
        return specialTokens || encodings.get(index).specialTokensMask()[position] == 0;
    }

    /**
     * Whether special tokens are counted by statistics.
     *
     * @return true when they are
     */
    public boolean specialTokens() {
        return specialTokens;
    }

    /**
     * All tokens of all texts, special tokens included: what a job that keeps every token row holds.
     *
     * @return the token count
     */
    public long tokens() {
        long n = 0;
        for (Encoding e : encodings) {
            n += e.length();
        }
        return n;
    }

    /**
     * Token vectors counted per hidden state.
     *
     * @return the count of tokens for which {@link #counts} is true
     */
    public long countedTokens() {
        long n = 0;
        for (int s = 0; s < encodings.size(); s++) {
            for (int p = 0; p < encodings.get(s).length(); p++) {
                n += counts(s, p) ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * The padded batch of some texts, for a forward.
     *
     * @param indices the texts' indices, in batch order
     * @return the batch
     */
    public Batch batch(int[] indices) {
        return Batch.of(Arrays.stream(indices).mapToObj(encodings::get).toList(), model.config());
    }
}
