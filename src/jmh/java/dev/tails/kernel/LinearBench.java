package dev.tails.kernel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** Linear on BERT-base shapes. GFLOP/s = 2·rows·in·out / (ms/op · 1e6). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LinearBench {
    @Param({"128", "1024"})
    int rows;
    /** in x out: attention projections, FFN up, FFN down. */
    @Param({"768x768", "768x3072", "3072x768"})
    String shape;

    int in, out;
    float[] x, w, bias, y;

    @Setup
    public void setup() {
        String[] s = shape.split("x");
        in = Integer.parseInt(s[0]);
        out = Integer.parseInt(s[1]);
        x = BenchData.floats(rows * in);
        w = BenchData.floats(out * in);
        bias = BenchData.floats(out);
        y = new float[rows * out];
        System.out.println("# " + Kernels.describe() + "; GFLOP per op " + 2.0 * rows * in * out / 1e9);
    }

    @Benchmark
    public float[] vector() {
        Linear.forward(x, rows, in, w, bias, out, y);
        return y;
    }

    @Benchmark
    public float[] scalar() {
        ScalarKernels.linear(x, rows, in, w, bias, out, y);
        return y;
    }
}
