package dev.tails.shard;

import dev.tails.tensor.FloatTensor;

import java.util.Map;

/**
 * What one text yields for a shard. perToken tensors have the text's token count as first dim and are
 * concatenated over the shard's texts (ragged); perText tensors have one fixed shape and are stacked.
 */
public record TextTensors(Map<String, FloatTensor> perToken, Map<String, FloatTensor> perText) {
}
