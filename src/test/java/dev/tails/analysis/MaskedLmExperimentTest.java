package dev.tails.analysis;

import dev.tails.MlmFolders;
import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.TinyModels;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.hook.Interventions;
import dev.tails.model.Batch;
import dev.tails.model.ForwardHooks;
import dev.tails.model.HookPoint;
import dev.tails.model.MaskedLmOutput;
import dev.tails.model.Model;
import dev.tails.tokenize.Encoding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The masked-LM conditions on tiny-bert with its committed random head: two texts of two word tokens,
 * half of them masked, so one position per text. Each condition's accuracy and loss must equal what one
 * {@code Model.mlmLogits} call (checked against transformers in MlmHeadGoldenTest) gives on the masked batch
 * with the condition's hooks, scored here by the definition (argmax, -log softmax in double).
 */
class MaskedLmExperimentTest {
    private static final List<String> TEXTS = List.of("the bank", "rates rose");
    private static final MaskChoice CHOICE = new MaskChoice(0.5, 1);
    private static Model model;

    @BeforeAll
    static void load(@TempDir Path dir) throws IOException {
        model = Model.load(MlmFolders.withHead("tiny-bert", dir));
    }

    @Test
    void halfOfTwoWordTokensIsOneMaskedPositionPerText() {
        for (String text : TEXTS) {
            Encoding e = model.encode(text, false);
            assertEquals(4, e.length(), "[CLS] w w [SEP]");
            int[] p = CHOICE.positions(text, e);
            assertEquals(1, p.length);
            assertTrue(p[0] == 1 || p[0] == 2, "a word token, never a special one");
            assertArrayEquals(p, CHOICE.positions(text, e), "the same text gets the same masks");
        }
        Encoding e = model.encode("one two three four five six seven eight nine ten", false);
        assertEquals(2, new MaskChoice(0.15, 1).positions("x", e).length, "15% of 10 words rounds to 2");
        assertThrows(TailsException.class, () -> new MaskChoice(0, 1));
    }

    @Test
    void everyConditionEqualsTheHeadOnTheMaskedBatchWithItsHooks() {
        int[] tail = {3};
        MaskedLmResult r = MaskedLmExperiment.run(new CorpusRunner(model, 8, false), TEXTS, tail, tail,
                new MaskedLmSettings(2, 0.5, 1, 2), Progress.SILENT);
        assertEquals(2, r.texts());
        assertEquals(2, r.maskedTokens());

        int h = model.config().hiddenSize();
        HookRegistry normOutputs = new HookRegistry(model.config()).add(new HookSite(HookPoint.FULL_EMBED, 0), Interventions.zeroDims(tail));
        for (int layer = 0; layer < model.config().numLayers(); layer++) {
            normOutputs.add(new HookSite(HookPoint.NORMALIZED_RESID_MID, layer), Interventions.zeroDims(tail));
            normOutputs.add(new HookSite(HookPoint.NORMALIZED_RESID_POST, layer), Interventions.zeroDims(tail));
        }
        assertScores(r.condition("raw"), ForwardHooks.NONE);
        assertScores(r.condition("tailZeroedInFlow"), Clip.of(h, tail).inGraph(model.config()));
        assertScores(r.condition("tailLayerNormZeroed"), normOutputs);

        assertEquals(4, r.randomDraws().size(), "2 draws x 2 ablations");
        Set<Integer> drawn = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            MaskedLmResult.Condition inFlow = r.randomDraws().get(i);
            assertEquals(1, inFlow.dims().length);
            assertNotEquals(3, inFlow.dims()[0], "never the tail");
            drawn.add(inFlow.dims()[0]);
            assertScores(inFlow, Clip.of(h, inFlow.dims()).inGraph(model.config()));
        }
        assertEquals(2, drawn.size(), "distinct dims");
        MaskedLmResult.Condition mean = r.condition("randomZeroedInFlow");
        assertEquals((r.randomDraws().get(0).loss() + r.randomDraws().get(1).loss()) / 2, mean.loss(), 1e-12);
        assertFalse(Double.isNaN(r.condition("randomLayerNormZeroed").accuracy()));
    }

    /** The condition's scores recomputed from the head's logits on each masked text, with the same hooks. */
    private static void assertScores(MaskedLmResult.Condition condition, ForwardHooks hooks) {
        int correct = 0;
        double loss = 0;
        for (String text : TEXTS) {
            Encoding original = model.encode(text, false);
            int p = CHOICE.positions(text, original)[0];
            int target = original.ids()[p];
            Encoding masked = MaskChoice.masked(original, new int[] {p}, model.tokenizer().maskId(), "[MASK]");
            assertEquals(model.tokenizer().maskId(), masked.ids()[p]);
            MaskedLmOutput out = model.mlmLogits(Batch.of(List.of(masked), model.config()), hooks);
            float[] logits = out.logitsAt(0, p);
            int argmax = IntStream.range(0, logits.length).reduce((a, b) -> logits[b] > logits[a] ? b : a).orElseThrow();
            double sum = 0;
            for (float l : logits) {
                sum += Math.exp(l);
            }
            loss += Math.log(sum) - logits[target];
            correct += argmax == target ? 1 : 0;
        }
        assertEquals(correct / 2.0, condition.accuracy(), condition.key());
        assertEquals(loss / 2, condition.loss(), 1e-4, condition.key());
    }
}
