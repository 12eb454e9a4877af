package dev.tails.model;

import dev.tails.TestFiles;
import dev.tails.corpus.Corpus;
import dev.tails.io.SafetensorsFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static dev.tails.model.GoldenAssert.maxAbsDiff;
import static dev.tails.model.GoldenAssert.toInts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Google's real BERT-base checkpoints (fetched with `./tails fetch`) against the golden hidden
 * states: HF semantics (erf GELU) within 1e-4, TensorFlow's own graph (tanh GELU) within 2e-4.
 * Skips, saying so, when the weights or ../shared/golden are absent.
 */
class RealBertGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"bert-base-cased", "bert-base-uncased"})
    void hiddenStatesMatchBothReferences(String name) {
        Path weights = TestFiles.fetchedModel(name);
        assumeTrue(weights != null, "SKIPPED: weights/" + name + " not fetched (run ./tails fetch " + name + ")");
        Path golden = TestFiles.sharedGolden();
        assumeTrue(golden != null && golden.resolve(name).toFile().isDirectory(),
                "SKIPPED: ../shared/golden/" + name + " not present");
        Model erf = Model.load(weights);
        assertTrue(erf.config().activation() == Activation.GELU_ERF, "fetched config says hidden_act gelu");
        Model tanh = erf.withActivation(Activation.GELU_TANH);
        List<String> texts = Corpus.read(golden.resolve(name).resolve("visible.txt"));
        compare(erf, texts, golden.resolve(name).resolve("visible.safetensors"), 1e-4);
        compare(tanh, texts, golden.resolve(name).resolve("visible.tf-gelu-tanh.safetensors"), 2e-4);
    }

    private static void compare(Model model, List<String> texts, Path goldenFile, double tolerance) {
        EncoderOutput out = model.forward(texts);
        double worst = 0;
        try (SafetensorsFile golden = SafetensorsFile.open(goldenFile)) {
            for (int i = 0; i < texts.size(); i++) {
                String key = "s" + i + ".";
                assertArrayEquals(toInts(golden.longs(key + "input_ids")), out.batch().inputIds(i), "token ids of text " + i);
                worst = Math.max(worst, maxAbsDiff(golden.floats(key + "hidden").data(), out.allHidden(i), key + "hidden"));
                worst = Math.max(worst, maxAbsDiff(golden.floats(key + "pooled").data(), out.pooled(i), key + "pooled"));
            }
        }
        System.out.printf("%s vs %s: max |diff| %.3g over %d texts%n", model.folder(), goldenFile.getFileName(), worst, texts.size());
        assertTrue(worst <= tolerance, goldenFile + ": max |diff| " + worst + " > " + tolerance);
    }
}
