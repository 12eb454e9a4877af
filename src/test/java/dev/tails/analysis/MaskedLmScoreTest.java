package dev.tails.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskedLmScoreTest {

    /**
     * Two masked tokens over a vocabulary of 3, logits at offsets 3 and 6 of one array:
     * [0, ln 2, 0] with target 1: softmax 1/4, 2/4, 1/4, loss -ln(1/2) = ln 2, argmax 1: right;
     * [1, 1, 0] with target 1: ids 0 and 1 tie, the lower id wins: wrong; loss ln(2e + 1) - 1.
     * Accuracy 1/2, mean loss (ln 2 + ln(2e + 1) - 1) / 2.
     */
    @Test
    void accuracyAndLossOfTwoTokens() {
        float ln2 = (float) Math.log(2);
        float[] logits = {9, 9, 9, 0, ln2, 0, 1, 1, 0};
        MaskedLmScore score = new MaskedLmScore();
        assertTrue(Double.isNaN(score.accuracy()), "nothing scored yet");
        score.add(logits, 3, 3, 1);
        score.add(logits, 6, 3, 1);
        assertEquals(2, score.tokens());
        assertEquals(0.5, score.accuracy());
        assertEquals((ln2 + Math.log(2 * Math.E + 1) - 1) / 2, score.loss(), 1e-6);
    }
}
