package dev.tails.spark;

import dev.tails.TailsException;

import java.io.Serializable;

/**
 * What the attribution job computes, as `tails attribute`'s options say it.
 *
 * @param model the model folder, on storage every node sees or shipped with the job (see {@link ModelCache#resolve})
 * @param layer the block, 0-based
 * @param dim the dim of the block output
 * @param top neurons and heads to report, by |mean|
 * @param batchSize texts per forward pass
 * @param truncate cut texts longer than the model allows instead of failing
 * @param textsPerBlock texts a task tokenizes and runs at once (sorted by length into batches)
 */
public record AttributionSettings(String model, int layer, int dim, int top, int batchSize, boolean truncate,
                                  int textsPerBlock) implements Serializable {
    /** Refuses sizes below 1 (block, dim and top are checked against the model when it is read). */
    public AttributionSettings {
        if (batchSize < 1 || textsPerBlock < 1) {
            throw new TailsException("attribute: batch size and texts per block must be at least 1, got "
                    + batchSize + " and " + textsPerBlock);
        }
    }

    /** The CLI's defaults: top 20, batches of 16, no truncation; 512 texts a block. */
    public static AttributionSettings of(String model, int layer, int dim) {
        return new AttributionSettings(model, layer, dim, 20, 16, false, 512);
    }
}
