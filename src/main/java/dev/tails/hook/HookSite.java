package dev.tails.hook;

import dev.tails.model.HookPoint;

/** One concrete hook point of a model: a point at a layer (layer 0 for the embedding points). */
public record HookSite(HookPoint point, int layer) {

    public String name() {
        return point.nameAt(layer);
    }
}
