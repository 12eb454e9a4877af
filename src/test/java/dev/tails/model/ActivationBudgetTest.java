package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.TestFiles;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationBudgetTest {
    private static final Model TINY = Model.load(TestFiles.resource("models/tiny-bert"));

    /** {@code texts} sequences of {@code tokens} ids each. */
    private static Batch batch(int texts, int tokens) {
        int[][] ids = new int[texts][];
        int[][] types = new int[texts][];
        int[] one = new int[tokens];
        Arrays.fill(one, 1000);
        for (int i = 0; i < texts; i++) {
            ids[i] = one;
            types[i] = new int[tokens];
        }
        return Batch.of(ids, types, TINY.config());
    }

    @Test
    void aBatchBeyondTheHeapIsRefusedBeforeAllocating() {
        Runtime rt = Runtime.getRuntime();
        // scores alone: 4 heads x 512² floats = 4 MB per text; enough texts to need twice the heap
        int texts = (int) Math.min(Integer.MAX_VALUE / (4L * 512 * 512) - 1, 2 * rt.maxMemory() / (8L << 20) + 1);
        Batch huge = batch(texts, 512);
        long usedBefore = rt.totalMemory() - rt.freeMemory();
        String m = assertThrows(TailsException.class, () -> TINY.forward(huge, ForwardHooks.NONE)).getMessage();
        assertTrue(m.contains(texts + " texts x 512 tokens") && m.contains("a smaller batch") && !m.contains("--"), m);
        assertTrue(rt.totalMemory() - rt.freeMemory() < usedBefore + (256 << 20), "refused before allocating");
    }

    /** A heap that shows {@code before} bytes free until collected, then {@code after}. */
    private static final class FakeHeap implements ActivationBudget.Heap {
        private long free;
        private final long afterCollect;
        int collections;

        FakeHeap(long before, long afterCollect) {
            this.free = before;
            this.afterCollect = afterCollect;
        }

        @Override
        public long available() {
            return free;
        }

        @Override
        public void collect() {
            collections++;
            free = afterCollect;
        }
    }

    @Test
    void garbageIsCollectedBeforeABatchIsRefused() {
        ModelConfig c = TINY.config();
        long needed = ActivationBudget.bytes(c, 4, 64);
        FakeHeap fullOfGarbage = new FakeHeap(needed / 2, needed * 4);
        ActivationBudget.check(c, 4, 64, fullOfGarbage);
        assertEquals(1, fullOfGarbage.collections);

        FakeHeap roomy = new FakeHeap(needed * 4, needed * 4);
        ActivationBudget.check(c, 4, 64, roomy);
        assertEquals(0, roomy.collections, "no collection while there is room");

        FakeHeap full = new FakeHeap(needed / 2, needed / 2);
        String m = assertThrows(TailsException.class, () -> ActivationBudget.check(c, 4, 64, full)).getMessage();
        assertTrue(m.contains("4 texts x 64 tokens"), m);
    }

    @Test
    void anActivationLargerThanAnArrayIsRefused() {
        String m = assertThrows(TailsException.class, () -> TINY.forward(batch(2100, 512), ForwardHooks.NONE)).getMessage();
        assertTrue(m.contains("more than a Java array"), m);
    }

    @Test
    void theEstimateCoversTheAttentionScoresAndEveryState() {
        ModelConfig c = TINY.config();
        long scores = 4L * 3 * c.numHeads() * 10 * 10;
        long states = 4L * (c.numLayers() + 1) * 3 * 10 * c.hiddenSize();
        assertTrue(ActivationBudget.bytes(c, 3, 10) > scores + states);
    }

    @Test
    void aForwardKeepingOnlyTheLastStateIsBudgetedLStatesLess() {
        ModelConfig c = TINY.config();
        // L of the L+1 states of 3 x 10 rows of H floats are not kept.
        long dropped = 4L * c.numLayers() * 3 * 10 * c.hiddenSize();
        assertEquals(dropped, ActivationBudget.bytes(c, 3, 10) - ActivationBudget.bytes(c, 3, 10, 1));
    }
}
