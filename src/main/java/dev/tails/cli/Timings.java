package dev.tails.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's time went, phase by phase: wall and CPU (every thread of the process, the JIT
 * compilers and the collector included), printed at the end with --verbose. The launcher passes
 * the time it started as tails.launched (epoch seconds), so the first phase includes JVM start-up.
 */
final class Timings {
    private record Mark(String phase, long wallMillis, long cpuMillis) {
    }

    private static final List<Mark> MARKS = new ArrayList<>();

    private Timings() {
    }

    /** Ends a phase now. */
    static synchronized void mark(String phase) {
        MARKS.add(new Mark(phase, System.currentTimeMillis(), cpuMillis()));
    }

    /** One line per phase: its wall and CPU milliseconds, then the totals since launch. */
    static synchronized void print(PrintWriter err) {
        long start = launchedMillis(), wall = start, cpu = 0;
        for (Mark m : MARKS) {
            err.printf("tails: %-24s %6d ms wall %6d ms cpu%n", m.phase(), m.wallMillis() - wall, m.cpuMillis() - cpu);
            wall = m.wallMillis();
            cpu = m.cpuMillis();
        }
        err.printf("tails: %-24s %6d ms wall %6d ms cpu%n", "total", wall - start, cpu);
        err.flush();
    }

    /** When the launcher started (the JVM's start without it). */
    static long launchedMillis() {
        String launched = System.getProperty("tails.launched");
        try {
            return launched == null ? jvmStartMillis() : Math.round(Double.parseDouble(launched.replace(',', '.')) * 1000);
        } catch (NumberFormatException e) {
            return jvmStartMillis();
        }
    }

    /** Without the launcher: when the JVM started (read only when printing, it loads java.management). */
    private static long jvmStartMillis() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }
}
