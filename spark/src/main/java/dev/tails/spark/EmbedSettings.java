package dev.tails.spark;

import dev.tails.TailsException;

import java.io.Serializable;

/**
 * What the embed job computes: sentence-transformers' embeddings of a model folder holding its files
 * (modules.json, 1_Pooling/config.json).
 *
 * @param model the model folder, on storage every node sees or shipped with the job (see {@link ModelCache#resolve})
 * @param batchSize texts per forward pass
 * @param textsPerBlock texts a task runs and holds at once (sorted by length into batches)
 */
public record EmbedSettings(String model, int batchSize, int textsPerBlock) implements Serializable {
    /** Refuses sizes below 1. */
    public EmbedSettings {
        if (batchSize < 1 || textsPerBlock < 1) {
            throw new TailsException("embed: batch size and texts per block must be at least 1, got "
                    + batchSize + " and " + textsPerBlock);
        }
    }

    /** Batches of 16, 512 texts a block. */
    public static EmbedSettings of(String model) {
        return new EmbedSettings(model, 16, 512);
    }
}
