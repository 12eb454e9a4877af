package dev.tails.corpus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tails.TailsException;

import java.util.Arrays;

/** The three ways of reading vectors that every evaluation compares; JSON and the command line use the labels. */
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

    /**
     * The variant's name in JSON and on the command line.
     *
     * @return the label
     */
    @JsonValue
    public String label() {
        return label;
    }

    /**
     * The variant with a label.
     *
     * @param label the label, surrounding blanks ignored
     * @return the variant
     * @throws TailsException if no variant has the label
     */
    @JsonCreator
    public static Variant of(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label.trim())).findFirst()
                .orElseThrow(() -> new TailsException("unknown variant '" + label + "' (raw, clipped-after, clipped-in-graph)"));
    }
}
