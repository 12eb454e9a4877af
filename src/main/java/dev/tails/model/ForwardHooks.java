package dev.tails.model;

/**
 * The forward pass's only door to the outside. The encoder asks {@link #active} before firing so
 * that, with no hooks, it builds nothing extra; a hook may change the array in place and the change
 * flows downstream.
 */
public interface ForwardHooks {

    ForwardHooks NONE = new ForwardHooks() {
        @Override
        public boolean active(HookPoint point, int layer) {
            return false;
        }

        @Override
        public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
        }
    };

    /** True when some hook listens at this point (layer is ignored for embedding points). */
    boolean active(HookPoint point, int layer);

    /** Fires the point when some hook listens there; costs one check otherwise. */
    default void at(HookPoint point, int layer, float[] activation, Batch batch) {
        if (active(point, layer)) {
            fire(point, layer, activation, batch);
        }
    }

    /** Hands the live activation (laid out as {@link HookPoint#layout()}) to the hooks at this point. */
    void fire(HookPoint point, int layer, float[] activation, Batch batch);
}
