package dev.tails.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * One fixed pool, one thread per core. The calling thread works too, so the pool holds
 * {@code threads() - 1} daemon workers. The thread count defaults to the number of cores and is
 * set by the system property {@code tails.threads} or {@link #setThreads(int)}.
 *
 * <p>Indices are handed out one at a time from a shared counter, so which thread runs an index
 * varies; callers keep results independent of that by giving each index its own output.
 */
public final class Parallel {
    private Parallel() {
    }

    /** Set while a thread runs indices of some forRange: nested calls then run inline. */
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private static int threads = Integer.getInteger("tails.threads", Runtime.getRuntime().availableProcessors());
    private static Crew crew = newCrew(threads);

    public static synchronized int threads() {
        return threads;
    }

    /** Replaces the pool; for tests and benchmarks, not to be called while kernels run. */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        }
        if (crew != null) {
            crew.stop();
        }
        threads = n;
        crew = newCrew(n);
    }

    private static Crew newCrew(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("tails.threads must be >= 1, got " + n);
        }
        return n == 1 ? null : new Crew(n - 1);
    }

    /** Runs body(i) for every i in [0, n) across the pool and returns when all are done. */
    public static void forRange(int n, IntConsumer body) {
        Crew workers;
        synchronized (Parallel.class) {
            workers = crew;
        }
        if (workers == null || n <= 1 || INSIDE.get()) {
            inline(n, body);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            INSIDE.set(true);
            try {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    body.accept(i);
                }
            } catch (RuntimeException | Error e) {
                next.set(n); // the others stop taking indices; the first failure is rethrown below
                throw e;
            } finally {
                INSIDE.set(false);
            }
        };
        Throwable[] failure = new Throwable[1];
        if (!workers.tryRun(drain, failure)) {
            inline(n, body); // another thread's kernels hold the crew
            return;
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
    }

    private static void inline(int n, IntConsumer body) {
        for (int i = 0; i < n; i++) {
            body.accept(i);
        }
    }
}
