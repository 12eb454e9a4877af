package dev.tails.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The worker threads behind {@link Parallel}: each spins briefly for the next job before it parks.
 * A forward pass hands out a hundred small jobs (a 128-token MiniLM layer is ~15 of ~0.1 ms each),
 * and waking a parked thread costs tens of microseconds on a VM: with a thread pool's park/unpark
 * per job, two threads ran 1x128 MiniLM in 37.9 ms, no faster than one (36.1); spinning, 24.4 ms
 * (Xeon AVX-512, bench.sh --vs-ort). ONNX Runtime's pool spins the same way.
 * One job at a time: a caller that finds the crew busy (another thread's forward) runs its job alone.
 */
final class Crew {
    /** How long an idle worker, or a caller waiting for its workers, spins before parking. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final Thread[] workers;
    private final ReentrantLock busy = new ReentrantLock();
    private final AtomicInteger running = new AtomicInteger();
    private final boolean[] sleeping;
    private volatile Runnable job;
    private volatile long generation;
    private volatile boolean stopped;
    private volatile Thread caller;
    private volatile Throwable failure;

    Crew(int size) {
        workers = new Thread[size];
        sleeping = new boolean[size];
        for (int w = 0; w < size; w++) {
            int index = w;
            workers[w] = Thread.ofPlatform().daemon().name("tails-kernel").unstarted(() -> work(index));
            workers[w].start();
        }
    }

    /**
     * Runs {@code job} on every worker and on the calling thread, and returns when all are done
     * with what the first of them threw (null if nothing). False (job not run) when the crew is busy.
     */
    boolean tryRun(Runnable job, Throwable[] thrown) {
        if (!busy.tryLock()) {
            return false;
        }
        try {
            failure = null;
            caller = Thread.currentThread();
            running.set(workers.length);
            this.job = job;
            generation++; // volatile write after job: a worker that sees the new generation sees the job
            for (int w = 0; w < workers.length; w++) {
                if (isSleeping(w)) {
                    LockSupport.unpark(workers[w]);
                }
            }
            Throwable own = null;
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                own = e;
            }
            awaitWorkers(); // they write into the caller's arrays: wait for them even after a failure
            thrown[0] = own != null ? own : failure;
            this.job = null;
            return true;
        } finally {
            busy.unlock();
        }
    }

    void stop() {
        stopped = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }

    private void awaitWorkers() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (running.get() > 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this); // the last worker to finish unparks the caller
            }
        }
    }

    private void work(int index) {
        long seen = 0;
        while (!stopped) {
            long now = awaitJob(index, seen);
            if (now == seen) {
                continue; // woken to stop
            }
            seen = now;
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
            if (running.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Spins, then parks, until the generation moves past {@code seen} or the crew stops. */
    private long awaitJob(int index, long seen) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        long now;
        while ((now = generation) == seen && !stopped) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
                continue;
            }
            setSleeping(index, true);
            // Re-read after announcing the sleep: a caller that bumped the generation before seeing
            // the flag has made its write visible here (both are volatile accesses, in this order).
            if (generation == seen && !stopped) {
                LockSupport.park(this);
            }
            setSleeping(index, false);
        }
        return now;
    }

    private boolean isSleeping(int w) {
        return (boolean) SLEEPING.getVolatile(sleeping, w);
    }

    private void setSleeping(int w, boolean value) {
        SLEEPING.setVolatile(sleeping, w, value);
    }

    private static final VarHandle SLEEPING = MethodHandles.arrayElementVarHandle(boolean[].class);
}
