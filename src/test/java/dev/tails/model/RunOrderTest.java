package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.tokenize.Encoding;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one batch formation: orders and cuts against hand-worked examples. */
class RunOrderTest {

    @Test
    void byLengthIsAStableSortByTokenCount() {
        // Token counts 5, 3, 5, 1, 3 (texts 0..4): 1 (text 3), then the 3s in input order (1, 4), then the 5s (0, 2).
        RunOrder order = RunOrder.byLength(encodings(5, 3, 5, 1, 3));
        assertArrayEquals(new int[] {3, 1, 4, 0, 2}, order.indices());
        assertEquals(5, order.size());
    }

    @Test
    void batchesAreConsecutiveRunsOfTheOrderTheLastOneShorter() {
        List<int[]> byLength = RunOrder.byLength(encodings(5, 3, 5, 1, 3)).batches(2);
        assertEquals(List.of("[3, 1]", "[4, 0]", "[2]"), byLength.stream().map(Arrays::toString).toList());
        List<int[]> input = RunOrder.inputOrder(5).batches(3);
        assertEquals(List.of("[0, 1, 2]", "[3, 4]"), input.stream().map(Arrays::toString).toList());
        assertEquals(List.of("[0, 1, 2]"), RunOrder.inputOrder(3).batches(7).stream().map(Arrays::toString).toList());
        assertTrue(RunOrder.byLength(List.of()).batches(2).isEmpty(), "no texts, no batches");
    }

    @Test
    void indicesAreACopy() {
        RunOrder order = RunOrder.inputOrder(2);
        order.indices()[0] = 1;
        assertArrayEquals(new int[] {0, 1}, order.indices());
    }

    @Test
    void aBatchSizeBelowOneIsRefusedByName() {
        for (int size : new int[] {0, -3}) {
            TailsException e = assertThrows(TailsException.class, () -> RunOrder.inputOrder(4).batches(size));
            assertTrue(e.getMessage().contains("batch size must be at least 1, got " + size), e.getMessage());
            assertThrows(TailsException.class, () -> RunOrder.checkBatchSize(size));
        }
        assertEquals(1, RunOrder.checkBatchSize(1));
    }

    private static List<Encoding> encodings(int... lengths) {
        return Arrays.stream(lengths).mapToObj(n -> new Encoding(new int[n], new String[n], new int[n], new int[n],
                new int[n], new int[n])).toList();
    }
}
