package dev.tails.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.TestFiles;
import dev.tails.kernel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * One loaded model serving many threads gives, bit for bit, what it gives one thread; an
 * intervention hook passed to one call never reaches another; and the GEMM thread count does not
 * change a single bit (every output tile is computed by one thread in a fixed order).
 */
class ConcurrentForwardTest {
    private static final int THREADS = 8;
    private static final int FORWARDS_PER_THREAD = 200;
    private static final int BATCHES = 24;

    private static Model model;
    private static List<List<String>> batches;
    private final int threadsBefore = Parallel.threads();

    @BeforeAll
    static void load() throws IOException {
        model = Model.load(TestFiles.resource("models/tiny-bert"));
        List<String> texts = List.of(new ObjectMapper().readValue(
                TestFiles.resource("golden/inputs/visible.json").toFile(), String[].class));
        // batches of 1 to 3 texts of mixed lengths, so padding and batch size vary between calls
        batches = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            int size = 1 + i % 3;
            List<String> batch = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                batch.add(texts.get((i * 5 + j * 7) % texts.size()));
            }
            batches.add(batch);
        }
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    /** Even calls run plain, odd calls zero dim 3 of every layer output: an intervention that must stay in its call. */
    private static float[][] forward(int call) {
        List<String> texts = batches.get(call % BATCHES);
        ForwardHooks hooks = call % 2 == 0 ? ForwardHooks.NONE : new ZeroDim(3);
        return model.forward(model.batch(texts, false), hooks).hiddenStates();
    }

    @Test
    void eightThreadsGiveTheSingleThreadedResultsBitForBit() throws Exception {
        float[][][] expected = new float[2 * BATCHES][][];
        for (int call = 0; call < expected.length; call++) {
            expected[call] = forward(call);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < FORWARDS_PER_THREAD; i++) {
                        int call = (thread * 13 + i) % expected.length;
                        assertBitIdentical(expected[call], forward(call), "thread " + thread + ", call " + call);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void gemmThreadCountChangesNoBit() {
        Parallel.setThreads(1);
        float[][][] single = new float[BATCHES][][];
        for (int call = 0; call < BATCHES; call++) {
            single[call] = forward(call);
        }
        for (int threads : new int[] {2, 3, 8}) {
            Parallel.setThreads(threads);
            for (int call = 0; call < BATCHES; call++) {
                assertBitIdentical(single[call], forward(call), threads + " GEMM threads, call " + call);
            }
        }
    }

    private static void assertBitIdentical(float[][] expected, float[][] actual, String what) {
        for (int state = 0; state < expected.length; state++) {
            // assertArrayEquals on float[] compares with floatToIntBits: bit identity, NaN included
            assertArrayEquals(expected[state], actual[state], what + ", hidden state " + state);
        }
    }

    /** Zeroes one dim of every layer's output. */
    private record ZeroDim(int dim) implements ForwardHooks {
        @Override
        public boolean active(HookPoint point, int layer) {
            return point == HookPoint.NORMALIZED_RESID_POST;
        }

        @Override
        public void fire(HookPoint point, int layer, float[] activation, dev.tails.model.Batch batch) {
            int h = model.config().hiddenSize();
            for (int row = 0; row < batch.rows(); row++) {
                activation[row * h + dim] = 0;
            }
        }
    }
}
