package dev.tails.corpus;

import dev.tails.Progress;
import dev.tails.TinyModels;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which texts CorpusRunner.forEachBatch puts in each batch, and what it tells progress, on tiny-bert. */
class CorpusRunnerBatchesTest {
    // "a" is one WordPiece token in tiny-bert's vocabulary, so with [CLS] and [SEP] the texts have 6, 3, 4, 3 tokens.
    private static final List<String> TEXTS = List.of("a a a a", "a", "a a", "a");

    @Test
    void byLengthBatchesTheShortestFirstTiesInInputOrder() {
        // Lengths 6, 3, 4, 3: run order 1, 3 (the 3s in input order), 2, 0; cut in twos.
        assertEquals(List.of("[1, 3] lengths [3, 3]", "[2, 0] lengths [4, 6]"), batches(true, new ArrayList<>()));
    }

    @Test
    void inputOrderBatchesConsecutiveTexts() {
        assertEquals(List.of("[0, 1] lengths [6, 3]", "[2, 3] lengths [4, 3]"), batches(false, new ArrayList<>()));
    }

    @Test
    void progressGetsEachBatchsTextsAndTokensAndTheFractionDone() {
        List<String> told = new ArrayList<>();
        batches(true, told);
        // 0 as the pass begins; batch [1, 3]: 2 texts, 3 + 3 tokens, half done; batch [2, 0]: 2 texts, 4 + 6 tokens.
        assertEquals(List.of("fraction 0.0", "advance 2 6", "fraction 0.5", "advance 2 10", "fraction 1.0"), told);
    }

    private static List<String> batches(boolean byLength, List<String> told) {
        Model model = TinyModels.tinyBert();
        TokenizedCorpus corpus = TokenizedCorpus.of(model, TEXTS, false, true, byLength);
        List<String> batches = new ArrayList<>();
        new CorpusRunner(model, 2, false).forEachBatch(corpus, ForwardHooks.NONE, batch -> {
            int[] lengths = new int[batch.size()];
            Arrays.setAll(lengths, b -> batch.batch().length(b));
            batches.add(Arrays.toString(batch.texts()) + " lengths " + Arrays.toString(lengths));
        }, new Progress() {
            @Override
            public void stage(String message) {
            }

            @Override
            public void fraction(double done) {
                told.add("fraction " + done);
            }

            @Override
            public void advance(long texts, long tokens) {
                told.add("advance " + texts + " " + tokens);
            }
        });
        return batches;
    }
}
