package dev.tails.spark;

import dev.tails.TailsException;
import dev.tails.model.ModelConfig;
import dev.tails.model.Pooling;
import dev.tails.model.SentenceConfig;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * What the embed job computes, as `tails embed`'s options say it.
 *
 * @param model the model folder, on storage every node sees or shipped with the job (see {@link ModelCache#resolve})
 * @param pooling the pooling, or null for the folder's own (sentence-transformers files, else mean)
 * @param normalize whether to L2-normalize, or null for the folder's own
 * @param interventions the --zero-* interventions applied in the graph
 * @param batchSize texts per forward pass
 * @param textsPerBlock texts a task runs and holds at once (sorted by length into batches)
 */
public record EmbedSettings(String model, Pooling pooling, Boolean normalize, Interventions interventions, int batchSize,
                            int textsPerBlock) implements Serializable {
    /** Refuses sizes below 1. */
    public EmbedSettings {
        if (batchSize < 1 || textsPerBlock < 1) {
            throw new TailsException("embed: batch size and texts per block must be at least 1, got "
                    + batchSize + " and " + textsPerBlock);
        }
    }

    /** The folder's own pooling and normalization, no intervention, batches of 32 (as `Model.embed`), 512 texts a block. */
    public static EmbedSettings of(String model) {
        return new EmbedSettings(model, null, null, Interventions.NONE, 32, 512);
    }

    /** The folder's setting with this job's overrides, as `tails embed` makes it; needs no weights. */
    SentenceConfig sentence(Path folder, ModelConfig config) {
        SentenceConfig own = SentenceConfig.of(folder, config);
        return own.with(pooling == null ? own.pooling() : pooling, normalize == null ? own.normalize() : normalize);
    }
}
