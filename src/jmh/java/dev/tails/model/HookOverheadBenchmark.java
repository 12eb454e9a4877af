package dev.tails.model;

import dev.tails.hook.ActivationCache;
import dev.tails.hook.ForwardHooks;
import dev.tails.hook.HookRegistry;
import dev.tails.kernel.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What hooks cost on a bert-base forward at 1x128: none at all, an empty registry (the per-point
 * checks), and capturing every blocks.*.mlp.hook_post (12 copies of [128, 3072]) into a fresh cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class HookOverheadBenchmark {
    private ModelConfig config;
    private Encoder encoder;
    private Batch batch;

    @Setup(Level.Trial)
    public void setUp() {
        config = RandomEncoder.bertBase();
        encoder = RandomEncoder.create(config, 1);
        batch = RandomEncoder.batch(config, 1, 128, 2);
        System.out.println("\n" + Kernels.describe());
    }

    @Benchmark
    public EncoderOutput hooksOff() {
        return encoder.forward(batch, ForwardHooks.NONE);
    }

    @Benchmark
    public EncoderOutput emptyRegistry() {
        return encoder.forward(batch, new HookRegistry(config));
    }

    @Benchmark
    public ActivationCache captureEveryMlpPost() {
        ActivationCache cache = new ActivationCache();
        encoder.forward(batch, new HookRegistry(config).add("blocks.*.mlp.hook_post", cache.capture()));
        return cache;
    }
}
