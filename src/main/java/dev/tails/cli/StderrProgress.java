package dev.tails.cli;

import dev.tails.Progress;

import java.io.PrintStream;

/**
 * Stage lines on stderr, plus an updating percentage when stderr is a terminal; piped output gets
 * a line per 10% instead, so logs of long runs stay readable and still show how far they are (DESIGN.md §6).
 */
final class StderrProgress implements Progress {
    private final PrintStream err = System.err;
    private final boolean terminal = System.console() != null && System.console().isTerminal();
    private int shownPercent = -1;

    @Override
    public void stage(String message) {
        endPercentLine();
        err.println("tails: " + message);
    }

    @Override
    public void fraction(double done) {
        int percent = (int) Math.floor(100 * Math.clamp(done, 0.0, 1.0));
        if (!terminal) {
            int tens = percent / 10 * 10;
            if (tens > shownPercent && tens > 0) {
                shownPercent = tens;
                err.println("tails:   " + tens + "%");
            }
            return;
        }
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        err.print("\r  " + percent + "%");
        err.flush();
    }

    private void endPercentLine() {
        if (terminal && shownPercent >= 0) {
            err.println();
        }
        shownPercent = -1;
    }
}
