package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.tokenize.Encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which texts form each batch: the order texts run in and its cut into batches of a given size. The
 * one batch formation of every pass over texts ({@code corpus/CorpusRunner} and {@link Model#embed}),
 * so the same texts and batch size give the same batches, hence the same bits, in both. It lives in
 * model/ because model/ sits below corpus/.
 */
public final class RunOrder {
    private final int[] indices;

    private RunOrder(int[] indices) {
        this.indices = indices;
    }

    /**
     * Texts by token count, ties in input order (a stable sort): batches of texts of like length carry
     * little padding (3x less work on SST-2 phrases).
     *
     * @param encodings each text's tokens, by input index
     * @return the order
     */
    public static RunOrder byLength(List<Encoding> encodings) {
        Integer[] order = IntStream.range(0, encodings.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> encodings.get(i).length()));
        return new RunOrder(Arrays.stream(order).mapToInt(Integer::intValue).toArray());
    }

    /**
     * Texts in input order.
     *
     * @param size the number of texts
     * @return the order 0, 1, ..., size - 1
     */
    public static RunOrder inputOrder(int size) {
        return new RunOrder(IntStream.range(0, size).toArray());
    }

    /**
     * Refuses a batch size below 1, so that a pass can fail before any text is tokenized.
     *
     * @param batchSize the number of texts per forward
     * @return the batch size
     * @throws TailsException if it is below 1
     */
    public static int checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new TailsException("batch size must be at least 1, got " + batchSize);
        }
        return batchSize;
    }

    /**
     * The number of texts ordered.
     *
     * @return the size
     */
    public int size() {
        return indices.length;
    }

    /**
     * Text indices in run order.
     *
     * @return the indices, a copy
     */
    public int[] indices() {
        return indices.clone();
    }

    /**
     * The batches: consecutive runs of {@code batchSize} indices in this order, the last one shorter
     * when the size is not a multiple of it.
     *
     * @param batchSize the number of texts per batch
     * @return each batch's text indices, in batch order
     * @throws TailsException if the batch size is below 1
     */
    public List<int[]> batches(int batchSize) {
        checkBatchSize(batchSize);
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < indices.length; from += batchSize) {
            batches.add(Arrays.copyOfRange(indices, from, Math.min(indices.length, from + batchSize)));
        }
        return batches;
    }
}
