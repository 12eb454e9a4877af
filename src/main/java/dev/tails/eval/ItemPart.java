package dev.tails.eval;

import dev.tails.TailsException;

import java.util.Set;

/**
 * Which items of a data file one run of an evaluation takes: those whose index i has i % count == index, so
 * {@code count} machines split a dataset with no coordination and their partials merge into the whole.
 *
 * @param index this run's part, from 0
 * @param count how many parts the items are split into
 */
public record ItemPart(int index, int count) {
    /** Every item. */
    public static final ItemPart ALL = new ItemPart(0, 1);

    /** Refuses a part outside 0..count-1. */
    public ItemPart {
        if (count < 1 || index < 0 || index >= count) {
            throw new TailsException("part " + index + "/" + count + ": need 0 <= index < count");
        }
    }

    /**
     * {@return whether this part takes the item}
     * @param item the item's index in its data file
     */
    public boolean takes(int item) {
        return item % count == index;
    }

    /** Refuses to merge partials that both hold a part (its items would count twice). */
    static void refuseOverlap(Set<Integer> held, Set<Integer> other, int count, String what) {
        for (int part : other) {
            if (held.contains(part)) {
                throw new TailsException(what + ": part " + part + "/" + count + " is in both partials");
            }
        }
    }

    /** Refuses a result before every part is merged in. */
    static void requireAll(Set<Integer> held, int count, String what) {
        if (held.size() != count) {
            throw new TailsException(what + ": holds parts " + held + " of 0.." + (count - 1) + "; merge the others first");
        }
    }
}
