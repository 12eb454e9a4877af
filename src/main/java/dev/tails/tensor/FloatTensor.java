package dev.tails.tensor;

import java.util.Arrays;

/**
 * A dense row-major float32 tensor: a shape and a flat array. Compute code works on {@link #data()}
 * directly; the shape travels with it so that loaders and writers can check what they are given.
 */
public record FloatTensor(int[] shape, float[] data) {

    public FloatTensor {
        shape = shape.clone();
        long n = elementCount(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    public static FloatTensor zeros(int... shape) {
        return new FloatTensor(shape, new float[Math.toIntExact(elementCount(shape))]);
    }

    /** Product of the dimensions, checked against overflow. */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** A matrix's transpose, [rows, cols] -> [cols, rows] (TF and ONNX store Linear weights [in, out], PyTorch [out, in]). */
    public FloatTensor transposed() {
        if (rank() != 2) {
            throw new IllegalArgumentException("transposed() needs a matrix, got shape " + Arrays.toString(shape));
        }
        int rows = shape[0];
        int cols = shape[1];
        float[] dst = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[c * rows + r] = data[r * cols + c];
            }
        }
        return new FloatTensor(new int[] {cols, rows}, dst);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
