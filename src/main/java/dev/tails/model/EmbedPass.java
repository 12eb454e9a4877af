package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.tokenize.Encoding;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * sentence-transformers' encode: each text cut to max_seq_length, batches of like length (stable sort,
 * as corpus/TokenizedCorpus orders a corpus: the same batches, so the same bits), a forward keeping only
 * the last hidden state, each sequence pooled. A loop of its own because model/ sits below corpus/.
 */
final class EmbedPass {
    private final Model model;
    private final SentenceConfig sentence;
    private final int batchSize;
    private final ForwardHooks hooks;

    EmbedPass(Model model, SentenceConfig sentence, int batchSize, ForwardHooks hooks) {
        if (batchSize < 1) {
            throw new TailsException("batch size must be at least 1, got " + batchSize);
        }
        sentence.check(model);
        this.model = model;
        this.sentence = sentence;
        this.batchSize = batchSize;
        this.hooks = hooks.lastStateOnly();
    }

    float[][] run(List<String> texts) {
        List<Encoding> encodings = texts.stream().map(text -> sentence.encode(model, text)).toList();
        int[] order = IntStream.range(0, texts.size()).boxed()
                .sorted(Comparator.comparingInt(i -> encodings.get(i).length()))
                .mapToInt(Integer::intValue).toArray();
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < order.length; from += batchSize) {
            int[] chunk = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
            Batch batch = Batch.of(Arrays.stream(chunk).mapToObj(encodings::get).toList(), model.config());
            EncoderOutput out = model.forward(batch, hooks);
            for (int b = 0; b < chunk.length; b++) {
                vectors[chunk[b]] = sentence.embedding(out, b);
            }
        }
        return vectors;
    }
}
