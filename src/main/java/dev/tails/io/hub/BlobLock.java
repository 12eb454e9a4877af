package dev.tails.io.hub;

import dev.tails.Progress;
import dev.tails.TailsException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock huggingface_hub takes around writing a blob: the file {@code .locks/models--ORG--NAME/ETAG.lock},
 * locked with {@link FileChannel#lock} so that another process waits. The JVM keeps file locks per
 * process, so threads of this one first take a lock of their own for the same path. The lock file
 * stays, as huggingface_hub leaves it; the operating system releases the lock if the process dies.
 */
final class BlobLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 100;
    private static final long SAY_EVERY_MILLIS = 10_000;

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private BlobLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits up to {@code maxWait} (saying so every 10 s) for the lock on {@code file}. */
    static BlobLock acquire(Path file, Duration maxWait, Progress progress, HubFile what) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        ReentrantLock threadLock = IN_THIS_JVM.computeIfAbsent(file.toAbsolutePath(), p -> new ReentrantLock());
        try {
            if (!threadLock.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut(file, maxWait, what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TailsException(what + ": interrupted while waiting for " + file, e);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long lastSaid = System.nanoTime();
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new BlobLock(threadLock, channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    throw timedOut(file, maxWait, what);
                }
                if (System.nanoTime() - lastSaid > TimeUnit.MILLISECONDS.toNanos(SAY_EVERY_MILLIS)) {
                    progress.stage(what + ": waiting for another process that is downloading it (lock " + file + ")");
                    lastSaid = System.nanoTime();
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(channel);
            threadLock.unlock();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof TailsException t ? t : new TailsException(what + ": cannot lock " + file + ": " + e, e);
        }
    }

    private static TailsException timedOut(Path file, Duration maxWait, HubFile what) {
        return new TailsException(what + ": gave up after " + maxWait.toMinutes() + " min waiting for " + file
                + ", held by another download of the same file; run again when it has finished");
    }

    @Override
    public void close() {
        try {
            fileLock.release();
        } catch (IOException e) {
            // closing the channel below releases it as well
        } finally {
            closeQuietly(channel);
            threadLock.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the lock dies with the channel either way
        }
    }
}
