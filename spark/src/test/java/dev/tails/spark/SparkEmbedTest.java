package dev.tails.spark;

import dev.tails.TailsException;
import dev.tails.embed.Pooling;
import dev.tails.embed.SentenceConfig;
import dev.tails.embed.SentenceEmbedder;
import dev.tails.embed.SentenceTransformersFiles;
import dev.tails.model.Model;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark embed job against {@link SentenceEmbedder} on tiny-bert made a sentence-transformers folder. */
class SparkEmbedTest {
    private static final List<String> TEXTS = Sentences.of(17, 3);

    @Test
    void rowsEqualTheEmbeddersVectors(@TempDir Path dir) throws IOException {
        copy(Path.of(LocalSpark.TINY_BERT), dir);
        SentenceTransformersFiles.write(dir, new SentenceConfig(Pooling.MEAN, true, 128, 32));
        // one text a batch on both sides: no padding, so the same bits; the input's other columns are kept
        List<Row> rows = SparkEmbed.run(LocalSpark.texts(TEXTS, 2).withColumn("length", functions.length(functions.col("value"))),
                "value", new EmbedSettings(dir.toString(), 1, 4)).collectAsList();
        assertEquals(List.of("value", "length", "embedding"), List.of(rows.getFirst().schema().fieldNames()));
        float[][] expected = SentenceEmbedder.of(Model.load(dir), 1).embed(TEXTS);
        assertEquals(TEXTS.size(), rows.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(TEXTS.get(i), rows.get(i).getString(0));
            assertEquals(TEXTS.get(i).length(), rows.get(i).getInt(1));
            List<Float> vector = rows.get(i).getList(2);
            assertEquals(expected[i].length, vector.size());
            double norm = 0;
            for (int c = 0; c < vector.size(); c++) {
                assertEquals(expected[i][c], vector.get(c), 0f);
                norm += vector.get(c) * vector.get(c);
            }
            assertEquals(1, norm, 1e-5, "normalized, as modules.json says");
        }
    }

    @Test
    void aFolderWithoutSentenceTransformersFilesIsRefusedOnTheDriver() {
        TailsException e = assertThrows(TailsException.class,
                () -> SparkEmbed.run(LocalSpark.texts(TEXTS, 1), "value", EmbedSettings.of(LocalSpark.TINY_BERT)));
        assertTrue(e.getMessage().contains("modules.json"), e.getMessage());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
