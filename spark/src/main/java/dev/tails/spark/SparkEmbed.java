package dev.tails.spark;

import dev.tails.model.Model;
import dev.tails.model.ModelConfig;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `tails embed` on Spark: sentence embeddings by {@link Model#embed}, a block of texts at a time per task. */
public final class SparkEmbed {
    /** The column {@link #run} adds. */
    public static final String EMBEDDING = "embedding";

    private SparkEmbed() {
    }

    /**
     * A row per input row, in the input's order: its columns, then embedding (float[hidden]). The
     * sentence-transformers files, pooling and interventions are checked on the driver.
     *
     * @param texts the texts
     * @param column the column of {@code texts} holding them (strings, no nulls)
     * @param settings the model, pooling, interventions and batching
     * @return the embeddings, lazily computed
     */
    public static Dataset<Row> run(Dataset<Row> texts, String column, EmbedSettings settings) {
        int index = TextColumn.index(texts.schema(), column);
        Path folder = ModelCache.resolve(settings.model());
        ModelConfig config = ModelConfig.load(folder);
        settings.sentence(folder, config);
        settings.interventions().registry(config);
        StructType schema = Columns.append(texts.schema(), List.of(
                DataTypes.createStructField(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), false)));
        return texts.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Blocks<>(rows, settings.textsPerBlock(),
                block -> embed(block, index, column, settings)), Encoders.row(schema));
    }

    private static List<Row> embed(List<Row> block, int index, String column, EmbedSettings settings) {
        Model model = ModelCache.get(settings.model());
        List<String> texts = block.stream().map(row -> TextColumn.text(row, index, column)).toList();
        float[][] vectors = model.embed(texts, settings.sentence(model.folder(), model.config()), settings.batchSize(),
                settings.interventions().registry(model.config()));
        List<Row> out = new ArrayList<>(block.size());
        for (int i = 0; i < block.size(); i++) {
            out.add(Columns.append(block.get(i), (Object) vectors[i]));
        }
        return out;
    }
}
