package dev.tails.spark;

import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import dev.tails.model.Pooling;
import dev.tails.model.SentenceConfig;
import dev.tails.model.SentenceTransformersFiles;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spark embed job against {@link Model#embed}, the call `tails embed` makes, on tiny-bert. */
class SparkEmbedTest {
    private static final List<String> TEXTS = Sentences.of(17, 3);

    @Test
    void aSentenceTransformersFolderGivesTheLibrarysVectors(@TempDir Path dir) throws IOException {
        copy(Path.of(LocalSpark.TINY_BERT), dir);
        SentenceTransformersFiles.write(dir, new SentenceConfig(Pooling.MEAN, true, 128, 32));
        // the input's other columns are kept
        List<Row> rows = SparkEmbed.run(LocalSpark.texts(TEXTS, 2).withColumn("length", functions.length(functions.col("value"))),
                "value", new EmbedSettings(dir.toString(), null, null, Interventions.NONE, 1, 4)).collectAsList();
        assertEquals(List.of("value", "length", "embedding"), List.of(rows.getFirst().schema().fieldNames()));
        Model model = Model.load(dir);
        float[][] expected = model.embed(TEXTS, model.sentenceConfig(), 1, ForwardHooks.NONE);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(TEXTS.get(i).length(), rows.get(i).getInt(1));
            List<Float> vector = rows.get(i).getList(2);
            double norm = 0;
            for (float v : vector) {
                norm += v * v;
            }
            assertEquals(1, norm, 1e-5, "normalized, as modules.json says");
        }
        assertSameVectors(expected, rows, 2);
    }

    @Test
    void poolingAndInterventionsAsTheCli() {
        Interventions zero = new Interventions(List.of("0:3,7"), List.of(), List.of("1:2"));
        List<Row> rows = SparkEmbed.run(LocalSpark.texts(TEXTS, 3), "value",
                new EmbedSettings(LocalSpark.TINY_BERT, Pooling.CLS, true, zero, 1, 5)).collectAsList();
        Model model = Model.load(Path.of(LocalSpark.TINY_BERT));
        // tiny-bert has no sentence-transformers files: the setting is mean pooling, here overridden
        float[][] expected = model.embed(TEXTS, SentenceConfig.meanOf(model.config()).with(Pooling.CLS, true), 1,
                zero.registry(model.config()));
        assertSameVectors(expected, rows, 1);
    }

    /** One text a batch on both sides: no padding, so the same bits. */
    private static void assertSameVectors(float[][] expected, List<Row> rows, int column) {
        assertEquals(expected.length, rows.size());
        for (int i = 0; i < expected.length; i++) {
            List<Float> vector = rows.get(i).getList(column);
            assertEquals(expected[i].length, vector.size());
            for (int c = 0; c < vector.size(); c++) {
                assertEquals(expected[i][c], vector.get(c), 0f, "text " + i + " dim " + c);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
