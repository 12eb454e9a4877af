package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.tokenize.Encoding;

import java.util.List;

/**
 * Sequences right-padded to a common length T, flattened row-major to [B*T]: token ids, token
 * types, position ids, and each sequence's real length (the attention mask).
 */
public final class Batch {
    private final int size;
    private final int seqLen;
    private final int[] lengths;
    private final int[] inputIds;
    private final int[] typeIds;
    private final int[] positionIds;

    private Batch(int size, int seqLen, int[] lengths, int[] inputIds, int[] typeIds, int[] positionIds) {
        this.size = size;
        this.seqLen = seqLen;
        this.lengths = lengths;
        this.inputIds = inputIds;
        this.typeIds = typeIds;
        this.positionIds = positionIds;
    }

    /**
     * Builds a batch from tokenized texts, checking each against the model's limits.
     *
     * @param encodings one per sequence
     * @param config the model's
     * @return the padded batch
     */
    public static Batch of(List<Encoding> encodings, ModelConfig config) {
        int[][] ids = new int[encodings.size()][];
        int[][] types = new int[encodings.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = encodings.get(i).ids();
            types[i] = encodings.get(i).typeIds();
        }
        return of(ids, types, config);
    }

    /**
     * Builds a batch from token ids and type ids per sequence, checking each against the model's limits.
     *
     * @param ids the token ids of each sequence
     * @param types the token type ids of each sequence, as long as its ids
     * @param config the model's
     * @return the padded batch
     * @throws dev.tails.TailsException for no sequences, an empty or too long one, or an id out of range
     */
    public static Batch of(int[][] ids, int[][] types, ModelConfig config) {
        if (ids.length == 0) {
            throw new TailsException("batch: no sequences given");
        }
        int b = ids.length;
        int t = 0;
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            checkSequence(i, ids[i], types[i], config);
            lengths[i] = ids[i].length;
            t = Math.max(t, lengths[i]);
        }
        if ((long) b * t > Integer.MAX_VALUE - 8) {
            throw new TailsException("batch of " + b + " texts x " + t + " tokens has more rows than a Java array holds");
        }
        int[] inputIds = new int[b * t];
        int[] typeIds = new int[b * t];
        java.util.Arrays.fill(inputIds, config.padTokenId());
        for (int i = 0; i < b; i++) {
            System.arraycopy(ids[i], 0, inputIds, i * t, lengths[i]);
            System.arraycopy(types[i], 0, typeIds, i * t, lengths[i]);
        }
        int[] positions = PositionIds.of(config, inputIds, b, t);
        return new Batch(b, t, lengths, inputIds, typeIds, positions);
    }

    private static void checkSequence(int index, int[] ids, int[] types, ModelConfig config) {
        if (ids.length == 0) {
            throw new TailsException("text " + index + ": no tokens (an empty sequence needs at least its special tokens)");
        }
        if (ids.length > config.maxTokens()) {
            throw new TailsException("text " + index + ": " + ids.length + " tokens, more than the model's "
                    + config.maxTokens() + " (ask for truncation to cut it)");
        }
        if (types.length != ids.length) {
            throw new TailsException("text " + index + ": " + types.length + " token types for " + ids.length + " tokens");
        }
        for (int j = 0; j < ids.length; j++) {
            if (ids[j] < 0 || ids[j] >= config.vocabSize()) {
                throw new TailsException("text " + index + ": token id " + ids[j] + " at " + j
                        + " is outside the vocabulary [0, " + config.vocabSize() + ")");
            }
            // a family without token types (typeVocabSize 0) ignores them, as DistilBertModel takes none
            if (config.typeVocabSize() > 0 && (types[j] < 0 || types[j] >= config.typeVocabSize())) {
                throw new TailsException("text " + index + ": token type " + types[j] + " at " + j
                        + " is outside [0, " + config.typeVocabSize() + ")");
            }
        }
    }

    /** {@return the number of sequences B} */
    public int size() {
        return size;
    }

    /** {@return the padded length T} */
    public int seqLen() {
        return seqLen;
    }

    /** {@return B*T, the rows of every [B*T, ...] activation} */
    public int rows() {
        return size * seqLen;
    }

    /**
     * {@return the real length of a sequence in tokens (the attention mask)}
     *
     * @param sequence the sequence's index
     */
    public int length(int sequence) {
        return lengths[sequence];
    }

    /**
     * {@return whether a row is padding}
     *
     * @param row sequence * T + position
     */
    public boolean isPadding(int row) {
        return row % seqLen >= lengths[row / seqLen];
    }

    /**
     * {@return the token id of a row (the pad id on padding)}
     *
     * @param row sequence * T + position
     */
    public int inputId(int row) {
        return inputIds[row];
    }

    /**
     * {@return the token type id of a row}
     *
     * @param row sequence * T + position
     */
    public int typeId(int row) {
        return typeIds[row];
    }

    /**
     * {@return the position id of a row (RoBERTa's start after the padding id)}
     *
     * @param row sequence * T + position
     */
    public int positionId(int row) {
        return positionIds[row];
    }

    /**
     * {@return the token ids of a sequence, without padding}
     *
     * @param sequence the sequence's index
     */
    public int[] inputIds(int sequence) {
        return java.util.Arrays.copyOfRange(inputIds, sequence * seqLen, sequence * seqLen + lengths[sequence]);
    }
}
