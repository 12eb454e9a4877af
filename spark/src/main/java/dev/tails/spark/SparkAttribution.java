package dev.tails.spark;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.attribution.Attribution;
import dev.tails.attribution.AttributionPartial;
import dev.tails.corpus.CorpusRunner;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * `tails attribute` on Spark: each partition sums its tokens' decompositions into an
 * {@link AttributionPartial} a block of texts at a time, Spark's treeReduce merges the partials, and the driver takes the result:
 * the record the CLI prints and writes, up to the order of the double sums.
 */
public final class SparkAttribution {
    private SparkAttribution() {
    }

    /**
     * The attribution of dim {@code settings.dim()} of block {@code settings.layer()} over every text of a column.
     *
     * @param texts the texts
     * @param column the column of {@code texts} holding them (strings, no nulls)
     * @param settings block, dim, top and batching
     * @return what writes the dim, averaged over all tokens
     */
    public static Attribution run(Dataset<Row> texts, String column, AttributionSettings settings) {
        TextColumn.index(texts.schema(), column);
        try {
            return texts.select(col(column)).javaRDD()
                    .mapPartitions((FlatMapFunction<Iterator<Row>, AttributionPartial>) rows -> new Blocks<>(
                            new TextColumn(rows, 0, column), settings.textsPerBlock(), block -> List.of(sums(block, settings))))
                    .treeReduce(AttributionPartial::merge)
                    .result();
        } catch (UnsupportedOperationException e) {
            throw new TailsException("attribute: no texts in column '" + column + "'", e);
        }
    }

    /** One block's partial: block, dim and top are checked against the model by the first one a task makes. */
    private static AttributionPartial sums(List<String> block, AttributionSettings settings) {
        CorpusRunner runner = new CorpusRunner(ModelCache.get(settings.model()), settings.batchSize(), settings.truncate());
        return AttributionPartial.of(runner, settings.layer(), settings.dim(), settings.top())
                .add(runner, block, Progress.SILENT);
    }
}
