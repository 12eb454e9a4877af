package dev.tails.analysis;

import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusStatistic;
import dev.tails.model.Batch;
import dev.tails.model.ForwardHooks;
import dev.tails.model.HookPoint;

/**
 * One pass of a {@link MaskedCorpus} through the masked-LM head: {@link #hooks} adds a listener at
 * hook_mlm_logits to the condition's own hooks (so the runner's forward goes on through the head), keeps
 * that batch's logits, and {@link #add} scores the masked positions of each of its texts.
 */
public final class MaskedLmPass implements CorpusStatistic {
    private final MaskedCorpus corpus;
    private final int vocab;
    private final MaskedLmScore score = new MaskedLmScore();
    private float[] logits;

    public MaskedLmPass(MaskedCorpus corpus, int vocab) {
        this.corpus = corpus;
        this.vocab = vocab;
    }

    /** The condition's hooks (interventions, or {@link ForwardHooks#NONE}) with the logits kept after them. */
    public ForwardHooks hooks(ForwardHooks condition) {
        return new ForwardHooks() {
            @Override
            public boolean active(HookPoint point, int layer) {
                return point == HookPoint.MLM_LOGITS || condition.active(point, layer);
            }

            @Override
            public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
                condition.at(point, layer, activation, batch);
                if (point == HookPoint.MLM_LOGITS) {
                    logits = activation;
                }
            }
        };
    }

    @Override
    public void add(CorpusBatch batch) {
        int seqLen = batch.batch().seqLen();
        for (int b = 0; b < batch.size(); b++) {
            int text = batch.text(b);
            int[] positions = corpus.positions(text);
            int[] targets = corpus.targets(text);
            for (int i = 0; i < positions.length; i++) {
                score.add(logits, (b * seqLen + positions[i]) * vocab, vocab, targets[i]);
            }
        }
        logits = null;
    }

    public MaskedLmScore score() {
        return score;
    }
}
