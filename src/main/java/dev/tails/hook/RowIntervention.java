package dev.tails.hook;

import dev.tails.TailsException;
import dev.tails.model.HookPoint;

/** An intervention that edits the token rows ([B*T, width] layouts) of each sequence, padding rows left alone. */
abstract class RowIntervention implements Hook {

    @Override
    public final void apply(HookData data) {
        int width = data.rowWidth();
        int t = data.batch().seqLen();
        for (int b = 0; b < data.batch().size(); b++) {
            for (int pos = 0; pos < data.batch().length(b); pos++) {
                edit(data, b, pos, (b * t + pos) * width);
            }
        }
    }

    @Override
    public final void check(String name, HookPoint point, HookShape shape) {
        if (point.layout() == HookPoint.Layout.ATTENTION) {
            throw new TailsException(describe() + " edits token rows, but '" + name + "' is an attention map [heads, T, T]");
        }
        checkRow(name, point, shape, shape.rowWidth(point.layout()));
    }

    /** Edits the row of sequence {@code b} at {@code position}, which starts at {@code offset} in the data. */
    abstract void edit(HookData data, int b, int position, int offset);

    abstract void checkRow(String name, HookPoint point, HookShape shape, int width);

    /** What this intervention is, for error messages. */
    abstract String describe();

    /** Fails unless every index is in [0, count). */
    static void checkIndices(int[] indices, int count, String unit, String name) {
        for (int i : indices) {
            if (i < 0 || i >= count) {
                throw new TailsException(unit + " " + i + " is out of range for '" + name + "': valid " + unit + "s are 0.."
                        + (count - 1));
            }
        }
    }
}
