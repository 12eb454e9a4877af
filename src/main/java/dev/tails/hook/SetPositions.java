package dev.tails.hook;

import dev.tails.TailsException;
import dev.tails.model.HookPoint;

import java.util.Arrays;

/** Sets the whole row of the tokens at given positions to a constant; positions past a sequence's end are skipped. */
final class SetPositions extends RowIntervention {
    private final Positions positions;
    private final float value;

    SetPositions(int[] positions, float value) {
        if (positions.length == 0) {
            throw new TailsException("setting positions: no positions given");
        }
        this.positions = new Positions(positions);
        this.value = value;
    }

    @Override
    void edit(HookData data, int b, int position, int offset) {
        if (positions.contains(position)) {
            Arrays.fill(data.data(), offset, offset + data.rowWidth(), value);
        }
    }

    @Override
    void checkRow(String name, HookPoint point, HookShape shape, int width) {
        positions.check(name);
    }

    @Override
    String describe() {
        return "setting " + positions + " to " + value;
    }
}
