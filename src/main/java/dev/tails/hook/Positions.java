package dev.tails.hook;

import java.util.Arrays;

/** A set of token positions for position-wise interventions, or every position when built from none. */
final class Positions {
    private final int[] listed;
    private final boolean[] chosen;

    Positions(int[] positions) {
        this.listed = positions.clone();
        this.chosen = new boolean[Math.max(0, Arrays.stream(positions).max().orElse(-1) + 1)];
        for (int p : positions) {
            if (p >= 0) {
                chosen[p] = true;
            }
        }
    }

    boolean contains(int position) {
        return listed.length == 0 || position < chosen.length && chosen[position];
    }

    void check(String name) {
        RowIntervention.checkIndices(listed, Integer.MAX_VALUE, "position", name);
    }

    @Override
    public String toString() {
        return listed.length == 0 ? "all positions" : "positions " + Arrays.toString(listed);
    }
}
