package dev.tails.io;

import java.nio.file.Path;
import java.util.List;

/** What a file of named tensors takes, whatever its format (safetensors, NumPy's npz): a job fills it, then writes it. */
public interface TensorFileWriter {
    /**
     * Adds a float tensor; the array is read when the file is written, not copied now.
     *
     * @param name the tensor's name in the file
     * @param shape its dims
     * @param data its values in C order
     * @return this writer
     */
    TensorFileWriter putF32(String name, int[] shape, float[] data);

    /**
     * Adds a float tensor given as consecutive pieces (e.g. one per text); this default joins them,
     * a writer that can stream them one after another overrides it.
     *
     * @param name the tensor's name in the file
     * @param shape its dims
     * @param pieces its values in C order, split anywhere
     * @return this writer
     */
    default TensorFileWriter putF32(String name, int[] shape, List<float[]> pieces) {
        float[] joined = new float[pieces.stream().mapToInt(piece -> piece.length).sum()];
        int at = 0;
        for (float[] piece : pieces) {
            System.arraycopy(piece, 0, joined, at, piece.length);
            at += piece.length;
        }
        return putF32(name, shape, joined);
    }

    /**
     * Adds a 64-bit integer tensor; the array is read when the file is written, not copied now.
     *
     * @param name the tensor's name in the file
     * @param shape its dims
     * @param data its values in C order
     * @return this writer
     */
    TensorFileWriter putI64(String name, int[] shape, long[] data);

    /**
     * Writes every tensor put so far to the file.
     *
     * @param file where to write
     */
    void write(Path file);
}
