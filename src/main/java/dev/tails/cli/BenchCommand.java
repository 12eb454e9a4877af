package dev.tails.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.management.OperatingSystemMXBean;
import dev.tails.io.Json;
import dev.tails.kernel.Kernels;
import dev.tails.kernel.Parallel;
import dev.tails.model.Batch;
import dev.tails.model.Encoder;
import dev.tails.model.ModelConfig;
import dev.tails.model.RandomEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `tails bench`: a quick timing of the forward pass for comparing machines (the JMH suite is the
 * rigorous tool): warm-up, then the median of repeated forwards of a batch of random ids. Also
 * says how long Model.load took, the time from it and from launch to the first result, and the
 * resident memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the forward pass on random ids; print one line of JSON (median_ms, tokens_per_s, gflops, ...).")
final class BenchCommand implements Callable<Integer> {
    /** --model random-bert-base: bert-base shapes with random weights, no download needed. */
    static final String RANDOM = "random-bert-base";

    private static final OperatingSystemMXBean CPU =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--batch", defaultValue = "1", description = "Sequences per forward (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", defaultValue = "128", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--threads", description = "Kernel threads (default: tails.threads or one per core).")
    Integer threads;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed forwards first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "10", description = "Timed forwards (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws JsonProcessingException {
        Kernels.requireVectorApi();
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        long loading = System.nanoTime();
        Encoder encoder = RANDOM.equals(modelOptions.model)
                ? RandomEncoder.create(RandomEncoder.bertBase(), 1) : modelOptions.load().encoder();
        double loadMs = (System.nanoTime() - loading) / 1e6;
        ModelConfig config = encoder.config();
        Batch ids = RandomEncoder.batch(config, batch, seq, 2);
        encoder.forward(ids);
        double firstMs = (System.nanoTime() - loading) / 1e6;
        long launchToFirstMs = System.currentTimeMillis() - Timings.launchedMillis();
        for (int i = 1; i < warmup; i++) {
            encoder.forward(ids);
        }
        double[] ms = new double[runs], cpuMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime(), cpu = CPU.getProcessCpuTime();
            encoder.forward(ids);
            ms[i] = (System.nanoTime() - start) / 1e6;
            cpuMs[i] = (CPU.getProcessCpuTime() - cpu) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        double median = ms[runs / 2];
        long tokens = (long) batch * seq;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("model", modelOptions.model);
        line.put("batch", batch);
        line.put("seq", seq);
        line.put("median_ms", round(median));
        line.put("min_ms", round(ms[0]));
        line.put("tokens_per_s", round(tokens / median * 1e3));
        line.put("gflops", round(config.forwardFlops(batch, seq) / median / 1e6));
        // CPU time the process got per forward: well under threads x median_ms means the cores were shared.
        line.put("cpu_ms", round(cpuMs[runs / 2]));
        line.put("jvm", Runtime.version().toString());
        line.put("species", Kernels.species());
        line.put("threads", Parallel.threads());
        line.put("load_ms", round(loadMs));
        line.put("load_to_first_result_ms", round(firstMs));
        line.put("launch_to_first_result_ms", launchToFirstMs);
        line.put("rss_mb", residentMegabytes());
        System.out.println(Json.MAPPER.writeValueAsString(line));
        return 0;
    }

    /** VmRSS from /proc/self/status (Linux), -1 elsewhere. */
    private static long residentMegabytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
