package dev.tails.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private static ExecutorService workers = newWorkers(threads);

    public static synchronized int threads() {
        return threads;
    }

    /** Replaces the pool; for tests and benchmarks, not to be called while kernels run. */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        }
        if (workers != null) {
            workers.shutdown();
        }
        threads = n;
        workers = newWorkers(n);
    }

    private static ExecutorService newWorkers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("tails.threads must be >= 1, got " + n);
        }
        return n == 1 ? null : Executors.newFixedThreadPool(n - 1, r -> {
            Thread t = new Thread(r, "tails-kernel");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs body(i) for every i in [0, n) across the pool and returns when all are done. */
    public static void forRange(int n, IntConsumer body) {
        ExecutorService pool;
        int helpers;
        synchronized (Parallel.class) {
            pool = workers;
            helpers = Math.min(threads, n) - 1;
        }
        if (helpers <= 0 || INSIDE.get()) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
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
        List<Future<?>> running = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) {
            running.add(pool.submit(drain));
        }
        Throwable failure = null;
        try {
            drain.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // Every task writes into arrays the caller owns: wait for all of them, even after a failure.
        for (Future<?> f : running) {
            Throwable t = await(f);
            failure = failure == null ? t : failure;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
    }

    /** Waits for the task to end and returns what it threw (null if nothing). */
    private static Throwable await(Future<?> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true; // the task is running on shared state: finish waiting for it
                } catch (ExecutionException e) {
                    return e.getCause() instanceof RuntimeException || e.getCause() instanceof Error
                            ? e.getCause() : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
