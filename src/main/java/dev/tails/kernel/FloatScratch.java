package dev.tails.kernel;

/**
 * A float array per thread, reused from call to call (a head's block of scores, a panel being
 * packed): tens of KB allocated per task added up to megabytes per layer for the collector.
 * Each user keeps its own, so two never share one; its contents are whatever the last call left.
 */
public final class FloatScratch {
    private final ThreadLocal<float[]> local = ThreadLocal.withInitial(() -> new float[0]);

    /** This thread's array, grown to at least size floats. */
    public float[] atLeast(int size) {
        float[] a = local.get();
        if (a.length < size) {
            a = new float[size];
            local.set(a);
        }
        return a;
    }
}
