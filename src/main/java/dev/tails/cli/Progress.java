package dev.tails.cli;

import java.util.Locale;

/** A one-line progress counter on stderr, shown only on a terminal so piped output stays quiet. */
final class Progress {
    private final String label;
    private final int total;
    private final boolean visible = System.console() != null && System.console().isTerminal();
    private final long start = System.nanoTime();

    Progress(String label, int total) {
        this.label = label;
        this.total = total;
    }

    void advanceTo(int done) {
        if (visible) {
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf(Locale.ROOT, "\r%s: %d/%d (%.0f%%) %.1fs", label, done, total, 100.0 * done / total, seconds);
        }
    }

    void done() {
        if (visible) {
            System.err.println();
        }
    }
}
