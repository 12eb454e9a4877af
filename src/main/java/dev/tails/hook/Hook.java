package dev.tails.hook;

import dev.tails.model.HookPoint;

/**
 * Code run at a hook point during a forward pass: read {@link HookData#data()} or change it in
 * place (the change flows downstream). Called on the forward's own thread, once per point per forward.
 */
@FunctionalInterface
public interface Hook {

    /**
     * Runs at the point, once per forward.
     *
     * @param data the live activation and where it is
     */
    void apply(HookData data);

    /**
     * Called when the hook is attached, before any computation: throw a {@link dev.tails.TailsException}
     * when it cannot work at this point (an index out of range, a layout it does not handle).
     *
     * @param name the full hook name
     * @param point the point
     * @param shape the model's sizes
     */
    default void check(String name, HookPoint point, HookShape shape) {
    }
}
