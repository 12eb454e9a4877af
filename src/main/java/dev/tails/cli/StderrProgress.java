package dev.tails.cli;

import dev.tails.Progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Stage lines on stderr, plus an updating bar with rate and ETA when stderr is a terminal; piped
 * output gets a line per 10% instead, so logs of long runs stay readable and still show how far
 * they are (DESIGN.md §6). Rates and ETA count from the start of the stage, or of the pass when the
 * fraction goes back (a job running several passes in one stage). A stage may begin part-way through
 * a job (each of a job's {@link Progress#part}s names its own stage): the ETA then extrapolates from
 * the fraction done since the stage began, not from the whole. With --quiet it prints nothing:
 * errors do not come through here.
 */
final class StderrProgress implements Progress {
    private static final int BAR = 24;
    private static volatile boolean quiet;

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private long start;
    private long texts;
    private long tokens;
    private double lastFraction;
    /** The fraction when the stage or pass began. */
    private double startFraction;
    private int shownPercent = -1;
    private boolean barOpen;

    /** Progress on System.err, a bar if that is a terminal, timed by the system clock. */
    StderrProgress() {
        this(System.err, System.console() != null && System.console().isTerminal(), System::nanoTime);
    }

    /** nanoClock: the time in nanoseconds (a test passes its own, so rates and ETAs are exact). */
    StderrProgress(PrintStream err, boolean terminal, LongSupplier nanoClock) {
        this.err = err;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /** --quiet: set by {@link Main} before each command runs. */
    static void quiet(boolean on) {
        quiet = on;
    }

    /** One line on stderr unless --quiet: what a command says it did ("wrote ..."). */
    static void note(String message) {
        if (!quiet) {
            System.err.println("tails: " + message);
        }
    }

    @Override
    public void stage(String message) {
        if (quiet) {
            return;
        }
        endBarLine();
        err.println("tails: " + message);
        restart(lastFraction);
    }

    /** Counts and clock from now on, the job being {@code from} done; its 10% step is not shown again. */
    private void restart(double from) {
        start = nanoClock.getAsLong();
        texts = 0;
        tokens = 0;
        startFraction = from;
        lastFraction = from;
        shownPercent = from > 0 ? (int) Math.floor(100 * from) / 10 * 10 : -1;
    }

    @Override
    public void advance(long texts, long tokens) {
        this.texts += texts;
        this.tokens += tokens;
    }

    @Override
    public void fraction(double done) {
        if (quiet) {
            return;
        }
        double f = Math.clamp(done, 0.0, 1.0);
        if (f < lastFraction) {
            endBarLine();
            restart(0);
        }
        lastFraction = f;
        int percent = (int) Math.floor(100 * f);
        if (!terminal) {
            int tens = percent / 10 * 10;
            if (tens > shownPercent && tens > 0) {
                shownPercent = tens;
                err.println("tails:   " + tens + "%" + rates(f));
            }
            return;
        }
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = (int) Math.round(f * BAR);
        err.print("\r  [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + percent + "%" + rates(f) + "   ");
        barOpen = f < 1;
        if (!barOpen) {
            err.println(); // done: what comes next gets a line of its own
        }
        err.flush();
    }

    /** "  12.5 texts/s, 1,600 tokens/s, ETA 1:05" from the counts and time since the stage began; parts not known are left out. */
    private String rates(double done) {
        double seconds = (nanoClock.getAsLong() - start) / 1e9;
        StringBuilder s = new StringBuilder();
        if (texts > 0 && seconds > 0) {
            s.append(String.format(Locale.ROOT, "  %,.1f texts/s", texts / seconds));
            if (tokens > 0) {
                s.append(String.format(Locale.ROOT, ", %,.0f tokens/s", tokens / seconds));
            }
        }
        if (done >= 1 && seconds > 0) {
            s.append(s.isEmpty() ? "  " : ", ").append("took ").append(clock(seconds));
        } else if (done > startFraction && seconds > 0) {
            s.append(s.isEmpty() ? "  " : ", ").append("ETA ")
                    .append(clock(seconds * (1 - done) / (done - startFraction)));
        }
        return s.toString();
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void endBarLine() {
        if (barOpen) {
            err.println();
        }
        barOpen = false;
    }
}
