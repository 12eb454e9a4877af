package dev.tails.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {
    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void everyIndexRunsExactlyOnce() {
        Parallel.setThreads(2);
        for (int n : new int[]{0, 1, 2, 3, 1000}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(n);
            Parallel.forRange(n, seen::incrementAndGet);
            for (int i = 0; i < n; i++) {
                assertEquals(1, seen.get(i));
            }
        }
    }

    @Test
    void callersOnSeveralThreadsEachGetEveryIndexOnceWhileTheWorkersIdleBetweenJobs() throws InterruptedException {
        Parallel.setThreads(3);
        int callers = 3, rounds = 2_000, n = 17;
        AtomicInteger wrong = new AtomicInteger();
        Thread[] threads = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            threads[c] = Thread.ofPlatform().start(() -> {
                for (int r = 0; r < rounds; r++) {
                    AtomicIntegerArray seen = new AtomicIntegerArray(n);
                    Parallel.forRange(n, seen::incrementAndGet);
                    for (int i = 0; i < n; i++) {
                        if (seen.get(i) != 1) {
                            wrong.incrementAndGet();
                        }
                    }
                    if (r % 500 == 0) {
                        sleep(2); // long enough for the workers to stop spinning and park
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!t.isAlive(), "a caller is stuck");
        }
        assertEquals(0, wrong.get());
    }

    @Test
    void nestedCallsRunInlineWithoutDeadlock() {
        Parallel.setThreads(2);
        AtomicIntegerArray seen = new AtomicIntegerArray(64);
        Parallel.forRange(8, i -> Parallel.forRange(8, j -> seen.incrementAndGet(i * 8 + j)));
        for (int i = 0; i < 64; i++) {
            assertEquals(1, seen.get(i));
        }
    }

    @Test
    void exceptionsReachTheCaller() {
        Parallel.setThreads(2);
        assertThrows(IllegalStateException.class, () -> Parallel.forRange(10, i -> {
            if (i == 7) {
                throw new IllegalStateException("boom");
            }
        }));
    }

    @Test
    void aFailureOfTheCallersOwnShareWaitsForTheHelpersFirst() {
        Parallel.setThreads(2);
        Thread caller = Thread.currentThread();
        CountDownLatch helperStarted = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        var thrown = assertThrows(IllegalStateException.class, () -> Parallel.forRange(4, i -> {
            if (Thread.currentThread() == caller) {
                await(helperStarted);
                throw new IllegalStateException("caller's share failed");
            }
            started.incrementAndGet();
            helperStarted.countDown();
            sleep(300); // still writing into the caller's arrays when the caller fails
            finished.incrementAndGet();
        }));
        assertEquals("caller's share failed", thrown.getMessage());
        assertTrue(started.get() >= 1);
        assertEquals(started.get(), finished.get(), "forRange returned while a helper task was still running");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the helper thread never started");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void kernelsAreBitIdenticalForOneAndTwoThreads() {
        Random32 r = new Random32(9);
        int rows = 100, n = 768;
        float[] x = r.floats(rows * n, 10f), gamma = r.floats(n), beta = r.floats(n);
        float[][] results = new float[2][];
        for (int t = 1; t <= 2; t++) {
            Parallel.setThreads(t);
            float[] ln = new float[rows * n];
            LayerNorm.forward(x, rows, n, gamma, beta, 1e-12f, ln);
            float[] sm = x.clone();
            Softmax.rows(sm, 0, rows, n, n);
            float[] both = new float[2 * rows * n];
            System.arraycopy(ln, 0, both, 0, rows * n);
            System.arraycopy(sm, 0, both, rows * n, rows * n);
            results[t - 1] = both;
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void describeNamesSpeciesAndThreads() {
        Parallel.setThreads(2);
        String d = Kernels.describe();
        assertTrue(d.startsWith("FloatVector species Species[float, ") && d.endsWith(", 2 threads"), d);
    }
}
