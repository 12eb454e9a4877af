package dev.tails.hook;

import dev.tails.model.HookPoint;
import dev.tails.tensor.FloatTensor;

/**
 * Activation patching: the rows at given positions (all when none are given) take the values the
 * same point had for another input, one sequence of a cache. Positions beyond either input are skipped.
 */
final class Patch extends RowIntervention {
    private final ActivationCache source;
    private final int sourceSequence;
    private final Positions positions;

    Patch(ActivationCache source, int sourceSequence, int[] positions) {
        this.source = source;
        this.sourceSequence = sourceSequence;
        this.positions = new Positions(positions);
    }

    @Override
    void edit(HookData data, int b, int position, int offset) {
        FloatTensor from = source.get(data.name(), sourceSequence);
        if (positions.contains(position) && position < from.dim(0)) {
            int width = data.rowWidth();
            System.arraycopy(from.data(), position * width, data.data(), offset, width);
        }
    }

    @Override
    void checkRow(String name, HookPoint point, HookShape shape, int width) {
        source.get(name, sourceSequence);
        positions.check(name);
    }

    @Override
    String describe() {
        return "patching " + positions + " from sequence " + sourceSequence;
    }
}
