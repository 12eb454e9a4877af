package dev.tails.kernel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The per-layer non-GEMM kernels on BERT-base shapes with 128 tokens: LayerNorm [128x768],
 * GELU on the FFN activations [128x3072], Softmax on 12 heads of scores [12·128 x 128].
 * In-place kernels get fresh input each invocation, copied from a source array (the copy is
 * part of the time, and the same for vector and scalar).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ElementwiseBench {
    static final int TOKENS = 128, HIDDEN = 768, FFN = 3072, HEADS = 12;

    float[] hidden, gamma, beta, normed, ffnSource, ffn, scoreSource, scores;

    @Setup
    public void setup() {
        hidden = BenchData.floats(TOKENS * HIDDEN);
        gamma = BenchData.floats(HIDDEN);
        beta = BenchData.floats(HIDDEN);
        normed = new float[TOKENS * HIDDEN];
        ffnSource = BenchData.floats(TOKENS * FFN);
        VectorOps.scale(ffnSource, 0, ffnSource.length, 4f);
        ffn = new float[ffnSource.length];
        scoreSource = BenchData.floats(HEADS * TOKENS * TOKENS);
        VectorOps.scale(scoreSource, 0, scoreSource.length, 8f);
        scores = new float[scoreSource.length];
        System.out.println("# " + Kernels.describe());
    }

    @Setup(Level.Invocation)
    public void refill() {
        System.arraycopy(ffnSource, 0, ffn, 0, ffn.length);
        System.arraycopy(scoreSource, 0, scores, 0, scores.length);
    }

    @Benchmark
    public float[] layerNorm() {
        LayerNorm.forward(hidden, TOKENS, HIDDEN, gamma, beta, 1e-12f, normed);
        return normed;
    }

    @Benchmark
    public float[] layerNormScalar() {
        ScalarKernels.layerNorm(hidden, TOKENS, HIDDEN, gamma, beta, 1e-12f, normed);
        return normed;
    }

    @Benchmark
    public float[] geluErf() {
        Gelu.erf(ffn, 0, ffn.length);
        return ffn;
    }

    @Benchmark
    public float[] geluErfScalar() {
        ScalarKernels.geluErf(ffn, 0, ffn.length);
        return ffn;
    }

    @Benchmark
    public float[] geluTanh() {
        Gelu.tanh(ffn, 0, ffn.length);
        return ffn;
    }

    @Benchmark
    public float[] geluTanhScalar() {
        ScalarKernels.geluTanh(ffn, 0, ffn.length);
        return ffn;
    }

    @Benchmark
    public float[] softmax() {
        Softmax.rows(scores, 0, HEADS * TOKENS, TOKENS, TOKENS);
        return scores;
    }

    @Benchmark
    public float[] softmaxScalar() {
        ScalarKernels.softmaxRows(scores, 0, HEADS * TOKENS, TOKENS, TOKENS);
        return scores;
    }
}
