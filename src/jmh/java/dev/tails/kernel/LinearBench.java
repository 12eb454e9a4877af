package dev.tails.kernel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The packed GEMM as a Linear on BERT-base shapes, C = A·Bᵀ + bias with B [out, in].
 * GFLOP/s = 2·rows·in·out / (ms/op · 1e6); scripts/bench.sh prints it and its share of FmaPeak.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LinearBench {
    @Param({"128", "512", "2048"})
    int rows;
    /** in x out: attention projections, FFN up, FFN down. */
    @Param({"768x768", "768x3072", "3072x768"})
    String shape;
    @Param({"1", "2"})
    int threads;

    float[] x, y;
    PackedLinear linear;

    @Setup
    public void setup() {
        String[] s = shape.split("x");
        int in = Integer.parseInt(s[0]), out = Integer.parseInt(s[1]);
        Parallel.setThreads(threads);
        x = BenchData.floats(rows * in);
        y = new float[rows * out];
        linear = new PackedLinear(BenchData.floats(out * in), BenchData.floats(out), out, in);
        System.out.println("# " + Kernels.describe() + "; GFLOP per op " + 2.0 * rows * in * out / 1e9);
    }

    @TearDown
    public void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Benchmark
    public float[] packed() {
        linear.forward(x, rows, y);
        return y;
    }
}
