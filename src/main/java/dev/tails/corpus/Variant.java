package dev.tails.corpus;

/** The three ways of reading vectors that every evaluation compares. */
public enum Variant {
    /** The model's hidden states as they are. */
    RAW("raw"),
    /** The same forward, with the clip dims zeroed in the final vectors (what the paper did). */
    CLIPPED_AFTER("clipped-after"),
    /** A forward whose every block output has the clip dims zeroed as it flows on to the next block. */
    CLIPPED_IN_GRAPH("clipped-in-graph");

    private final String label;

    Variant(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
