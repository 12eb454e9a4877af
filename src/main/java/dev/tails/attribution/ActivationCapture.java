package dev.tails.attribution;

import dev.tails.model.Batch;
import dev.tails.model.ForwardHooks;
import dev.tails.model.HookPoint;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Copies chosen hook points of chosen layers during one forward pass (arrays are live only during
 * the hook call). Padding rows are kept, so rows line up with the batch. One capture per forward.
 */
final class ActivationCapture implements ForwardHooks {
    private final Set<HookPoint> points;
    private final Set<Integer> layers;
    private final Map<String, float[]> captured = new HashMap<>();

    ActivationCapture(Set<HookPoint> points, Set<Integer> layers) {
        this.points = EnumSet.copyOf(points);
        this.layers = Set.copyOf(layers);
    }

    @Override
    public boolean active(HookPoint point, int layer) {
        return points.contains(point) && (!point.perLayer() || layers.contains(layer));
    }

    @Override
    public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
        captured.put(point.nameAt(layer), activation.clone());
    }

    /** The copy taken at this point; an error when the forward did not fire it. */
    float[] get(HookPoint point, int layer) {
        float[] copy = captured.get(point.nameAt(layer));
        if (copy == null) {
            throw new IllegalStateException(point.nameAt(layer) + " was not captured");
        }
        return copy;
    }
}
