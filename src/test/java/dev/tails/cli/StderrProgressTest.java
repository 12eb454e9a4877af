package dev.tails.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Piped stderr (as under surefire) gets stage lines and one line per 10% reached, never a carriage return. */
class StderrProgressTest {
    @Test
    void pipedProgressPrintsALinePerTenPercent() {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            StderrProgress progress = new StderrProgress();
            progress.stage("one");
            for (double f : new double[]{0.05, 0.1, 0.15, 0.35, 0.34, 1.0}) {
                progress.fraction(f);
            }
            progress.stage("two");
            progress.fraction(0.2);
        } finally {
            System.setErr(original);
        }
        assertEquals("""
                tails: one
                tails:   10%
                tails:   30%
                tails:   100%
                tails: two
                tails:   20%
                """, bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
