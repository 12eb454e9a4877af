package dev.tails.model;

import dev.tails.kernel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The whole forward (packed GEMMs, attention per head, fused GELU) gives the same bits on 1 and 2 threads. */
class ThreadCountTest {
    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void forwardIsBitIdenticalForOneAndTwoThreads() {
        ModelConfig config = new ModelConfig(ModelFamily.BERT, 500, 96, 2, 3, 200, 64, 2, 1e-12f, Activation.GELU_ERF, 0, true);
        Encoder encoder = RandomEncoder.create(config, 7);
        int[][] ids = {new int[37], new int[20]}; // ragged: padding, and edge tiles in every GEMM
        for (int[] row : ids) {
            for (int t = 0; t < row.length; t++) {
                row[t] = (t * 31 + row.length) % config.vocabSize();
            }
        }
        Batch batch = Batch.of(ids, new int[][]{new int[37], new int[20]}, config);
        Parallel.setThreads(1);
        EncoderOutput one = encoder.forward(batch);
        Parallel.setThreads(2);
        EncoderOutput two = encoder.forward(batch);
        for (int s = 0; s < one.numStates(); s++) {
            assertArrayEquals(one.hiddenStates()[s], two.hiddenStates()[s], "hidden state " + s);
        }
        assertArrayEquals(one.pooled(), two.pooled());
    }
}
