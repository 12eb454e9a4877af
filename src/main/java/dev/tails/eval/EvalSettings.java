package dev.tails.eval;

import dev.tails.TailsException;
import dev.tails.corpus.Variant;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What every evaluation is told besides its own data: the variants to compare, how many items of each
 * data file to use (0 = all) and the seed of everything random.
 */
public record EvalSettings(Set<Variant> variants, int limit, long seed) {
    public EvalSettings {
        if (variants.isEmpty()) {
            throw new TailsException("no variant to evaluate (raw, clipped-after, clipped-in-graph)");
        }
        if (limit < 0) {
            throw new TailsException("limit must be 0 (all) or more, got " + limit);
        }
        variants = Collections.unmodifiableSet(EnumSet.copyOf(variants));
    }
}
