package dev.tails.spark;

import dev.tails.embed.SentenceEmbedder;
import dev.tails.embed.SentenceTransformersFiles;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/** Sentence embeddings on Spark, computed as {@link SentenceEmbedder} computes them, a block of texts at a time per task. */
public final class SparkEmbed {
    /** The column {@link #run} adds. */
    public static final String EMBEDDING = "embedding";

    private SparkEmbed() {
    }

    /**
     * A row per input row, in the input's order: its columns, then embedding (float[hidden], L2-normalized
     * when the folder's modules say so). The sentence-transformers files are checked on the driver.
     *
     * @param texts the texts
     * @param column the column of {@code texts} holding them (strings, no nulls)
     * @param settings the model and batching
     * @return the embeddings, lazily computed
     */
    public static Dataset<Row> run(Dataset<Row> texts, String column, EmbedSettings settings) {
        int index = TextColumn.index(texts.schema(), column);
        SentenceTransformersFiles.read(ModelCache.resolve(settings.model()));
        StructType schema = Columns.append(texts.schema(), List.of(
                DataTypes.createStructField(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), false)));
        return texts.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Blocks<>(rows, settings.textsPerBlock(),
                block -> {
                    List<String> blockTexts = block.stream().map(row -> TextColumn.text(row, index, column)).toList();
                    float[][] vectors = SentenceEmbedder.of(ModelCache.get(settings.model()), settings.batchSize())
                            .embed(blockTexts);
                    List<Row> out = new ArrayList<>(block.size());
                    for (int i = 0; i < block.size(); i++) {
                        out.add(Columns.append(block.get(i), (Object) vectors[i]));
                    }
                    return out;
                }), Encoders.row(schema));
    }
}
