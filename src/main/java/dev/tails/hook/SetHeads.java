package dev.tails.hook;

import dev.tails.TailsException;
import dev.tails.model.HookPoint;

import java.util.Arrays;

/**
 * Sets whole heads to a constant in a per-head layout: a head's dh slice of attn.hook_z (q, k, v
 * alike) or its H slice of attn.hook_result. Zeroing a head's hook_z is HF's head_mask = 0.
 */
final class SetHeads extends RowIntervention {
    private final int[] heads;
    private final float value;

    SetHeads(int[] heads, float value) {
        this.heads = heads.clone();
        this.value = value;
    }

    @Override
    void edit(HookData data, int b, int position, int offset) {
        int block = data.rowWidth() / data.shape().heads();
        for (int h : heads) {
            Arrays.fill(data.data(), offset + h * block, offset + (h + 1) * block, value);
        }
    }

    @Override
    void checkRow(String name, HookPoint point, HookShape shape, int width) {
        HookPoint.Layout layout = point.layout();
        if (layout != HookPoint.Layout.HEADS && layout != HookPoint.Layout.HEAD_RESULTS) {
            throw new TailsException(describe() + " needs a per-head point (attn.hook_z, hook_q/k/v, hook_result), not '" + name + "'");
        }
        checkIndices(heads, shape.heads(), "head", name);
    }

    @Override
    String describe() {
        return "setting heads " + Arrays.toString(heads) + " to " + value;
    }
}
