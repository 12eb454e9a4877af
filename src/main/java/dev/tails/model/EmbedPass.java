package dev.tails.model;

import dev.tails.tokenize.Encoding;

import java.util.Arrays;
import java.util.List;

/**
 * sentence-transformers' encode: each text cut to max_seq_length, batches of like length
 * ({@link RunOrder#byLength}, the batches corpus/CorpusRunner forms, so the same bits), a forward keeping
 * only the last hidden state, each sequence pooled.
 */
final class EmbedPass {
    private final Model model;
    private final SentenceConfig sentence;
    private final int batchSize;
    private final ForwardHooks hooks;

    EmbedPass(Model model, SentenceConfig sentence, int batchSize, ForwardHooks hooks) {
        this.batchSize = RunOrder.checkBatchSize(batchSize);
        sentence.check(model);
        this.model = model;
        this.sentence = sentence;
        this.hooks = hooks.lastStateOnly();
    }

    float[][] run(List<String> texts) {
        List<Encoding> encodings = texts.stream().map(text -> sentence.encode(model, text)).toList();
        float[][] vectors = new float[texts.size()][];
        for (int[] chunk : RunOrder.byLength(encodings).batches(batchSize)) {
            Batch batch = Batch.of(Arrays.stream(chunk).mapToObj(encodings::get).toList(), model.config());
            EncoderOutput out = model.forward(batch, hooks);
            for (int b = 0; b < chunk.length; b++) {
                vectors[chunk[b]] = sentence.embedding(out, b);
            }
        }
        return vectors;
    }
}
