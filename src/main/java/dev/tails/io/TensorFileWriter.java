package dev.tails.io;

import java.nio.file.Path;

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
