package dev.tails.analysis;

import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;
import dev.tails.model.Model;
import dev.tails.tokenize.Encoding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The texts of a study, tokenized once, so that every pass sees the same tokens and samples of
 * sentences, tokens and words can be drawn before the first forward pass.
 */
public final class TokenizedCorpus {
    private final Model model;
    private final List<Encoding> encodings;
    private final boolean specialTokens;

    private TokenizedCorpus(Model model, List<Encoding> encodings, boolean specialTokens) {
        this.model = model;
        this.encodings = encodings;
        this.specialTokens = specialTokens;
    }

    /** specialTokens: whether [CLS], [SEP] and the like are counted (the paper counts them). */
    public static TokenizedCorpus of(Model model, List<String> texts, boolean truncate, boolean specialTokens) {
        List<Encoding> encodings = new ArrayList<>(texts.size());
        for (String text : texts) {
            Encoding e = model.tokenizer().encode(text);
            encodings.add(truncate && e.length() > model.config().maxTokens() ? e.truncated(model.config().maxTokens()) : e);
        }
        return new TokenizedCorpus(model, encodings, specialTokens);
    }

    /** The texts sorted by token count, ties in their given order. */
    public static List<String> byTokenCount(Model model, List<String> texts) {
        int[] lengths = texts.stream().mapToInt(t -> model.tokenizer().encode(t).length()).toArray();
        return IntStream.range(0, texts.size()).boxed().sorted(Comparator.comparingInt(i -> lengths[i]))
                .map(texts::get).toList();
    }

    public int size() {
        return encodings.size();
    }

    public Encoding encoding(int sentence) {
        return encodings.get(sentence);
    }

    public boolean counts(int sentence, int position) {
        return specialTokens || encodings.get(sentence).specialTokensMask()[position] == 0;
    }

    public boolean specialTokens() {
        return specialTokens;
    }

    /** Token vectors counted per hidden state. */
    public long countedTokens() {
        long n = 0;
        for (int s = 0; s < encodings.size(); s++) {
            for (int p = 0; p < encodings.get(s).length(); p++) {
                n += counts(s, p) ? 1 : 0;
            }
        }
        return n;
    }

    public Batch batch(int from, int to) {
        return Batch.of(encodings.subList(from, to), model.config());
    }

    /** Hands every counted token of a batch's output (whose first text is sentence {@code first}) to the visitor. */
    public void forEachToken(EncoderOutput output, int first, TokenVisitor visitor) {
        Batch batch = output.batch();
        for (int seq = 0; seq < batch.size(); seq++) {
            for (int pos = 0; pos < batch.length(seq); pos++) {
                if (counts(first + seq, pos)) {
                    visitor.visit(first + seq, pos, (seq * batch.seqLen() + pos) * output.hiddenSize());
                }
            }
        }
    }

    /** A counted token: its sentence, its position, and the offset of its row in every hidden state. */
    @FunctionalInterface
    public interface TokenVisitor {
        void visit(int sentence, int position, int offset);
    }
}
