package dev.tails.eval;

import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;

import java.util.List;

/**
 * What every results file starts with: the model, the clip dims, the settings and what the run cost
 * (wall seconds of the evaluation, model load excluded; heap in use at its end). Layers in every result
 * are hidden-state indices: 0 = embeddings, L = output of block L-1.
 */
public record EvalHeader(String model, int[] clipDims, List<Variant> variants, int limit, long seed,
                         double seconds, long heapUsedMb) {

    /** The header of a run that started at {@code startNanos} (System.nanoTime) and ends now. */
    static EvalHeader of(CorpusRunner runner, Clip clip, EvalSettings settings, long startNanos) {
        Runtime rt = Runtime.getRuntime();
        return new EvalHeader(runner.model().folder().getFileName().toString(), clip.dims(),
                List.copyOf(settings.variants()), settings.limit(), settings.seed(),
                Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** The header of two merged partials of one run: the same settings, the seconds added and the larger heap. */
    EvalHeader plus(EvalHeader other) {
        return new EvalHeader(model, clipDims, variants, limit, seed, seconds + other.seconds, Math.max(heapUsedMb, other.heapUsedMb));
    }
}
