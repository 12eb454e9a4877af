package dev.tails.hook;

import dev.tails.TailsException;
import dev.tails.model.HookPoint;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Puts the corpus mean of a point (from an {@link ActivationCache} of the same point) in given columns, or the whole row. */
final class MeanAblation extends RowIntervention {
    private final ActivationCache means;
    private final int[] columns;
    /** Each point's mean row, computed once when the hook is attached there. */
    private final Map<String, float[]> meanByName = new HashMap<>();

    MeanAblation(ActivationCache means, int[] columns) {
        this.means = means;
        this.columns = columns.clone();
    }

    @Override
    void edit(HookData data, int b, int position, int offset) {
        float[] mean = meanByName.get(data.name());
        if (columns.length == 0) {
            System.arraycopy(mean, 0, data.data(), offset, mean.length);
        }
        for (int c : columns) {
            data.data()[offset + c] = mean[c];
        }
    }

    @Override
    void checkRow(String name, HookPoint point, HookShape shape, int width) {
        float[] mean = means.meanRow(name);
        if (mean.length != width) {
            throw new TailsException(describe() + ": the cache holds rows of " + mean.length + " for '" + name + "', the model " + width);
        }
        checkIndices(columns, width, "column", name);
        meanByName.put(name, mean);
    }

    @Override
    String describe() {
        return "mean-ablation of " + (columns.length == 0 ? "whole rows" : "columns " + Arrays.toString(columns));
    }
}
