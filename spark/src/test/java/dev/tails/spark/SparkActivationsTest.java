package dev.tails.spark;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.hook.ActivationCache;
import dev.tails.hook.HookRegistry;
import dev.tails.io.Json;
import dev.tails.io.SafetensorsFile;
import dev.tails.model.Model;
import dev.tails.shard.OutputIndex;
import dev.tails.tokenize.Encoding;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark activations job against the library path `tails activations --out FILE` takes (texts in input
 * order through one ActivationCache): the same tensors for every text, with and without interventions.
 */
class SparkActivationsTest {
    private static final List<String> HOOKS = List.of("blocks.*.mlp.hook_post", "blocks.1.hook_normalized_resid_post");
    private static final List<String> TEXTS = Sentences.of(23, 7);
    private static Model model;

    @BeforeAll
    static void load() {
        model = Model.load(Path.of(LocalSpark.TINY_BERT));
    }

    /** Blocks of 5 texts, 3 partitions: blocks cut the texts unlike the library run does. */
    private static ActivationSettings settings(Interventions interventions, int batchSize) {
        return new ActivationSettings(LocalSpark.TINY_BERT, HOOKS, interventions, batchSize, false, 5);
    }

    /** One text a batch in both runs, so no padding anywhere: the same bits. */
    @Test
    void rowsEqualTheLibrarysActivationsBitForBit() {
        checkAgainstLibrary(Interventions.NONE, 1, 0);
    }

    /**
     * Batches of 3 sorted by length within a block, against the library's batches of 16 in input order:
     * a text's padding differs, which moves the last bits of sums, growing through the blocks (seen: 1.1e-6 on
     * 0.97 in block 2).
     */
    @Test
    void rowsEqualTheLibrarysActivationsInOtherBatches() {
        checkAgainstLibrary(Interventions.NONE, 3, 1e-5);
    }

    @Test
    void interventionsApplyAsInTheCli() {
        Interventions zeroes = new Interventions(List.of(), List.of("0:1,5"), List.of("1:0"));
        List<Row> rows = checkAgainstLibrary(zeroes, 1, 0);
        // the zeroed neurons read 0 in every token row of blocks.0.mlp.hook_post
        for (Row row : rows) {
            for (Object token : row.<Object>getList(row.fieldIndex("blocks.0.mlp.hook_post"))) {
                List<Float> values = asFloats(token);
                assertEquals(0f, values.get(1));
                assertEquals(0f, values.get(5));
            }
        }
    }

