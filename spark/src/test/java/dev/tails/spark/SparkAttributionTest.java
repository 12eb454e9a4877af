package dev.tails.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.cli.Main;
import dev.tails.io.Json;
import dev.tails.report.AttributionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark attribution job against `tails attribute --json` run in this JVM on the same texts. */
class SparkAttributionTest {
    private static final List<String> TEXTS = Sentences.of(2000, 11);

    @Test
    void twoThousandTextsGiveTheClisJson(@TempDir Path dir) throws IOException {
        Path corpus = Files.write(dir.resolve("texts.txt"), TEXTS);
        Path cliJson = dir.resolve("cli.json");
        int exit = Main.execute("attribute", "--model", LocalSpark.TINY_BERT, "--layer", "2",
                "--dim", "5", "--top", "10", "--input", corpus.toString(), "--json", cliJson.toString());
        assertEquals(0, exit);

        // 4 partitions, blocks of 300 texts: the sums are made in other groups and orders than the CLI's one pass
        Path sparkJson = dir.resolve("spark.json");
        AttributionJson.of(SparkAttribution.run(LocalSpark.texts(TEXTS, 4), "value",
                new AttributionSettings(LocalSpark.TINY_BERT, 2, 5, 10, 16, false, 300))).write(sparkJson);

        JsonNode cli = Json.MAPPER.readTree(cliJson.toFile());
        JsonNode spark = Json.MAPPER.readTree(sparkJson.toFile());
        assertEquals(List.of("layer", "dim", "tokens", "value", "neurons", "heads"), fieldNames(spark));
        assertEquals(cli.get("layer"), spark.get("layer"));
        assertEquals(cli.get("dim"), spark.get("dim"));
        assertEquals(cli.get("tokens"), spark.get("tokens"));
        assertEquals(cli.get("value").asDouble(), spark.get("value").asDouble(), 1e-6);
        for (String units : List.of("neurons", "heads")) {
            assertEquals(cli.get(units).size(), spark.get(units).size(), units);
            for (int i = 0; i < cli.get(units).size(); i++) {
                JsonNode want = cli.get(units).get(i);
                JsonNode got = spark.get(units).get(i);
                assertEquals(want.get("index"), got.get("index"), units + " rank " + i);
                assertEquals(want.get("mean").asDouble(), got.get("mean").asDouble(), 1e-6, units + " rank " + i);
            }
        }
    }

    @Test
    void aBlockTheModelLacksIsNamed() {
        Exception e = assertThrows(Exception.class, () -> SparkAttribution.run(LocalSpark.texts(TEXTS.subList(0, 4), 1),
                "value", AttributionSettings.of(LocalSpark.TINY_BERT, 3, 0)));
        assertTrue(e.getMessage().contains("block 3 is out of range: the model has 3"), e.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
