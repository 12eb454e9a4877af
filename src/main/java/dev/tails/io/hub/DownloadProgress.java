package dev.tails.io.hub;

import dev.tails.Progress;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What one file's download tells its user: a line when it starts, the fraction done as bytes
 * arrive, every few seconds a line of bytes, rate and time left, and for a large file a last line
 * with the average rate (a config file's would only be noise).
 */
final class DownloadProgress {
    private static final long LARGE = 1_000_000;

    private final Progress progress;
    private final String file;
    private final long total;
    private final long everyNanos;
    private final LongSupplier nanoClock;
    private long startNanos;
    private long startBytes;
    private long lastLineNanos;

    DownloadProgress(Progress progress, String file, long total, Duration every, LongSupplier nanoClock) {
        this.progress = progress;
        this.file = file;
        this.total = total;
        this.everyNanos = every.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The download begins, {@code have} bytes of it already on disk (a resumed download). */
    void start(long have) {
        startNanos = nanoClock.getAsLong();
        lastLineNanos = startNanos;
        startBytes = have;
        progress.stage("downloading " + file + " (" + bytes(total) + (have > 0 ? ", resuming at " + bytes(have) : "") + ")");
    }

    /** {@code done} bytes of the file are on disk. */
    void update(long done) {
        if (total > 0) {
            progress.fraction((double) done / total);
        }
        long now = nanoClock.getAsLong();
        if (now - lastLineNanos >= everyNanos) {
            lastLineNanos = now;
            double rate = rate(done, now);
            String left = rate > 0 ? ", about " + duration((total - done) / rate) + " left" : "";
            progress.stage(file + ": " + bytes(done) + " of " + bytes(total) + ", " + bytes((long) rate) + "/s" + left);
        }
    }

    void finish(long done) {
        if (total < LARGE) {
            return;
        }
        long now = nanoClock.getAsLong();
        progress.stage(file + ": " + bytes(done - startBytes) + " in " + duration((now - startNanos) / 1e9)
                + " (" + bytes((long) rate(done, now)) + "/s)");
    }

    /** Bytes per second over this run (not counting what a resumed download already had). */
    private double rate(long done, long now) {
        double seconds = (now - startNanos) / 1e9;
        return seconds > 0 ? (done - startBytes) / seconds : 0;
    }

    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = n / 1000.0;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? String.format(Locale.ROOT, "%.1f s", seconds) : s / 60 + " min " + s % 60 + " s";
    }
}