    private static List<Row> checkAgainstLibrary(Interventions interventions, int batchSize, double tolerance) {
        List<Row> rows = SparkActivations.run(LocalSpark.texts(TEXTS, 3), "value", settings(interventions, batchSize))
                .collectAsList();
        assertEquals(TEXTS.size(), rows.size());

        HookRegistry registry = interventions.registry(model.config());
        ActivationCache cache = new ActivationCache();
        HOOKS.forEach(p -> registry.add(p, cache.capture()));
        TokenizedCorpus corpus = TokenizedCorpus.of(model, TEXTS, false, true, false);
        new CorpusRunner(model, batchSize == 1 ? 1 : 16, false).forEachBatch(corpus, registry, batch -> { }, Progress.SILENT);

        // tiny-bert has 3 blocks: hook_post of blocks 0 to 2, then blocks.1.hook_normalized_resid_post (pattern order)
        assertEquals(List.of("value", "input_ids", "tokens", "offsets", "blocks.0.mlp.hook_post",
                "blocks.1.mlp.hook_post", "blocks.2.mlp.hook_post", "blocks.1.hook_normalized_resid_post"), List.of(rows.getFirst().schema().fieldNames()));
        for (int i = 0; i < TEXTS.size(); i++) {
            Row row = rows.get(i);
            Encoding e = corpus.encoding(i);
            assertEquals(TEXTS.get(i), row.getString(0));
            assertEquals(List.of(e.tokens()), row.getList(2));
            assertEquals(e.length(), row.getList(1).size());
            List<Object> offsets = row.getList(3);
            assertEquals(List.of(e.offsetStarts()[1], e.offsetEnds()[1]), asInts(offsets.get(1)));
            for (String name : cache.names()) {
                float[] expected = cache.get(name, i).data();
                List<Object> tokens = row.getList(row.fieldIndex(name));
                assertEquals(e.length(), tokens.size(), name);
                int width = expected.length / e.length();
                for (int t = 0; t < tokens.size(); t++) {
                    List<Float> actual = asFloats(tokens.get(t));
                    for (int c = 0; c < width; c++) {
                        float want = expected[t * width + c];
                        assertEquals(want, actual.get(c), tolerance * Math.max(1, Math.abs(want)),
                                name + " text " + i + " token " + t);
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void shardsPerPartitionHoldEveryText(@TempDir Path out) {
        List<Path> folders = SparkActivations.writeShards(LocalSpark.texts(TEXTS, 2), "value",
                settings(Interventions.NONE, 1), out.toString(), 4);
        assertEquals(2, folders.size());
        int texts = 0;
        for (Path folder : folders) {
            OutputIndex index = OutputIndex.read(folder.resolve(OutputIndex.FILE));
            assertEquals("activations", index.job());
            texts += index.parts().stream().mapToInt(OutputIndex.Part::texts).sum();
        }
        assertEquals(TEXTS.size(), texts);
        // partition 0's first part starts with text 0: its rows are the block output (hidden state 2) of text 0
        try (SafetensorsFile part = SafetensorsFile.open(folders.getFirst().resolve("part-00000.safetensors"))) {
            float[] rows = part.floats("blocks.1.hook_normalized_resid_post").data();
            float[] expected = model.forward(List.of(TEXTS.getFirst())).hidden(2, 0);
            for (int c = 0; c < expected.length; c++) {
                assertEquals(expected[c], rows[c], 0f);
            }
        }
    }

    @Test
    void partitionFoldersMergeIntoOneIndexOverTheColumnInOrder(@TempDir Path out) throws IOException {
        List<Path> folders = SparkActivations.writeShards(LocalSpark.texts(TEXTS, 3), "value",
                settings(Interventions.NONE, 1), out.toString(), 4);
        OutputIndex merged = OutputIndex.merge(folders, out);
        // parallelize cuts 23 texts at i * 23 / 3: [0, 7), [7, 15), [15, 23); parts of 4 texts: 4+3, 4+4, 4+4
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), merged.parts().stream().map(OutputIndex.Part::block).toList());
        assertEquals(List.of(0L, 4L, 7L, 11L, 15L, 19L), merged.parts().stream().map(OutputIndex.Part::firstText).toList());
        assertEquals(List.of(4, 3, 4, 4, 4, 4), merged.parts().stream().map(OutputIndex.Part::texts).toList());
        assertEquals("partition-00001/part-00000.safetensors", merged.parts().get(2).file());
        assertEquals(23L, merged.corpusTexts());
        // every text where the merged index says it is: its line, and its block output (hidden state 2) bit for bit
        for (OutputIndex.Part part : merged.parts()) {
            List<String> lines = Files.readAllLines(out.resolve(part.tokensFile()));
            try (SafetensorsFile file = SafetensorsFile.open(out.resolve(part.file()))) {
                long[] offsets = file.longs("offsets");
                float[] rows = file.floats("blocks.1.hook_normalized_resid_post").data();
                for (int j = 0; j < part.texts(); j++) {
                    String text = TEXTS.get((int) part.firstText() + j);
                    assertEquals(text, Json.MAPPER.readTree(lines.get(j)).get("text").asText());
                    float[] expected = model.forward(List.of(text)).hidden(2, 0);
                    int width = expected.length / (int) (offsets[j + 1] - offsets[j]); // [tokens, H]
                    int from = (int) offsets[j] * width;
                    assertArrayEquals(expected, Arrays.copyOfRange(rows, from, from + expected.length), text);
                }
            }
        }
        TailsException missing = assertThrows(TailsException.class,
                () -> OutputIndex.merge(folders.subList(0, 2), out.resolve("two")));
        assertTrue(missing.getMessage().contains("partition 2 of 3 is missing"), missing.getMessage());
    }

    @Test
    void aMissingOrClashingColumnIsNamed() {
        ActivationSettings settings = ActivationSettings.of(LocalSpark.TINY_BERT, HOOKS);
        TailsException missing = assertThrows(TailsException.class,
                () -> SparkActivations.run(LocalSpark.texts(TEXTS, 1), "text", settings));
        assertTrue(missing.getMessage().contains("text column 'text' is not among the input's columns [value]"),
                missing.getMessage());
        TailsException clash = assertThrows(TailsException.class, () -> SparkActivations.run(
                LocalSpark.texts(TEXTS, 1).withColumnRenamed("value", "tokens"), "tokens", settings));
        assertTrue(clash.getMessage().contains("already has a column 'tokens'"), clash.getMessage());
    }

    @Test
    void attentionMapsAreRefusedOnTheDriver() {
        ActivationSettings pattern = ActivationSettings.of(LocalSpark.TINY_BERT, List.of("blocks.0.attn.hook_pattern"));
        TailsException e = assertThrows(TailsException.class,
                () -> SparkActivations.run(LocalSpark.texts(TEXTS, 1), "value", pattern));
        assertTrue(e.getMessage().contains("attention map"), e.getMessage());
    }

    @Test
    void badInterventionIsRefusedByItsOption() {
        TailsException e = assertThrows(TailsException.class,
                () -> new Interventions(List.of("3"), List.of(), List.of()));
        assertTrue(e.getMessage().contains("--zero-dims '3'"), e.getMessage());
    }

    private static List<Float> asFloats(Object token) {
        return toList(token);
    }

    private static List<Integer> asInts(Object token) {
        return toList(token);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> toList(Object sparkArray) {
        return scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<T>) sparkArray);
    }
}
