package dev.tails.spark;

import dev.tails.Progress;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.model.ActivationBudget;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;
import dev.tails.shard.ActivationsJob;
import dev.tails.shard.OutputIndex;
import dev.tails.shard.Partition;
import dev.tails.shard.ShardPlan;
import dev.tails.shard.ShardedRun;
import dev.tails.shard.TextTensors;
import dev.tails.tensor.FloatTensor;
import dev.tails.tokenize.Encoding;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * `tails activations` on Spark: the hook points some patterns select, for every text of a column,
 * computed where the texts are (the model loads once per executor JVM, {@link ModelCache}), with the
 * same hook names, interventions and batching ({@link CorpusRunner}, by length within a block) as the CLI.
 */
public final class SparkActivations {
    /** Columns {@link #run} adds before the hook columns. */
    public static final String INPUT_IDS = "input_ids";
    public static final String TOKENS = "tokens";
    /** Per token its [start, end) in the text, in UTF-16 units (Java/JavaScript indices); [0, 0) for special tokens. */
    public static final String OFFSETS = "offsets";

    private SparkActivations() {
    }

    /**
     * A row per input row, in the input's order: its columns, then input_ids, tokens, offsets and one column per hook
     * point (named as the hook, e.g. {@code blocks.0.mlp.hook_post}: quote it with backticks in SQL)
     * holding the text's rows [tokens][row width], DESIGN.md §4's per-token layout flattened per token.
     * Hooks and interventions are checked against the model's config.json on the driver.
     *
     * @param texts the texts
     * @param column the column of {@code texts} holding them (strings, no nulls)
     * @param settings what to compute
     * @return the activations, lazily computed
     */
    public static Dataset<Row> run(Dataset<Row> texts, String column, ActivationSettings settings) {
        int index = TextColumn.index(texts.schema(), column);
        List<String> hookColumns = hookNames(settings);
        StructType schema = Columns.append(texts.schema(), added(hookColumns));
        return texts.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Blocks<>(rows, settings.textsPerBlock(),
                block -> rows(block, index, column, settings, hookColumns)), Encoders.row(schema));
    }

    /**
     * The same activations written as tails' sharded output, one shard folder per partition
     * ({@code out/partition-NNNNN/}: index.json and its parts, as `tails activations --out FOLDER` writes
     * them, each index naming its partition), on storage the executors and the reader share. A task that is
     * retried resumes its folder. `tails merge` (or {@link OutputIndex#merge}) joins the folders into one index
     * over the whole column, texts in partition order, as one run over all of it numbers them.
     *
     * @param texts the texts
     * @param column the column of {@code texts} holding them
     * @param settings what to compute
     * @param out the output folder (a path every executor writes to)
     * @param textsPerShard texts per part file
     * @return the partition folders, in partition order
     */
    public static List<Path> writeShards(Dataset<Row> texts, String column, ActivationSettings settings, String out,
                                         int textsPerShard) {
        TextColumn.index(texts.schema(), column);
        hookNames(settings);
        ShardPlan.all(textsPerShard); // checks the size on the driver
        Dataset<Row> one = texts.select(col(column));
        int partitions = one.rdd().getNumPartitions();
        one.foreachPartition((ForeachPartitionFunction<Row>) rows -> {
            Model model = ModelCache.get(settings.model());
            int partition = TaskContext.getPartitionId();
            new ShardedRun(new CorpusRunner(model, settings.batchSize(), settings.truncate()),
                    ShardPlan.all(textsPerShard, new Partition(partition, partitions)), partitionFolder(out, partition), "activations",
                    Map.of("hooks", String.join(",", settings.hooks()), "interventions", settings.interventions().describe()))
                    .run(new TextColumn(rows, 0, column), job(model, settings), true, Progress.SILENT);
        });
        List<Path> folders = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            folders.add(partitionFolder(out, p));
        }
        return folders;
    }

    /** Where partition p's shards go. */
    public static Path partitionFolder(String out, int partition) {
        return Path.of(out, String.format("partition-%05d", partition));
    }

    /** The hook names the patterns select, in pattern order; checks hooks and interventions against config.json. */
    static List<String> hookNames(ActivationSettings settings) {
        ModelConfig config = ModelConfig.load(ModelCache.resolve(settings.model()));
        HookRegistry registry = settings.interventions().registry(config);
        Set<String> names = new LinkedHashSet<>();
        for (String pattern : settings.hooks()) {
            registry.names().resolve(pattern).stream().map(HookSite::name).forEach(names::add);
        }
        new ActivationsJob(registry, settings.hooks()); // refuses attention maps, which have no token rows
        return List.copyOf(names);
    }

    private static ActivationsJob job(Model model, ActivationSettings settings) {
        return new ActivationsJob(settings.interventions().registry(model.config()), settings.hooks());
    }

    private static List<StructField> added(List<String> hookColumns) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField(INPUT_IDS, DataTypes.createArrayType(DataTypes.IntegerType, false), false),
                DataTypes.createStructField(TOKENS, DataTypes.createArrayType(DataTypes.StringType, false), false),
                DataTypes.createStructField(OFFSETS, DataTypes.createArrayType(
                        DataTypes.createArrayType(DataTypes.IntegerType, false), false), false)));
        for (String name : hookColumns) {
            fields.add(DataTypes.createStructField(name, DataTypes.createArrayType(
                    DataTypes.createArrayType(DataTypes.FloatType, false), false), false));
        }
        return fields;
    }

    /** One block of rows through the model, its rows in input order. */
    private static List<Row> rows(List<Row> input, int index, String column, ActivationSettings settings,
                                  List<String> hookColumns) {
        List<String> texts = input.stream().map(row -> TextColumn.text(row, index, column)).toList();
        Model model = ModelCache.get(settings.model());
        CorpusRunner runner = new CorpusRunner(model, settings.batchSize(), settings.truncate());
        ActivationsJob job = job(model, settings);
        TokenizedCorpus corpus = runner.corpus(texts);
        // twice: the captured tensors and their rows per token live together until the block is handed out
        ActivationBudget.requireFree(2 * 4 * corpus.tokens() * job.floatsPerToken(), String.format(
                "the activations of a block of %,d texts (%,d tokens; fewer texts per block hold less)",
                texts.size(), corpus.tokens()));
        TextTensors[] tensors = new TextTensors[texts.size()];
        runner.forEachBatch(corpus, job.hooks(), batch -> {
            for (int b = 0; b < batch.size(); b++) {
                tensors[batch.text(b)] = job.tensors(batch, b);
            }
            job.batchDone();
        }, Progress.SILENT);
        List<Row> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Encoding e = corpus.encoding(i);
            Object[] values = new Object[3 + hookColumns.size()];
            values[0] = e.ids();
            values[1] = e.tokens();
            values[2] = offsets(e);
            for (int h = 0; h < hookColumns.size(); h++) {
                values[3 + h] = tokenRows(tensors[i].perToken().get(hookColumns.get(h)), e.length());
            }
            rows.add(Columns.append(input.get(i), values));
        }
        return rows;
    }

    private static int[][] offsets(Encoding e) {
        int[][] spans = new int[e.length()][];
        for (int t = 0; t < spans.length; t++) {
            spans[t] = new int[] {e.offsetStarts()[t], e.offsetEnds()[t]};
        }
        return spans;
    }

    /** A [tokens, ...] tensor as one flat row per token. */
    private static float[][] tokenRows(FloatTensor tensor, int tokens) {
        float[] data = tensor.data();
        int width = data.length / tokens;
        float[][] rows = new float[tokens][];
        for (int t = 0; t < tokens; t++) {
            rows[t] = Arrays.copyOfRange(data, t * width, (t + 1) * width);
        }
        return rows;
    }
}
