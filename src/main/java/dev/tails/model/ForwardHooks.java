package dev.tails.model;

/**
 * The forward pass's only door to the outside. The encoder asks {@link #active} before firing so
 * that, with no hooks, it builds nothing extra; a hook may change the array in place and the change
 * flows downstream.
 */
public interface ForwardHooks {

    /** No hooks: the plain forward pass. */
    ForwardHooks NONE = new ForwardHooks() {
        @Override
        public boolean active(HookPoint point, int layer) {
            return false;
        }

        @Override
        public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
        }
    };

    /**
     * Whether some hook listens at this point.
     *
     * @param point the point
     * @param layer its layer (ignored for the points outside the blocks)
     * @return true when {@link #fire} would reach a hook
     */
    boolean active(HookPoint point, int layer);

    /**
     * Fires the point when some hook listens there; costs one check otherwise.
     *
     * @param point the point
     * @param layer its layer (ignored for the points outside the blocks)
     * @param activation the live activation, laid out as {@link HookPoint#layout()}; hooks may change it
     * @param batch the batch it belongs to
     */
    default void at(HookPoint point, int layer, float[] activation, Batch batch) {
        if (active(point, layer)) {
            fire(point, layer, activation, batch);
        }
    }

    /**
     * Hands the live activation to the hooks at this point.
     *
     * @param point the point
     * @param layer its layer (ignored for the points outside the blocks)
     * @param activation the live activation, laid out as {@link HookPoint#layout()}; hooks may change it
     * @param batch the batch it belongs to
     */
    void fire(HookPoint point, int layer, float[] activation, Batch batch);

    /**
     * Whether the forward hands back every hidden state (the default) or only the last one. It is asked
     * here because every pass over a corpus already carries one {@code ForwardHooks} to the forward.
     *
     * @return true to keep states 0..L
     */
    default boolean keepsEveryState() {
        return true;
    }

    /**
     * These hooks, with a forward that keeps only the last hidden state: an embedding needs state L alone,
     * and a batch's other L states are then dropped as soon as the next layer has read them.
     *
     * @return hooks that fire as these do
     */
    default ForwardHooks lastStateOnly() {
        ForwardHooks hooks = this;
        return new ForwardHooks() {
            @Override
            public boolean active(HookPoint point, int layer) {
                return hooks.active(point, layer);
            }

            @Override
            public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
                hooks.fire(point, layer, activation, batch);
            }

            @Override
            public boolean keepsEveryState() {
                return false;
            }
        };
    }
}
