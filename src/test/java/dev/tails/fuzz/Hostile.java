package dev.tails.fuzz;

import dev.tails.TailsException;

import java.io.IOException;

/**
 * The contract the file targets check: a hostile input may be refused, but only with a
 * {@link TailsException}. Anything else that escapes (an IndexOutOfBounds, an OutOfMemoryError, a
 * StackOverflowError) propagates and is a finding.
 */
final class Hostile {
    private Hostile() {
    }

    interface Action {
        void run() throws IOException;
    }

    /** Runs the action; a TailsException is the documented refusal and is swallowed. */
    static void mayOnlyRefuse(Action action) throws IOException {
        try {
            action.run();
        } catch (TailsException refused) {
            // the library said no, naming the rule: that is the contract
        }
    }
}
