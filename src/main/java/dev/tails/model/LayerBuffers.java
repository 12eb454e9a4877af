package dev.tails.model;

import java.util.EnumMap;
import java.util.Map;

/**
 * Arrays one forward reuses from layer to layer for activations that no hook is handed (a hook may
 * keep what it gets, so those stay fresh). q, k, v, z and the feed-forward's intermediate are ~25 MB
 * per layer at bert-base 8×128: allocated afresh, the JVM zeroed them on one thread and the young
 * collector ran about nine times per forward.
 */
final class LayerBuffers {
    private final Map<HookPoint, float[]> reused = new EnumMap<>(HookPoint.class);

    /**
     * An array of size floats for the activation at point of this layer: a new one when a hook listens
     * there (or at one of the other points that see the same array), else the one reused for point.
     * Its contents are whatever the last layer left: the kernels that fill it write every element.
     */
    float[] forActivation(ForwardHooks hooks, int layer, int size, HookPoint point, HookPoint... alsoSeenAt) {
        boolean hooked = hooks.active(point, layer);
        for (HookPoint other : alsoSeenAt) {
            hooked |= hooks.active(other, layer);
        }
        if (hooked) {
            return new float[size];
        }
        float[] buffer = reused.get(point);
        if (buffer == null || buffer.length != size) {
            buffer = new float[size];
            reused.put(point, buffer);
        }
        return buffer;
    }
}
