package dev.tails.hook;

import dev.tails.model.HookPoint;

/**
 * One concrete hook point of a model: a point at a layer (layer 0 for the embedding points).
 *
 * @param point the hook point
 * @param layer the block it is in; 0 for the embedding and head points
 */
public record HookSite(HookPoint point, int layer) {

    /**
     * The site's hook name, as users write it.
     *
     * @return the name, e.g. "blocks.3.mlp.hook_post"
     */
    public String name() {
        return point.nameAt(layer);
    }
}
