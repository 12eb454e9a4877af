package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.tokenize.Encoding;
import dev.tails.tokenize.Tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * transformers' FillMaskPipeline: softmax over the vocabulary at each mask token, the k most likely
 * tokens, and each filled into the text. As the pipeline, the sequence drops special tokens when
 * the text has one mask and keeps them (so the other masks stay visible) when it has several.
 */
final class FillMask {
    private final Model model;
    private final Tokenizer tokenizer;
    private final int k;
    private final boolean truncate;

    FillMask(Model model, int k, boolean truncate) {
        int vocab = model.config().vocabSize();
        if (k < 1 || k > vocab) {
            throw new TailsException("top-k must be between 1 and the vocabulary size " + vocab + ", got " + k);
        }
        this.model = model;
        this.tokenizer = model.tokenizer();
        this.k = k;
        this.truncate = truncate;
    }

    List<List<MaskPredictions>> run(List<String> texts, ForwardHooks hooks) {
        int mask = tokenizer.maskId();
        List<Encoding> encodings = new ArrayList<>(texts.size());
        List<List<Integer>> masks = new ArrayList<>(texts.size());
        for (String text : texts) {
            Encoding e = model.encode(text, truncate);
            List<Integer> positions = new ArrayList<>();
            for (int t = 0; t < e.length(); t++) {
                if (e.ids()[t] == mask) {
                    positions.add(t);
                }
            }
            if (positions.isEmpty()) {
                throw new TailsException("no " + tokenizer.token(mask) + " token in the text \"" + text + "\""
                        + (truncate ? " (or none left after truncation)" : ""));
            }
            encodings.add(e);
            masks.add(positions);
        }
        MaskedLmOutput out = model.mlmLogits(Batch.of(encodings, model.config()), hooks);
        List<List<MaskPredictions>> result = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            List<MaskPredictions> perMask = new ArrayList<>();
            for (int position : masks.get(i)) {
                perMask.add(predict(out.logitsAt(i, position), encodings.get(i).ids(), position, masks.get(i).size() == 1));
            }
            result.add(perMask);
        }
        return result;
    }

    private MaskPredictions predict(float[] logits, int[] ids, int position, boolean singleMask) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        List<MaskFill> fills = new ArrayList<>(k);
        for (int id : topK(logits)) {
            int[] filled = ids.clone();
            filled[position] = id;
            fills.add(new MaskFill(Math.exp(logits[id] - max) / sum, id, tokenizer.decode(new int[] {id}, false),
                    tokenizer.decode(filled, singleMask)));
        }
        return new MaskPredictions(position, List.copyOf(fills));
    }

    /** Ids of the k largest logits, largest first; equal logits in id order. */
    private int[] topK(float[] logits) {
        Comparator<Integer> better = Comparator.<Integer>comparingDouble(id -> logits[id]).thenComparing(id -> -id);
        PriorityQueue<Integer> kept = new PriorityQueue<>(k + 1, better);  // the worst kept id on top
        for (int id = 0; id < logits.length; id++) {
            kept.add(id);
            if (kept.size() > k) {
                kept.poll();
            }
        }
        int[] top = new int[kept.size()];
        for (int i = top.length - 1; i >= 0; i--) {
            top[i] = kept.poll();
        }
        return top;
    }
}
