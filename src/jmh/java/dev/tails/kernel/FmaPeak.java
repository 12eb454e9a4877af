package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The machine's Vector API FMA peak, the denominator of every GEMM figure: 10 independent
 * accumulators (more than FMA latency × pipes, 4 × 2 on AVX2 cores) in registers, no memory.
 * One op = ITERATIONS × 10 FMAs of the kernels' species; GFLOP/s = 2·10·ITERATIONS·lanes / ns
 * per op per thread (scripts/bench.sh does the sum).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FmaPeak {
    static final VectorSpecies<Float> S = Lanes.species();
    static final int ITERATIONS = 10_000;

    float m = 0.999f, a = 1e-4f;

    /** FLOP of one call of {@link #oneThread()} (per thread for {@link #allThreads()}). */
    public static double flopPerOp() {
        return 20.0 * ITERATIONS * S.length();
    }

    @Setup
    public void describe() {
        System.out.println("# " + Kernels.describe() + "; lanes " + S.length() + ", FLOP per op " + (long) flopPerOp());
    }

    @Benchmark
    @Threads(1)
    public float oneThread() {
        return fmas();
    }

    @Benchmark
    @Threads(Threads.MAX)
    public float allThreads() {
        return fmas();
    }

    private float fmas() {
        FloatVector x = FloatVector.broadcast(S, m), y = FloatVector.broadcast(S, a);
        FloatVector s0 = FloatVector.broadcast(S, 1f), s1 = s0.add(y), s2 = s1.add(y), s3 = s2.add(y), s4 = s3.add(y);
        FloatVector s5 = s4.add(y), s6 = s5.add(y), s7 = s6.add(y), s8 = s7.add(y), s9 = s8.add(y);
        for (int i = 0; i < ITERATIONS; i++) {
            s0 = s0.fma(x, y);
            s1 = s1.fma(x, y);
            s2 = s2.fma(x, y);
            s3 = s3.fma(x, y);
            s4 = s4.fma(x, y);
            s5 = s5.fma(x, y);
            s6 = s6.fma(x, y);
            s7 = s7.fma(x, y);
            s8 = s8.fma(x, y);
            s9 = s9.fma(x, y);
        }
        return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
