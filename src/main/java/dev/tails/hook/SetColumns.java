package dev.tails.hook;

import dev.tails.model.HookPoint;

import java.util.Arrays;

/** Sets given columns of every token row (dims of a HIDDEN point, neurons of mlp.hook_*) to a constant. */
final class SetColumns extends RowIntervention {
    private final int[] columns;
    private final float value;
    private final String unit;

    SetColumns(int[] columns, float value, String unit) {
        this.columns = columns.clone();
        this.value = value;
        this.unit = unit;
    }

    @Override
    void edit(HookData data, int b, int position, int offset) {
        for (int c : columns) {
            data.data()[offset + c] = value;
        }
    }

    @Override
    void checkRow(String name, HookPoint point, HookShape shape, int width) {
        checkIndices(columns, width, unit, name);
    }

    @Override
    String describe() {
        return "setting " + unit + "s " + Arrays.toString(columns) + " to " + value;
    }
}
