package dev.tails.model;

import dev.tails.hook.ActivationCache;
import dev.tails.hook.HookRegistry;
import dev.tails.kernel.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A whole bert-base forward pass (random weights, real shapes) at batch x sequence length: with no
 * hooks, with an empty registry (only the per-point checks), and capturing every
 * blocks.*.mlp.hook_post into a fresh cache (what neuron analyses do), through the user's API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class ForwardBenchmark {
    @Param({"1x128", "8x128", "1x512"})
    String shape;

    private ModelConfig config;
    private Encoder encoder;
    private Batch batch;

    @Setup(Level.Trial)
    public void setUp() {
        String[] bt = shape.split("x");
        config = RandomEncoder.bertBase();
        encoder = RandomEncoder.create(config, 1);
        batch = RandomEncoder.batch(config, Integer.parseInt(bt[0]), Integer.parseInt(bt[1]), 2);
        System.out.println("\n" + Kernels.describe());
    }

    @Benchmark
    public EncoderOutput forward() {
        return encoder.forward(batch);
    }

    @Benchmark
    public EncoderOutput forwardEmptyRegistry() {
        return encoder.forward(batch, new HookRegistry(config));
    }

    @Benchmark
    public ActivationCache forwardCapturingMlpPost() {
        ActivationCache cache = new ActivationCache();
        encoder.forward(batch, new HookRegistry(config).add("blocks.*.mlp.hook_post", cache.capture()));
        return cache;
    }
}
