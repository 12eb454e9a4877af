package dev.tails.kernel;

/**
 * Plain scalar twins of the vector kernels, same arguments, written to be read: the reference the
 * tests compare against. Sums accumulate in double, so the twins are at least as accurate as
 * the kernels they check.
 */
public final class ScalarKernels {
    private ScalarKernels() {
    }

    /** C[m,n] = A[m,k] · B[n,k]^T: the twin of {@link Gemm#multiply} over {@link Panels#ofRows}. */
    public static void abt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] = (float) dot(a, aOff + i * lda, b, bOff + j * ldb, k);
            }
        }
    }

    /** C[m,n] = A[m,k] · B[k,n]: the twin of {@link Gemm#multiply} over {@link Panels#ofColumns}. */
    public static void ab(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[aOff + i * lda + p] * b[bOff + p * ldb + j];
                }
                c[cOff + i * ldc + j] = (float) sum;
            }
        }
    }

    /** y[rows,out] = x[rows,in] · W^T + bias: the twin of {@link PackedLinear#forward(float[], int, float[])}. */
    public static void linear(float[] x, int rows, int in, float[] weight, float[] bias, int out, float[] y) {
        abt(rows, out, in, x, 0, in, weight, 0, in, y, 0, out);
        if (bias != null) {
            addBias(y, rows, out, bias);
        }
    }

    /** torch.nn.LayerNorm: two-pass mean and biased variance, in double. */
    public static void layerNorm(float[] x, int rows, int n, float[] gamma, float[] beta, float eps, float[] y) {
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[off + i];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double d = x[off + i] - mean;
                var += d * d;
            }
            var /= n;
            double inv = 1 / Math.sqrt(var + eps);
            for (int i = 0; i < n; i++) {
                y[off + i] = (float) ((x[off + i] - mean) * inv * gamma[i] + beta[i]);
            }
        }
    }

    /** Softmax of each row in place, max-subtracted, see {@link Softmax#rows}. */
    public static void softmaxRows(float[] x, int off, int rows, int n, int ld) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * ld;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, x[o + i]);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(x[o + i] - max);
            }
            for (int i = 0; i < n; i++) {
                x[o + i] = (float) (Math.exp(x[o + i] - max) / sum);
            }
        }
    }

    /** HF "gelu": 0.5·x·(1+erf(x/√2)), written as 0.5·x·erfc(-x/√2) so the negative tail keeps its digits. */
    public static void geluErf(float[] x, int off, int len) {
        for (int i = off; i < off + len; i++) {
            double v = x[i];
            double p = erfc(-v / Math.sqrt(2));
            x[i] = p == 0 ? -0f : (float) (0.5 * v * p); // p == 0 only as v -> -inf, where gelu -> -0
        }
    }

    /** HF "gelu_new": 0.5·x·(1+tanh(√(2/π)(x+0.044715x³))), in double. */
    public static void geluTanh(float[] x, int off, int len) {
        for (int i = off; i < off + len; i++) {
            double v = x[i];
            double p = 1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v));
            x[i] = p == 0 ? -0f : (float) (0.5 * v * p);
        }
    }

    public static void add(float[] a, float[] b, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = a[i] + b[i];
        }
    }

    public static void addBias(float[] x, int rows, int n, float[] bias) {
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                x[r * n + i] += bias[i];
            }
        }
    }

    public static void scale(float[] x, int off, int len, float s) {
        for (int i = off; i < off + len; i++) {
            x[i] *= s;
        }
    }

    public static double dot(float[] a, int aOff, float[] b, int bOff, int len) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            sum += (double) a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /** erf in double: the power series below 2.5, the continued fraction of erfc above. */
    public static double erf(double x) {
        if (x < 0) {
            return -erf(-x);
        }
        return x < 2.5 ? erfSeries(x) : 1 - erfcFraction(x);
    }

    public static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        return x < 2.5 ? 1 - erfSeries(x) : erfcFraction(x);
    }

    /** erf(x) = 2/√π·e^(-x²)·Σ 2^n x^(2n+1) / (1·3···(2n+1)), all terms positive (A&S 7.1.6). */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
    }

    /** erfc(x) = e^(-x²)/√π · 1/(x+ (1/2)/(x+ 1/(x+ (3/2)/(x+ ...)))) (A&S 7.1.14), 60 terms: ~1e-15 for x >= 2.5. */
    private static double erfcFraction(double x) {
        double f = x;
        for (int k = 60; k >= 1; k--) {
            f = x + k / 2.0 / f;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
