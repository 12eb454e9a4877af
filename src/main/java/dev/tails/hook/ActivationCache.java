package dev.tails.hook;

import dev.tails.TailsException;
import dev.tails.model.HookPoint;
import dev.tails.tensor.FloatTensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Activations captured by a hook, per sequence and without padding, in the hook table's shapes
 * ({@link HookShape#perSequence}). Attach {@link #capture()} to the points wanted; sequences are
 * numbered in the order forwards see them, so run the batches of a corpus one after another through
 * the same cache.
 */
public final class ActivationCache {
    private final Map<String, List<FloatTensor>> byName = new LinkedHashMap<>();
    private final Map<String, HookPoint> points = new LinkedHashMap<>();

    /** An empty cache. */
    public ActivationCache() {
    }

    /** {@return the hook that copies each firing into this cache} */
    public Hook capture() {
        return data -> {
            List<FloatTensor> sequences = byName.computeIfAbsent(data.name(), k -> new ArrayList<>());
            points.put(data.name(), data.point());
            for (int b = 0; b < data.batch().size(); b++) {
                sequences.add(new FloatTensor(data.sequenceShape(b), data.sequence(b)));
            }
        };
    }

    /** Forgets every capture: sequences are numbered from 0 again (a cache reused batch by batch). */
    public void clear() {
        byName.clear();
        points.clear();
    }

    /** {@return the hook names captured, in the order first seen} */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * {@return the number of sequences captured at a hook}
     *
     * @param name a hook name
     */
    public int sequences(String name) {
        return list(name).size();
    }

    /**
     * {@return one captured activation, without padding}
     *
     * @param name a hook name
     * @param sequence which captured sequence, from 0
     * @throws TailsException when nothing was captured there or the sequence is out of range
     */
    public FloatTensor get(String name, int sequence) {
        List<FloatTensor> list = list(name);
        if (sequence < 0 || sequence >= list.size()) {
            throw new TailsException("activation cache: sequence " + sequence + " of '" + name + "' is out of range [0, "
                    + list.size() + ")");
        }
        return list.get(sequence);
    }

    /**
     * The mean token row of a row-layout point over every captured token (all sequences), e.g. [H]
     * for a HIDDEN point: what mean-ablation puts in place of an activation.
     *
     * @param name a hook name
     * @return the mean row
     */
    public float[] meanRow(String name) {
        List<FloatTensor> list = list(name);
        if (points.get(name).layout() == HookPoint.Layout.ATTENTION) {
            throw new TailsException("activation cache: '" + name + "' is an attention map [heads, T, T], it has no token rows to average");
        }
        int width = list.getFirst().data().length / Math.max(1, list.getFirst().dim(0));
        double[] sum = new double[width];
        long tokens = 0;
        for (FloatTensor t : list) {
            for (int i = 0; i < t.data().length; i++) {
                sum[i % width] += t.data()[i];
            }
            tokens += t.dim(0);
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] / Math.max(1, tokens));
        }
        return mean;
    }

    /** {@return every captured tensor under the key {@code s{i}.<hook name>}, sequences first} */
    public Map<String, FloatTensor> tensors() {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        int n = byName.values().stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < n; i++) {
            for (Map.Entry<String, List<FloatTensor>> e : byName.entrySet()) {
                if (i < e.getValue().size()) {
                    out.put("s" + i + "." + e.getKey(), e.getValue().get(i));
                }
            }
        }
        return out;
    }

    private List<FloatTensor> list(String name) {
        List<FloatTensor> list = byName.get(name);
        if (list == null) {
            throw new TailsException("activation cache: nothing captured at '" + name + "' (captured: "
                    + String.join(", ", byName.keySet()) + ")");
        }
        return list;
    }
}
