package dev.tails.analysis;

import dev.tails.TestFiles;
import dev.tails.corpus.Clip;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The study's in-graph interventions change what flows on, not just what is read. */
class InterventionHooksTest {
    private static final Model MODEL = Model.load(TestFiles.resource("models/tiny-bert"));
    private static final List<String> TEXTS = List.of("the cat sat", "a longer text here");

    @Test
    void dimsZeroedInFlowAreZeroInEveryBlockOutputAndChangeTheRest() {
        int h = MODEL.config().hiddenSize();
        var batch = MODEL.batch(TEXTS, false);
        var plain = MODEL.forward(batch, ForwardHooks.NONE);
        var zeroed = MODEL.forward(batch, Clip.of(MODEL.config().hiddenSize(), 3, 5).inGraph(MODEL.config()));
        for (int s = 1; s < zeroed.numStates(); s++) {
            for (int row = 0; row < batch.rows(); row++) {
                if (batch.isPadding(row)) {
                    continue;  // interventions edit real tokens only
                }
                assertEquals(0f, zeroed.hiddenStates()[s][row * h + 3]);
                assertEquals(0f, zeroed.hiddenStates()[s][row * h + 5]);
            }
        }
        assertEquals(plain.hiddenStates()[1][0], zeroed.hiddenStates()[1][0]);
        assertNotEquals(plain.hiddenStates()[2][0], zeroed.hiddenStates()[2][0]);
    }

    @Test
    void zeroPositionEmbeddingsChangesTheEmbeddings() {
        var batch = MODEL.batch(TEXTS, false);
        var plain = MODEL.forward(batch, ForwardHooks.NONE);
        var zeroed = MODEL.forward(batch, InterventionHooks.zeroPositionEmbeddings(MODEL.config()));
        assertNotEquals(plain.hiddenStates()[0][0], zeroed.hiddenStates()[0][0]);
    }
}
