package dev.tails.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Attention runs a block of queries at a time unless a hook wants a whole score or pattern matrix;
 * both ways must give the same bits (ragged lengths: padding keys and a short last block).
 */
class AttentionPathsTest {
    @Test
    void queryBlocksGiveTheSameBitsAsWholePatterns() {
        ModelConfig config = new ModelConfig(ModelFamily.BERT, 300, 32, 2, 2, 64, 128, 2, 1e-12f, Activation.GELU_ERF, 0, true);
        Encoder encoder = RandomEncoder.create(config, 3);
        int[][] ids = {new int[97], new int[41]};
        for (int[] row : ids) {
            for (int t = 0; t < row.length; t++) {
                row[t] = (t * 17 + row.length) % config.vocabSize();
            }
        }
        Batch batch = Batch.of(ids, new int[][]{new int[97], new int[41]}, config);
        EncoderOutput blocks = encoder.forward(batch);
        EncoderOutput whole = encoder.forward(batch, watching(HookPoint.PATTERN));
        for (int s = 0; s < blocks.numStates(); s++) {
            assertArrayEquals(whole.hiddenStates()[s], blocks.hiddenStates()[s], "hidden state " + s);
        }
    }

    /** Listens at one point (every layer) and changes nothing. */
    private static ForwardHooks watching(HookPoint watched) {
        return new ForwardHooks() {
            @Override
            public boolean active(HookPoint point, int layer) {
                return point == watched;
            }

            @Override
            public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
            }
        };
    }
}
