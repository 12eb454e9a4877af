package dev.tails.io.hub;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bytes, rate and time left, on a clock the test moves. */
class DownloadProgressTest {
    private final RecordingProgress recording = new RecordingProgress();
    private final List<String> lines = recording.stages;
    private final List<Double> fractions = recording.fractions;
    private final long[] nanos = {0};

    private DownloadProgress progress(long total) {
        return new DownloadProgress(recording, "model.safetensors", total, Duration.ofSeconds(5), () -> nanos[0]);
    }

    private void at(double seconds) {
        nanos[0] = (long) (seconds * 1e9);
    }

    @Test
    void aLineOfBytesRateAndTimeLeftEveryFiveSecondsAndTheAverageAtTheEnd() {
        DownloadProgress p = progress(400_000_000);
        p.start(0);
        at(2);
        p.update(40_000_000);
        at(5);
        p.update(100_000_000);
        at(20);
        p.update(400_000_000);
        p.finish(400_000_000);
        assertEquals(List.of("downloading model.safetensors (400.0 MB)",
                "model.safetensors: 100.0 MB of 400.0 MB, 20.0 MB/s, about 15.0 s left",
                "model.safetensors: 400.0 MB of 400.0 MB, 20.0 MB/s, about 0.0 s left",
                "model.safetensors: 400.0 MB in 20.0 s (20.0 MB/s)"), lines);
        assertEquals(List.of(0.1, 0.25, 1.0), fractions);
    }

    @Test
    void aResumedDownloadRatesOnlyTheBytesOfThisRun() {
        DownloadProgress p = progress(400_000_000);
        p.start(100_000_000);
        at(5);
        p.update(200_000_000);
        assertEquals(List.of("downloading model.safetensors (400.0 MB, resuming at 100.0 MB)",
                "model.safetensors: 200.0 MB of 400.0 MB, 20.0 MB/s, about 10.0 s left"), lines);
    }

    @Test
    void aSmallFileGetsOneLine() {
        DownloadProgress p = progress(511);
        p.start(0);
        at(0.5);
        p.update(511);
        p.finish(511);
        assertEquals(List.of("downloading model.safetensors (511 B)"), lines);
    }

    @Test
    void sizesAndDurationsReadAsPeopleWriteThem() {
        assertEquals("999 B", DownloadProgress.bytes(999));
        assertEquals("1.0 kB", DownloadProgress.bytes(1000));
        assertEquals("4.1 MB", DownloadProgress.bytes(4_085_712));
        assertEquals("1.3 GB", DownloadProgress.bytes(1_340_000_000L));
        assertEquals("12.5 s", DownloadProgress.duration(12.5));
        assertEquals("1 min 15 s", DownloadProgress.duration(75));
    }
}
