package dev.tails;

import dev.tails.kernel.FmaPeak;
import dev.tails.kernel.Kernels;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

/**
 * The speed suite of issue 6 in one run (scripts/bench.sh): the FMA peak, the packed GEMM on
 * bert-base shapes and the forward pass, then a table of medians with GFLOP/s as a share of the
 * peak. Extra arguments are JMH's (e.g. -wi 1 -i 3 for a quick look). JMH starts its forks with
 * this JVM's flags, so with -Dtails.vector.bits=256 the header and the forks agree on the width.
 */
public final class BenchSuite {
    private BenchSuite() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Collection<RunResult> peak = run(args, "FmaPeak");
        Collection<RunResult> gemm = run(args, "LinearBench");
        Collection<RunResult> forward = run(args, "ForwardBenchmark");

        double perThread = 0, all = 0;
        for (RunResult r : peak) {
            double gflops = FmaPeak.flopPerOp() / median(r) * r.getParams().getThreads();
            if (r.getParams().getBenchmark().endsWith("oneThread")) {
                perThread = gflops;
            } else {
                all = gflops;
            }
        }
        System.out.printf(Locale.ROOT, "# %s, %d lanes; %s; JDK %s%n# FMA peak of this run: %.1f GFLOP/s on 1 thread, %.1f on %d%n",
                Kernels.describe(), lanes(), cpu(), Runtime.version(), perThread, all, Runtime.getRuntime().availableProcessors());
        System.out.println("gemm rows in x out  threads   ms (median)  GFLOP/s  of peak");
        for (RunResult r : gemm) {
            int rows = Integer.parseInt(r.getParams().getParam("rows"));
            String shape = r.getParams().getParam("shape");
            int threads = Integer.parseInt(r.getParams().getParam("threads"));
            String[] io = shape.split("x");
            double gflops = 2.0 * rows * Integer.parseInt(io[0]) * Integer.parseInt(io[1]) / median(r) / 1e6;
            System.out.printf(Locale.ROOT, "gemm %4d %-10s %2d %12.3f %8.1f %7.0f%%%n", rows, shape, threads, median(r),
                    gflops, 100 * gflops / (threads == 1 ? perThread : all));
        }
        System.out.println("forward shape   benchmark                ms (median)  tokens/s");
        for (RunResult r : forward) {
            String[] bt = r.getParams().getParam("shape").split("x");
            double tokens = Double.parseDouble(bt[0]) * Double.parseDouble(bt[1]);
            System.out.printf(Locale.ROOT, "forward %-6s %-24s %10.1f %9.0f%n", r.getParams().getParam("shape"),
                    r.getParams().getBenchmark().replaceAll(".*\\.", ""), median(r), tokens / median(r) * 1e3);
        }
    }

    private static Collection<RunResult> run(String[] args, String benchmark) throws RunnerException, CommandLineOptionException {
        return new Runner(new OptionsBuilder().parent(new CommandLineOptions(args)).include("\\." + benchmark + "\\.").build()).run();
    }

    /** The CPU's model name, as /proc/cpuinfo gives it (Linux), or "CPU unknown". */
    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse("CPU unknown");
        } catch (IOException e) {
            return "CPU unknown";
        }
    }

    /** The median over measurement iterations: the machine is shared, means chase outliers. */
    private static double median(RunResult r) {
        return r.getPrimaryResult().getStatistics().getPercentile(50);
    }

    private static int lanes() {
        return Kernels.lanes();
    }
}
