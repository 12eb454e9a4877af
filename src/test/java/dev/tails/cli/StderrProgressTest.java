package dev.tails.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Piped stderr gets stage lines and one line per 10% reached, never a carriage return; a terminal gets
 * an updating bar. Rates and ETAs on a clock the test sets, so every number is computed by hand below.
 */
class StderrProgressTest {
    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long[] now = {0};

    private StderrProgress progress(boolean terminal) {
        return new StderrProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, () -> now[0]);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void aStageBegunPartWayThroughAJobEstimatesFromWhatItHasDone() {
        StderrProgress progress = progress(false);
        progress.stage("first half");
        progress.fraction(0);
        now[0] = 10 * SECOND;
        progress.fraction(0.5);
        progress.stage("second half"); // as Progress.part(p, 1, 2) names its stage, the job half done
        progress.fraction(0.5);
        now[0] = 20 * SECOND;
        progress.fraction(0.75);
        // First half: 10 s for 0.5, 0.5 left: ETA 10 s. Second: 10 s for 0.25 since its stage, 0.25 left: 10 s
        // (from the whole it would read 10 s x 0.25 / 0.75 = 3 s); its 50% step is not printed twice.
        assertEquals("""
                tails: first half
                tails:   50%  ETA 0:10
                tails: second half
                tails:   70%  ETA 0:10
                """, printed());
    }

    @Test
    void pipedProgressPrintsALinePerTenPercent() {
        StderrProgress progress = progress(false);
        progress.stage("one");
        for (double f : new double[]{0.05, 0.1, 0.15, 0.35, 0.36, 1.0}) {
            progress.fraction(f);
        }
        progress.stage("two");
        progress.fraction(0.2);
        // No time passed: no rate, no ETA.
        assertEquals("""
                tails: one
                tails:   10%
                tails:   30%
                tails:   100%
                tails: two
                tails:   20%
                """, printed());
    }

    @Test
    void pipedLinesCarryRatesAndEta() {
        StderrProgress progress = progress(false);
        progress.stage("run");
        now[0] = 2 * SECOND;
        progress.advance(10, 400);
        progress.fraction(0.1);  // 10 texts / 2 s = 5.0/s, 400 / 2 = 200 tokens/s; ETA 2 s * 0.9 / 0.1 = 18 s
        now[0] = 8 * SECOND;
        progress.advance(30, 1200);
        progress.fraction(0.4);  // 40 / 8 = 5.0, 1,600 / 8 = 200; ETA 8 * 0.6 / 0.4 = 12 s
        now[0] = 100 * SECOND;
        progress.advance(60, 98_400);
        progress.fraction(1.0);  // 100 / 100 = 1.0, 100,000 / 100 = 1,000; took 100 s = 1:40
        assertEquals("""
                tails: run
                tails:   10%  5.0 texts/s, 200 tokens/s, ETA 0:18
                tails:   40%  5.0 texts/s, 200 tokens/s, ETA 0:12
                tails:   100%  1.0 texts/s, 1,000 tokens/s, took 1:40
                """, printed());
    }

    @Test
    void aStageRestartsTheCountsAndTheClock() {
        StderrProgress progress = progress(false);
        progress.stage("first");
        now[0] = 10 * SECOND;
        progress.advance(1000, 0);
        progress.stage("second");
        now[0] = 14 * SECOND;
        progress.advance(2, 0);
        progress.fraction(0.5);  // 2 texts in the 4 s since "second": 0.5/s; no tokens known; ETA 4 * 0.5 / 0.5 = 4 s
        assertEquals("""
                tails: first
                tails: second
                tails:   50%  0.5 texts/s, ETA 0:04
                """, printed());
    }

    @Test
    void aTerminalGetsOneUpdatingBar() {
        StderrProgress progress = progress(true);
        now[0] = 10 * SECOND;
        progress.advance(4, 0);
        progress.fraction(0.5);   // 12 of 24 cells; 4 / 10 s = 0.4/s; ETA 10 s
        progress.fraction(0.504); // still 50%: not redrawn
        progress.stage("next");
        assertEquals("\r  [############............] 50%  0.4 texts/s, ETA 0:10   \ntails: next\n", printed());
    }

    @Test
    void aTerminalBarEndsItsLineWhenDone() {
        StderrProgress progress = progress(true);
        progress.fraction(1.0);
        progress.stage("next");
        assertEquals("\r  [########################] 100%   \ntails: next\n", printed());
    }

    @Test
    void aFractionGoingBackStartsANewPass() {
        StderrProgress progress = progress(false);
        now[0] = 10 * SECOND;
        progress.advance(10, 0);
        progress.fraction(1.0);  // 10 texts / 10 s; took 0:10
        now[0] = 12 * SECOND;
        progress.fraction(0);    // second pass begins (as CorpusRunner reports it): counts and clock restart at 12 s
        now[0] = 16 * SECOND;
        progress.advance(2, 0);
        progress.fraction(0.2);  // 2 texts / 4 s = 0.5/s; ETA 4 s * 0.8 / 0.2 = 16 s
        assertEquals("""
                tails:   100%  1.0 texts/s, took 0:10
                tails:   20%  0.5 texts/s, ETA 0:16
                """, printed());
    }

    @Test
    void quietPrintsNothing() {
        StderrProgress progress = progress(false);
        StderrProgress.quiet(true);
        try {
            progress.stage("hidden");
            progress.fraction(0.5);
        } finally {
            StderrProgress.quiet(false);
        }
        assertEquals("", printed());
    }

    @Test
    void clockShowsHoursOnlyFromAnHourOn() {
        assertEquals("1:05", StderrProgress.clock(65));
        assertEquals("59:59", StderrProgress.clock(3599));
        assertEquals("1:02:05", StderrProgress.clock(3725)); // 3600 + 120 + 5
    }
}
