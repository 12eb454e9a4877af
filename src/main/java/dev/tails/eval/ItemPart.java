package dev.tails.eval;

import dev.tails.TailsException;

/**
 * Which items of a data file one run of an evaluation takes: those whose index i has i % count == index, so
 * {@code count} machines split a dataset with no coordination and their partials merge into the whole.
 */
public record ItemPart(int index, int count) {
    /** Every item. */
    public static final ItemPart ALL = new ItemPart(0, 1);

    public ItemPart {
        if (count < 1 || index < 0 || index >= count) {
            throw new TailsException("part " + index + "/" + count + ": need 0 <= index < count");
        }
    }

    public boolean takes(int item) {
        return item % count == index;
    }
}
