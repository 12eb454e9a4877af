package dev.tails.io.onnx;

import dev.tails.TestFiles;
import dev.tails.model.Pooling;
import dev.tails.embed.SentenceEmbedder;
import dev.tails.io.Json;
import dev.tails.io.fetch.OnnxInJar;
import dev.tails.model.Model;
import dev.tails.tokenize.Encoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sentence encoders {@code tails fetch} converts from langchain4j's ONNX files, against ONNX
 * Runtime on the very same file (weights/NAME/onnx/model.onnx), for 200 varied texts
 * (src/test/resources/embed/texts.jsonl): short, long past the model's limit, punctuation,
 * numbers, many scripts, control characters. Token ids come from tails' tokenizer and go to both.
 * Checked per text: the sentence embedding (pooled and normalized as each model card says; the
 * reference pooling is written out here) and the last hidden state of every token, which tails
 * computes padded in length-sorted batches and ONNX Runtime one text at a time. Skips, saying
 * so, when the model was not fetched.
 */
class OnnxRuntimeParityTest {
    private static final double MIN_COSINE = 0.99999;
    private static final double MAX_EMBEDDING_DIFF = 1e-4;
    private static final double MAX_STATE_DIFF = 1e-4;

    @ParameterizedTest
    @CsvSource({"all-minilm-l6-v2, MEAN, 256", "bge-small-en-v1.5, CLS, 512", "e5-small-v2, MEAN, 512"})
    void tailsMatchesOnnxRuntimeOnTheSameFile(String name, Pooling pooling, int maxSeqLength) throws Exception {
        Path folder = TestFiles.fetchedModel(name);
        assumeTrue(folder != null && Files.isRegularFile(folder.resolve(OnnxInJar.KEPT_ONNX)),
                "SKIPPED: weights/" + name + " not fetched (run ./tails fetch " + name + ")");
        Model model = Model.load(folder);
        SentenceEmbedder embedder = SentenceEmbedder.of(model, 16);
        assertEquals(pooling, embedder.config().pooling(), name + ": pooling from 1_Pooling/config.json");
        assertTrue(embedder.config().normalize(), name + ": modules.json has Normalize");
        assertEquals(maxSeqLength, embedder.maxTokens(), name + ": max_seq_length");

        List<String> texts = texts();
        List<Encoding> encodings = texts.stream().map(embedder::encode).toList();
        assertEquals(maxSeqLength, encodings.stream().mapToInt(Encoding::length).max().orElseThrow(),
                name + ": the long texts reach the limit and are cut there");
        float[][] states = new float[texts.size()][];
        long start = System.nanoTime();
        long startCpu = processCpuNanos();
        float[][] embeddings = embedder.embed(texts, (i, tokenStates) -> states[i] = tokenStates);
        String tailsTime = seconds(start, startCpu);

        int hidden = model.config().hiddenSize();
        double minCosine = 1;
        double maxEmbeddingDiff = 0;
        double maxStateDiff = 0;
        List<String> failures = new ArrayList<>();
        start = System.nanoTime();
        startCpu = processCpuNanos();
        try (OrtReference ort = new OrtReference(folder.resolve(OnnxInJar.KEPT_ONNX))) {
            for (int i = 0; i < texts.size(); i++) {
                Encoding e = encodings.get(i);
                float[][] expectedStates = ort.lastHiddenState(e.ids(), e.typeIds());
                double stateDiff = maxDiff(expectedStates, states[i], hidden);
                double[] expected = referenceEmbedding(expectedStates, pooling);
                double cosine = cosine(expected, embeddings[i]);
                double embeddingDiff = maxDiff(expected, embeddings[i]);
                if (cosine < MIN_COSINE || embeddingDiff > MAX_EMBEDDING_DIFF || stateDiff > MAX_STATE_DIFF) {
                    failures.add("text " + i + " (" + e.length() + " tokens): cosine " + cosine + ", max |diff| "
                            + embeddingDiff + ", last_hidden_state max |diff| " + stateDiff);
                }
                minCosine = Math.min(minCosine, cosine);
                maxEmbeddingDiff = Math.max(maxEmbeddingDiff, embeddingDiff);
                maxStateDiff = Math.max(maxStateDiff, stateDiff);
            }
        }
        // wall and CPU time: on a shared machine the wall clock mostly measures the neighbours
        System.out.printf("%s: %d texts, %d tokens; min cosine 1 - %.2g, max |diff| embedding %.3g, last_hidden_state %.3g;"
                        + " tails %s (batches of 16), ONNX Runtime + comparison %s (one text at a time)%n", name, texts.size(),
                encodings.stream().mapToInt(Encoding::length).sum(), 1 - minCosine, maxEmbeddingDiff, maxStateDiff,
                tailsTime, seconds(start, startCpu));
        assertTrue(failures.isEmpty(), name + ": " + failures.size() + " texts off:\n" + String.join("\n", failures));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String seconds(long startNanos, long startCpuNanos) {
        return String.format("%.1f s wall / %.1f s CPU", (System.nanoTime() - startNanos) / 1e9,
                (processCpuNanos() - startCpuNanos) / 1e9);
    }

    /** sentence-transformers' pooling over every token (there is no padding here), then L2 normalization. */
    private static double[] referenceEmbedding(float[][] states, Pooling pooling) {
        int hidden = states[0].length;
        double[] v = new double[hidden];
        for (int d = 0; d < hidden; d++) {
            if (pooling == Pooling.CLS) {
                v[d] = states[0][d];
            } else {
                for (float[] token : states) {
                    v[d] += token[d];
                }
                v[d] /= states.length;
            }
        }
        double norm = Math.sqrt(dot(v, v));
        for (int d = 0; d < hidden; d++) {
            v[d] /= norm;
        }
        return v;
    }

    private static double cosine(double[] expected, float[] actual) {
        double dot = 0;
        double squares = 0;
        for (int d = 0; d < expected.length; d++) {
            dot += expected[d] * actual[d];
            squares += (double) actual[d] * actual[d];
        }
        return dot / Math.sqrt(dot(expected, expected) * squares);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double maxDiff(double[] expected, float[] actual) {
        double worst = 0;
        for (int d = 0; d < expected.length; d++) {
            worst = Math.max(worst, Math.abs(expected[d] - actual[d]));
        }
        return worst;
    }

    private static double maxDiff(float[][] expected, float[] actual, int hidden) {
        assertEquals(expected.length * hidden, actual.length, "token count");
        double worst = 0;
        for (int t = 0; t < expected.length; t++) {
            for (int d = 0; d < hidden; d++) {
                worst = Math.max(worst, Math.abs(expected[t][d] - actual[t * hidden + d]));
            }
        }
        return worst;
    }

    /** One JSON string per line, so texts may hold newlines and control characters. */
    static List<String> texts() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(TestFiles.resource("embed/texts.jsonl"))) {
            texts.add(Json.MAPPER.readTree(line).textValue());
        }
        return texts;
    }
}
