package dev.tails.model;

import dev.tails.MlmFolders;
import dev.tails.TestFiles;
import dev.tails.hook.HookRegistry;
import dev.tails.io.SafetensorsFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.tails.model.GoldenAssert.maxAbsDiff;
import static dev.tails.model.GoldenAssert.toInts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tiny-bert, tiny-roberta and tiny-electra with a random masked-LM head (models/mlm-heads; ELECTRA's a
 * generator's, 32 -> embedding_size 16), tiny-distilbert with the DistilBertForMaskedLM head its
 * checkpoint carries, decoders tied, against the float64 NumPy reference of HF's *ForMaskedLM
 * (scripts/goldens/tiny_mlm.py, reference.py): hook_mlm_transform,
 * logits at every 97th vocabulary id, and log-sum-exp and argmax over the whole vocabulary, for all
 * visible texts run as one padded batch.
 */
class MlmHeadGoldenTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @ValueSource(strings = {"tiny-bert", "tiny-roberta", "tiny-distilbert", "tiny-electra"})
    void logitsMatchTheNumpyReference(String name, @TempDir Path dir) throws IOException {
        Model model = Model.load(name.equals("tiny-distilbert") ? TestFiles.resource("models/" + name) : MlmFolders.withHead(name, dir));
        assertTrue(model.hasMlmHead(), name + " with its head shard");
        try (SafetensorsFile golden = SafetensorsFile.open(TestFiles.resource("golden/" + name + "/visible.mlm.safetensors"))) {
            int texts = 0;
            while (golden.names().contains("s" + texts + ".input_ids")) {
                texts++;
            }
            int[][] ids = new int[texts][];
            int[][] types = new int[texts][];
            for (int i = 0; i < texts; i++) {
                ids[i] = toInts(golden.longs("s" + i + ".input_ids"));
                types[i] = new int[ids[i].length];
            }
            List<float[]> transforms = new ArrayList<>();
            HookRegistry hooks = new HookRegistry(model.config()).add("hook_mlm_transform", data -> {
                for (int b = 0; b < data.batch().size(); b++) {
                    transforms.add(data.sequence(b));
                }
            });
            MaskedLmOutput out = model.mlmLogits(Batch.of(ids, types, model.config()), hooks);
            int[] columns = toInts(golden.longs("columns"));
            double worstTransform = 0, worstLogit = 0, worstLse = 0;
            for (int i = 0; i < texts; i++) {
                String key = "s" + i + ".";
                float[] logits = out.logits(i);
                int v = model.config().vocabSize();
                int t = ids[i].length;
                float[] atColumns = new float[t * columns.length];
                float[] lse = new float[t];
                int[] argmax = new int[t];
                for (int r = 0; r < t; r++) {
                    for (int c = 0; c < columns.length; c++) {
                        atColumns[r * columns.length + c] = logits[r * v + columns[c]];
                    }
                    lse[r] = (float) logSumExp(logits, r * v, v);
                    argmax[r] = argmax(logits, r * v, v);
                }
                worstTransform = Math.max(worstTransform, maxAbsDiff(golden.floats(key + "transform").data(), transforms.get(i), key + "transform"));
                worstLogit = Math.max(worstLogit, maxAbsDiff(golden.floats(key + "logits").data(), atColumns, key + "logits"));
                worstLse = Math.max(worstLse, maxAbsDiff(golden.floats(key + "logsumexp").data(), lse, key + "logsumexp"));
                assertArrayEquals(toInts(golden.longs(key + "argmax")), argmax, key + "argmax");
            }
            System.out.printf("%s masked-LM head vs NumPy float64: max |diff| transform %.3g, logits %.3g, log-sum-exp %.3g over %d texts%n",
                    name, worstTransform, worstLogit, worstLse, texts);
            assertTrue(worstTransform <= TOLERANCE, "transform " + worstTransform);
            assertTrue(worstLogit <= TOLERANCE, "logits " + worstLogit);
            assertTrue(worstLse <= TOLERANCE, "log-sum-exp " + worstLse);
            assertEquals(texts, transforms.size(), "hook_mlm_transform fired once per sequence of the batch");
        }
    }

    private static double logSumExp(float[] x, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = from; j < from + n; j++) {
            max = Math.max(max, x[j]);
        }
        double sum = 0;
        for (int j = from; j < from + n; j++) {
            sum += Math.exp(x[j] - max);
        }
        return max + Math.log(sum);
    }

    private static int argmax(float[] x, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (x[from + j] > x[from + best]) {
                best = j;
            }
        }
        return best;
    }
}
