package dev.tails.attribution;

import dev.tails.TestFiles;
import dev.tails.model.Batch;
import dev.tails.model.Model;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of every decomposition sum to the value the forward measured, for every token and block. */
class DecompositionSumTest {
    private static final double TOLERANCE = 1e-4;
    private static final List<String> TEXTS = List.of("The bank raised its rates again.",
            "Short one", "A longer sentence, with punctuation; and a few more words than the others have.");

    /** tiny-distilbert has no token types (a zero part); tiny-electra projects 16-wide embeddings to 32. */
    @ParameterizedTest
    @ValueSource(strings = {"tiny-bert", "tiny-distilbert", "tiny-electra"})
    void tinyModelPartsSumToMeasuredValues(String name) {
        Model model = Model.load(TestFiles.resource("models/" + name));
        assertPartsSum(model, new int[] {0, 5, 17, 31});
    }

    @Test
    void bertBaseCasedPartsSumToMeasuredValues() {
        var folder = TestFiles.fetchedModel("bert-base-cased");
        Assumptions.assumeTrue(folder != null, "bert-base-cased not fetched (./tails fetch bert-base-cased): skipped");
        assertPartsSum(Model.load(folder), new int[] {0, 308, 557, 767});
    }

    private static void assertPartsSum(Model model, int[] dims) {
        Batch batch = model.batch(TEXTS, false);
        int blocks = model.config().numLayers();
        var all = IntStream.range(0, blocks).boxed().collect(Collectors.toSet());
        CapturedForward forward = CapturedForward.run(model, batch, all);
        double worst = 0;
        for (int dim : dims) {
            EmbeddingDecomposer embedding = new EmbeddingDecomposer(model, dim);
            for (int block = 0; block < blocks; block++) {
                BlockDecomposer decomposer = new BlockDecomposer(model, block, dim);
                for (int row = 0; row < batch.rows(); row++) {
                    if (batch.isPadding(row)) {
                        continue;
                    }
                    String where = "block " + block + " dim " + dim + " row " + row;
                    worst = Math.max(worst, check(decomposer.neurons(forward, row).sum(), decomposer.value(forward, row), where + " output"));
                    worst = Math.max(worst, check(decomposer.heads(forward, row).sum(), decomposer.normalizedMid(forward, row), where + " mid"));
                    if (block == 0) {
                        worst = Math.max(worst, check(embedding.decompose(forward, row).sum(), embedding.value(forward, row), where + " embedding"));
                    }
                }
            }
        }
        System.out.printf("%s: worst |sum of parts - measured| = %.3g%n", model.folder().getFileName(), worst);
    }

    private static double check(double sum, double measured, String where) {
        double diff = Math.abs(sum - measured);
        assertTrue(diff <= TOLERANCE, where + ": parts sum to " + sum + ", measured " + measured);
        return diff;
    }
}
