package dev.tails.hook;

import dev.tails.model.Batch;
import dev.tails.model.ForwardHooks;
import dev.tails.model.HookPoint;
import dev.tails.model.ModelConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The hooks of one forward call (or of one run of sequential calls): build one per job, never
 * share it between concurrent forwards. Names and patterns are resolved, and each hook checked,
 * when added, so a bad name or index fails before any computation. Hooks at one point run in the
 * order they were added.
 */
public final class HookRegistry implements ForwardHooks {
    private final HookNames names;
    private final HookShape shape;
    /** [point ordinal][layer] -> hooks; null where none listens, so {@link #active} is two loads. */
    private final List<Hook>[][] hooks;

    /**
     * An empty registry for one model.
     *
     * @param config the model's: the layers that names may refer to and the shapes hooks check against
     */
    @SuppressWarnings("unchecked")
    public HookRegistry(ModelConfig config) {
        this.names = new HookNames(config.numLayers());
        this.shape = HookShape.of(config);
        this.hooks = new List[HookPoint.values().length][config.numLayers()];
    }

    /**
     * Attaches {@code hook} to every point the name or pattern selects.
     *
     * @param nameOrPattern a hook name or a pattern (comma-free; see {@link HookNames})
     * @param hook the hook
     * @return this registry
     * @throws dev.tails.TailsException for an unknown name, or a hook that cannot work at a point
     */
    public HookRegistry add(String nameOrPattern, Hook hook) {
        List<HookSite> sites = names.resolve(nameOrPattern);
        for (HookSite site : sites) {
            hook.check(site.name(), site.point(), shape);
        }
        for (HookSite site : sites) {
            attach(site, hook);
        }
        return this;
    }

    /**
     * Attaches {@code hook} at one resolved site.
     *
     * @param site the site
     * @param hook the hook
     * @return this registry
     */
    public HookRegistry add(HookSite site, Hook hook) {
        hook.check(site.name(), site.point(), shape);
        attach(site, hook);
        return this;
    }

    private void attach(HookSite site, Hook hook) {
        List<Hook>[] byLayer = hooks[site.point().ordinal()];
        if (byLayer[site.layer()] == null) {
            byLayer[site.layer()] = new ArrayList<>();
        }
        byLayer[site.layer()].add(hook);
    }

    /** {@return the hook names of this model} */
    public HookNames names() {
        return names;
    }

    /** {@return the model's sizes, as hooks see them} */
    public HookShape shape() {
        return shape;
    }

    /** {@return whether no hook is attached} */
    public boolean isEmpty() {
        for (List<Hook>[] byLayer : hooks) {
            for (List<Hook> list : byLayer) {
                if (list != null) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean active(HookPoint point, int layer) {
        return hooks[point.ordinal()][point.perLayer() ? layer : 0] != null;
    }

    @Override
    public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
        int at = point.perLayer() ? layer : 0;
        List<Hook> list = hooks[point.ordinal()][at];
        if (list == null) {
            return;
        }
        HookData data = new HookData(point.nameAt(at), point, at, activation, batch, shape);
        for (Hook hook : list) {
            hook.apply(data);
        }
    }
}
