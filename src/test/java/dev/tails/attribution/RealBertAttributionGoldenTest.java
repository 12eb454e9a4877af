package dev.tails.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.Progress;
import dev.tails.TestFiles;
import dev.tails.corpus.Corpus;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.io.Json;
import dev.tails.model.Model;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bert-base-cased, dim 557, every block, over the 12 visible texts: tokens, value and the top
 * neurons and heads of the float64 reference (golden/bert-base-cased/visible.attribute-557.json).
 */
class RealBertAttributionGoldenTest {
    private static final double TOLERANCE = 1e-3;

    @Test
    void everyBlockMatchesTheReference() throws IOException {
        var folder = TestFiles.fetchedModel("bert-base-cased");
        Assumptions.assumeTrue(folder != null, "bert-base-cased not fetched (./tails fetch bert-base-cased): skipped");
        Model model = Model.load(folder);
        JsonNode golden = Json.MAPPER.readTree(TestFiles.resource("golden/bert-base-cased/visible.attribute-557.json").toFile());
        List<String> texts = Corpus.read(TestFiles.resource("golden/bert-base-cased/visible.txt"));
        List<Integer> blocks = IntStream.range(0, model.config().numLayers()).boxed().toList();
        List<Attribution> results = new Attributor(model, blocks, 557, 20).run(
                new CorpusRunner(model, 16, false), TokenizedCorpus.of(model, texts, false, true, false), Progress.SILENT);
        double worst = 0;
        for (Attribution result : results) {
            JsonNode expected = golden.get(Integer.toString(result.layer()));
            String where = "block " + result.layer();
            assertEquals(expected.get("layer").asInt(), result.layer(), where);
            assertEquals(expected.get("dim").asInt(), result.dim(), where);
            assertEquals(expected.get("tokens").asLong(), result.tokens(), where + " tokens");
            worst = Math.max(worst, near(expected.get("value").asDouble(), result.value(), where + " value"));
            worst = Math.max(worst, sameUnits(expected.get("neurons"), result.neurons(), where + " neuron"));
            worst = Math.max(worst, sameUnits(expected.get("heads"), result.heads(), where + " head"));
        }
        System.out.printf("attribution vs golden, 12 blocks: worst |diff| of value and unit means = %.3g%n", worst);
    }

    private static double sameUnits(JsonNode expected, List<UnitMean> actual, String where) {
        assertEquals(expected.size(), actual.size(), where + "s listed");
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("index").asInt(), actual.get(i).index(), where + " at rank " + i);
            worst = Math.max(worst, near(expected.get(i).get("mean").asDouble(), actual.get(i).mean(), where + " " + actual.get(i).index()));
        }
        return worst;
    }

    private static double near(double expected, double actual, String where) {
        double diff = Math.abs(expected - actual);
        assertTrue(diff <= TOLERANCE, where + ": expected " + expected + ", got " + actual);
        return diff;
    }
}
