package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;

/**
 * The shape of every evaluation's {@code run}: the model's runner, the dims to clip, the task's settings
 * (which hold the shared {@link EvalSettings}), progress for the user, and back a typed result.
 */
@FunctionalInterface
public interface Evaluation<S, R extends EvalResult> {
    R run(CorpusRunner runner, Clip clip, S settings, Progress progress);
}
