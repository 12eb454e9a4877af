package dev.tails.model;

import dev.tails.TailsException;

/**
 * Refuses a batch whose activations would not fit the heap, before a single one is allocated, so
 * a too-large batch is a message and not an OutOfMemoryError halfway through a forward pass.
 */
public final class ActivationBudget {
    /** Live [B*T, H] arrays of one layer besides the kept states: input, q, k, v, context, attention out, residual. */
    private static final int HIDDEN_ARRAYS_PER_LAYER = 7;
    /** FFN pre/post activation and the attention scores/pattern may be alive at once. */
    private static final int WIDE_ARRAYS_PER_LAYER = 2;

    private ActivationBudget() {
    }

    /** Bytes of float32 activations a forward of {@code batch} holds at its peak (an upper estimate). */
    static long bytes(ModelConfig c, int batchSize, int seqLen) {
        return bytes(c, batchSize, seqLen, c.numLayers() + 1);
    }

    /** As above for a forward that returns {@code keptStates} hidden states (L+1, or 1 with only the last). */
    static long bytes(ModelConfig c, int batchSize, int seqLen, int keptStates) {
        long rows = (long) batchSize * seqLen;
        long states = (long) keptStates * rows * c.hiddenSize();
        long hidden = HIDDEN_ARRAYS_PER_LAYER * rows * c.hiddenSize();
        long scores = (long) batchSize * c.numHeads() * seqLen * seqLen;
        long wide = WIDE_ARRAYS_PER_LAYER * Math.max(scores, rows * c.intermediateSize());
        return 4 * (states + hidden + wide);
    }

    /** The heap as the budget sees it: free bytes, and a way to collect garbage (tests stand in their own). */
    interface Heap {
        long available();

        void collect();

        Heap RUNTIME = new Heap() {
            @Override
            public long available() {
                Runtime rt = Runtime.getRuntime();
                return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            }

            @Override
            public void collect() {
                System.gc();
            }
        };
    }

    /** Throws unless the batch's activations fit both Java arrays and the heap that is free now. */
    static void check(ModelConfig c, int batchSize, int seqLen, int keptStates) {
        check(c, batchSize, seqLen, keptStates, Heap.RUNTIME);
    }

    static void check(ModelConfig c, int batchSize, int seqLen, Heap heap) {
        check(c, batchSize, seqLen, c.numLayers() + 1, heap);
    }

    private static void check(ModelConfig c, int batchSize, int seqLen, int keptStates, Heap heap) {
        long scores = (long) batchSize * c.numHeads() * seqLen * seqLen;
        long widest = Math.max(scores, (long) batchSize * seqLen * Math.max(c.intermediateSize(), c.hiddenSize()));
        if (widest > Integer.MAX_VALUE - 8) {
            throw new TailsException("batch of " + batchSize + " texts x " + seqLen + " tokens: one activation would hold "
                    + widest + " floats, more than a Java array can; use a smaller batch");
        }
        requireFree(bytes(c, batchSize, seqLen, keptStates), String.format("the activations of a batch of %d texts x %d tokens "
                + "(a smaller batch needs less)", batchSize, seqLen), heap);
    }

    /** Throws unless logits [rows, vocab] fit a Java array and the free heap. */
    static void checkLogits(int rows, int vocab) {
        long floats = (long) rows * vocab;
        if (floats > Integer.MAX_VALUE - 8) {
            throw new TailsException("masked-LM logits of " + rows + " token rows x " + vocab + " vocabulary entries would hold "
                    + floats + " floats, more than a Java array can; use a smaller batch");
        }
        requireFree(4 * floats, "the masked-LM logits of " + rows + " token rows (a smaller batch needs less)", Heap.RUNTIME);
    }

    /**
     * Refuses an allocation the free heap (after one collection) cannot hold, so it is a message and not an
     * OutOfMemoryError halfway through a run.
     *
     * @param needed the bytes the caller is about to allocate
     * @param what what they hold, named in the message (it takes a plural verb: "... need about")
     * @throws TailsException if fewer than {@code needed} bytes are free
     */
    public static void requireFree(long needed, String what) {
        requireFree(needed, what, Heap.RUNTIME);
    }

    private static void requireFree(long needed, String what, Heap heap) {
        long available = heap.available();
        if (needed > available) {
            // "Used" counts garbage not yet collected: a long run's heap fills with it between full
            // collections, so collect once before calling the batch too large.
            heap.collect();
            available = heap.available();
        }
        if (needed > available) {
            throw new TailsException(String.format(
                    "%s need about %,d MB but the heap has %,d MB free (of -Xmx %,d MB); or give the JVM a larger -Xmx",
                    what, needed >> 20, available >> 20, Runtime.getRuntime().maxMemory() >> 20));
        }
    }

}
