package dev.tails.eval;

import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import dev.tails.tokenize.Encoding;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * Runs texts through the model in batches and hands each text's states, per variant, to a reducer
 * that keeps only what the evaluation needs (all states of all texts would not fit in memory).
 * Raw and clipped-after share one forward; clipped-in-graph needs a second one.
 */
public final class Embedder {
    private final Model model;
    private final int batchSize;
    private final boolean truncate;
    private final DimClipper clipper;

    public Embedder(Model model, int batchSize, boolean truncate, DimClipper clipper) {
        this.model = model;
        this.batchSize = Math.max(1, batchSize);
        this.truncate = truncate;
        this.clipper = clipper;
    }

    /** The reducer's result for each text (in input order) and each requested variant. */
    public <R> Map<Variant, List<R>> run(List<String> texts, Set<Variant> variants,
                                         TextReducer<R> reducer, DoubleConsumer progress) {
        List<Encoding> encodings = texts.stream().map(this::encode).toList();
        Integer[] order = lengthOrder(encodings);
        Map<Variant, R[]> results = new EnumMap<>(Variant.class);
        for (Variant v : variants) {
            @SuppressWarnings("unchecked")
            R[] slots = (R[]) new Object[texts.size()];
            results.put(v, slots);
        }
        boolean inGraph = variants.contains(Variant.CLIPPED_IN_GRAPH);
        boolean plain = variants.contains(Variant.RAW) || variants.contains(Variant.CLIPPED_AFTER);
        double total = texts.size() * ((plain ? 1 : 0) + (inGraph ? 1 : 0));
        double done = 0;
        for (int from = 0; from < order.length; from += batchSize) {
            Integer[] chunk = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
            Batch batch = Batch.of(Arrays.stream(chunk).map(encodings::get).toList(), model.config());
            if (plain) {
                EncoderOutput out = model.forward(batch, ForwardHooks.NONE);
                for (int b = 0; b < chunk.length; b++) {
                    TextStates raw = states(texts.get(chunk[b]), encodings.get(chunk[b]), out, b);
                    put(results, Variant.RAW, chunk[b], raw, reducer);
                    if (results.containsKey(Variant.CLIPPED_AFTER)) {
                        put(results, Variant.CLIPPED_AFTER, chunk[b], clipped(raw), reducer);
                    }
                }
                progress.accept((done += chunk.length) / total);
            }
            if (inGraph) {
                EncoderOutput out = model.forward(batch, clipper.inGraph());
                for (int b = 0; b < chunk.length; b++) {
                    // Block outputs are already zero there; this clips state 0 (the embeddings) too.
                    TextStates graph = clipped(states(texts.get(chunk[b]), encodings.get(chunk[b]), out, b));
                    put(results, Variant.CLIPPED_IN_GRAPH, chunk[b], graph, reducer);
                }
                progress.accept((done += chunk.length) / total);
            }
        }
        Map<Variant, List<R>> lists = new EnumMap<>(Variant.class);
        results.forEach((v, slots) -> lists.put(v, List.of(slots)));
        return lists;
    }

    private Encoding encode(String text) {
        Encoding e = model.tokenizer().encode(text);
        return truncate && e.length() > model.config().maxTokens() ? e.truncated(model.config().maxTokens()) : e;
    }

    /** Texts sorted by token count (stable), so a batch carries little padding. */
    private static Integer[] lengthOrder(List<Encoding> encodings) {
        Integer[] order = new Integer[encodings.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> encodings.get(i).length()));
        return order;
    }

    private static <R> void put(Map<Variant, R[]> results, Variant variant, int index, TextStates states,
                                TextReducer<R> reducer) {
        R[] slots = results.get(variant);
        if (slots != null) {
            slots[index] = reducer.reduce(index, states);
        }
    }

    private static TextStates states(String text, Encoding encoding, EncoderOutput out, int sequence) {
        float[][] states = new float[out.numStates()][];
        for (int s = 0; s < states.length; s++) {
            states[s] = out.hidden(s, sequence);
        }
        return new TextStates(text, encoding, states, out.hiddenSize());
    }

    private TextStates clipped(TextStates states) {
        float[][] copy = new float[states.numStates()][];
        for (int s = 0; s < copy.length; s++) {
            copy[s] = states.states()[s].clone();
            clipper.clipRows(copy[s], states.hiddenSize());
        }
        return new TextStates(states.text(), states.encoding(), copy, states.hiddenSize());
    }
}
