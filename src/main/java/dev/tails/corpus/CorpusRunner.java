package dev.tails.corpus;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.model.EncoderOutput;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import dev.tails.model.RunOrder;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one way to run a corpus through a model: batches of {@code batchSize} texts in the corpus's
 * run order, each handed on with the corpus index of its texts. Everything above (study,
 * attribution, evaluations, the commands that write activations) runs its passes through here.
 */
public final class CorpusRunner {
    private final Model model;
    private final int batchSize;
    private final boolean truncate;

    /**
     * A runner over one model.
     *
     * @param model the model to run
     * @param batchSize the number of texts per forward
     * @param truncate whether a text over the model's limit keeps its first tokens instead of failing its batch
     * @throws TailsException if the batch size is below 1
     */
    public CorpusRunner(Model model, int batchSize, boolean truncate) {
        this.model = model;
        this.batchSize = RunOrder.checkBatchSize(batchSize);
        this.truncate = truncate;
    }

    /**
     * The texts tokenized once, batched by length, special tokens counted: ready for any number of passes.
     *
     * @param texts the texts
     * @return the tokenized corpus
     */
    public TokenizedCorpus corpus(Iterable<String> texts) {
        return TokenizedCorpus.of(model, texts, truncate, true, true);
    }

    /**
     * The model the runner runs.
     *
     * @return the model
     */
    public Model model() {
        return model;
    }

    /**
     * The number of texts per forward.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Whether a text over the model's limit is cut to its first tokens rather than refused.
     *
     * @return true when texts are truncated
     */
    public boolean truncates() {
        return truncate;
    }

    /**
     * One pass with the same hooks for every batch; progress gets 0 as the pass begins (so a display
     * can time each pass), then each batch's texts and tokens, and the fraction of texts done.
     *
     * @param corpus the texts, in its run order
     * @param hooks the hooks every forward runs with ({@link ForwardHooks#NONE} for none)
     * @param each called with each batch's output, while it is alive
     * @param progress told of each batch
     */
    public void forEachBatch(TokenizedCorpus corpus, ForwardHooks hooks, Consumer<CorpusBatch> each, Progress progress) {
        progress.fraction(0);
        int done = 0;
        for (int[] texts : corpus.runOrder().batches(batchSize)) {
            EncoderOutput output = model.forward(corpus.batch(texts), hooks);
            each.accept(new CorpusBatch(corpus, texts, output));
            done += texts.length;
            progress.advance(texts.length, tokens(corpus, texts));
            progress.fraction((double) done / corpus.size());
        }
    }

    private static long tokens(TokenizedCorpus corpus, int[] texts) {
        long tokens = 0;
        for (int t : texts) {
            tokens += corpus.encoding(t).length();
        }
        return tokens;
    }

    /**
     * Each text's hidden states per variant, reduced to what a job keeps (all states of all texts
     * would not fit in memory); results in input order. Raw and clipped-after share one forward,
     * clipped-in-graph takes a second one, whose state 0 (the embeddings) is clipped after the fact
     * too, so it parts from clipped-after from state 2 on.
     *
     * @param <R> what is kept of one text
     * @param texts the texts, tokenized here
     * @param variants the variants to compute
     * @param clip the dims the clipped variants zero
     * @param reducer keeps what the job needs of one text's states
     * @param progress told of each batch of each pass
     * @return per variant asked for, one result per text in input order
     */
    public <R> Map<Variant, List<R>> reduce(List<String> texts, Set<Variant> variants, Clip clip,
                                            TextReducer<R> reducer, Progress progress) {
        return reduce(corpus(texts), variants, clip, reducer, progress);
    }

    /**
     * {@link #reduce(List, Set, Clip, TextReducer, Progress)} over a corpus already tokenized.
     *
     * @param <R> what is kept of one text
     * @param corpus the tokenized texts
     * @param variants the variants to compute
     * @param clip the dims the clipped variants zero
     * @param reducer keeps what the job needs of one text's states
     * @param progress told of each batch of each pass
     * @return per variant asked for, one result per text in corpus order
     */
    public <R> Map<Variant, List<R>> reduce(TokenizedCorpus corpus, Set<Variant> variants, Clip clip,
                                            TextReducer<R> reducer, Progress progress) {
        Map<Variant, R[]> results = new EnumMap<>(Variant.class);
        for (Variant v : variants) {
            @SuppressWarnings("unchecked")
            R[] slots = (R[]) new Object[corpus.size()];
            results.put(v, slots);
        }
        boolean plain = variants.contains(Variant.RAW) || variants.contains(Variant.CLIPPED_AFTER);
        boolean inGraph = variants.contains(Variant.CLIPPED_IN_GRAPH);
        int passes = (plain ? 1 : 0) + (inGraph ? 1 : 0);
        if (plain) {
            forEachBatch(corpus, ForwardHooks.NONE, batch -> {
                for (int b = 0; b < batch.size(); b++) {
                    TextStates raw = batch.states(b);
                    put(results, Variant.RAW, batch.text(b), raw, reducer);
                    if (results.containsKey(Variant.CLIPPED_AFTER)) {
                        put(results, Variant.CLIPPED_AFTER, batch.text(b), raw.clipped(clip), reducer);
                    }
                }
            }, Progress.part(progress, 0, passes));
        }
        if (inGraph) {
            forEachBatch(corpus, clip.inGraph(model.config()), batch -> {
                for (int b = 0; b < batch.size(); b++) {
                    put(results, Variant.CLIPPED_IN_GRAPH, batch.text(b), batch.states(b).clipped(clip), reducer);
                }
            }, Progress.part(progress, passes - 1, passes));
        }
        Map<Variant, List<R>> lists = new EnumMap<>(Variant.class);
        results.forEach((v, slots) -> lists.put(v, Arrays.asList(slots)));
        return lists;
    }

    private static <R> void put(Map<Variant, R[]> results, Variant variant, int text, TextStates states,
                                TextReducer<R> reducer) {
        R[] slots = results.get(variant);
        if (slots != null) {
            slots[text] = reducer.reduce(text, states);
        }
    }
}
