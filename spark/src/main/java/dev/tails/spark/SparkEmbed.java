package dev.tails.spark;

import dev.tails.embed.SentenceEmbedder;
import dev.tails.embed.SentenceTransformersFiles;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/** Sentence embeddings on Spark, computed as {@link SentenceEmbedder} computes them, a block of texts at a time per task. */
public final class SparkEmbed {
    public static final String TEXT = "text";
    public static final String EMBEDDING = "embedding";

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(TEXT, DataTypes.StringType, false),
            DataTypes.createStructField(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), false)));

    private SparkEmbed() {
    }

    /**
     * A row per text, in the input's order: text, embedding (float[hidden], L2-normalized when the
     * folder's modules say so). The sentence-transformers files are checked on the driver.
     *
     * @param texts the texts
     * @param column the column of {@code texts} holding them (strings, no nulls)
     * @param settings the model and batching
     * @return the embeddings, lazily computed
     */
    public static Dataset<Row> run(Dataset<Row> texts, String column, EmbedSettings settings) {
        SentenceTransformersFiles.read(ModelCache.resolve(settings.model()));
        return texts.select(col(column)).mapPartitions((MapPartitionsFunction<Row, Row>) rows ->
                new Blocks<>(new TextColumn(rows, column), settings.textsPerBlock(), block -> {
                    float[][] vectors = SentenceEmbedder.of(ModelCache.get(settings.model()), settings.batchSize()).embed(block);
                    List<Row> out = new ArrayList<>(block.size());
                    for (int i = 0; i < block.size(); i++) {
                        out.add(RowFactory.create(block.get(i), vectors[i]));
                    }
                    return out;
                }), Encoders.row(SCHEMA));
    }
}
