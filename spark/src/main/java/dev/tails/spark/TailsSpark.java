package dev.tails.spark;

import dev.tails.attribution.Attribution;
import dev.tails.model.Pooling;
import dev.tails.report.AttributionJson;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The spark-submit entry point: `activations`, `embed` and `attribute` with the CLI's option names,
 * reading texts (a text file a line each, or a Parquet column) and writing Parquet, shards or JSON.
 */
@Command(name = "tails-spark", mixinStandardHelpOptions = true,
        subcommands = {TailsSpark.Activations.class, TailsSpark.Embed.class, TailsSpark.Attribute.class},
        description = "tails' corpus jobs on Spark.")
public final class TailsSpark {
    private TailsSpark() {
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new TailsSpark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        // stopped before the exit, so a cluster's executors are let go instead of killed in its shutdown hooks
        scala.Option<SparkSession> session = SparkSession.getDefaultSession();
        if (session.isDefined()) {
            session.get().stop();
        }
        System.exit(exit);
    }

    /** Where the texts come from, and the model options every job shares. */
    static final class Input {
        @Option(names = "--model", required = true, description = "Model folder on storage every node sees, or the name it was shipped under (--archives model.zip#NAME).")
        String model;

        @Option(names = "--input", required = true, description = "Text file(s), one text a line (any path Spark reads), or Parquet with --column.")
        String input;

        @Option(names = "--column", description = "Read --input as Parquet and take the texts from this column.")
        String column;

        @Option(names = "--batch-size", defaultValue = "16", description = "Texts per forward pass (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--texts-per-block", defaultValue = "512", description = "Texts a task runs and holds at once (default: ${DEFAULT-VALUE}).")
        int textsPerBlock;

        Dataset<Row> texts(SparkSession spark) {
            return column == null ? spark.read().text(input) : spark.read().parquet(input).select(column);
        }

        String textColumn() {
            return column == null ? "value" : column;
        }
    }

    /** The CLI's --zero-* options. */
    static final class ZeroOptions {
        @Option(names = "--zero-dims", paramLabel = "L|*|E:d,d,..", description = "As the CLI's. Repeatable.")
        List<String> zeroDims = new ArrayList<>();

        @Option(names = "--zero-neurons", paramLabel = "L:j,j,..", description = "As the CLI's. Repeatable.")
        List<String> zeroNeurons = new ArrayList<>();

        @Option(names = "--zero-heads", paramLabel = "L:h,h,..", description = "As the CLI's. Repeatable.")
        List<String> zeroHeads = new ArrayList<>();

        Interventions interventions() {
            return new Interventions(zeroDims, zeroNeurons, zeroHeads);
        }
    }

    private static SparkSession session(String job) {
        return SparkSession.builder().appName("tails " + job).getOrCreate();
    }

    @Command(name = "activations", mixinStandardHelpOptions = true,
            description = "Hook points per text: a row per text in Parquet, or tails' safetensors shards per partition.")
    static final class Activations implements Callable<Integer> {
        @Mixin
        Input input;

        @Option(names = "--hooks", required = true, split = ",", paramLabel = "PATTERN", description = "Hook names or patterns, * within one dot segment.")
        List<String> hooks;

        @Mixin
        ZeroOptions interventions;

        @Option(names = "--truncate", description = "Cut texts longer than the model allows instead of failing.")
        boolean truncate;

        @Option(names = "--out", required = true, description = "Output path: a Parquet folder, or with --safetensors a folder of shard folders.")
        String out;

        @Option(names = "--safetensors", description = "Write tails' shards (OUT/partition-NNNNN/index.json and parts) instead of Parquet.")
        boolean safetensors;

        @Option(names = "--texts-per-shard", defaultValue = "10000", description = "With --safetensors: texts per part (default: ${DEFAULT-VALUE}).")
        int textsPerShard;

        @Override
        public Integer call() {
            ActivationSettings settings = new ActivationSettings(input.model, hooks,
                    interventions.interventions(), input.batchSize, truncate, input.textsPerBlock);
            SparkSession spark = session("activations");
            Dataset<Row> texts = input.texts(spark);
            if (safetensors) {
                List<Path> folders = SparkActivations.writeShards(texts, input.textColumn(), settings, out, textsPerShard);
                System.err.println("wrote " + folders.size() + " shard folders to " + out + " (one index over all: tails merge "
                        + out + "/partition-* --out " + out + ")");
            } else {
                SparkActivations.run(texts, input.textColumn(), settings).write().parquet(out);
                System.err.println("wrote " + out);
            }
            return 0;
        }
    }

    @Command(name = "embed", mixinStandardHelpOptions = true,
            description = "Sentence embeddings as `tails embed`: a row per text (its columns, embedding) in Parquet.")
    static final class Embed implements Callable<Integer> {
        @Mixin
        Input input;

        @Mixin
        ZeroOptions interventions;

        @Option(names = "--pooling", paramLabel = "mean|cls|max", description = "Pooling (default: the folder's, else mean).")
        Pooling pooling;

        @Option(names = "--normalize", negatable = true, description = "L2-normalize (default: the folder's, else no).")
        Boolean normalize;

        @Option(names = "--out", required = true, description = "Parquet output path.")
        String out;

        @Override
        public Integer call() {
            EmbedSettings settings = new EmbedSettings(input.model,
                    pooling, normalize,
                    interventions.interventions(), input.batchSize, input.textsPerBlock);
            SparkSession spark = session("embed");
            SparkEmbed.run(input.texts(spark), input.textColumn(), settings).write().parquet(out);
            System.err.println("wrote " + out);
            return 0;
        }
    }

    @Command(name = "attribute", mixinStandardHelpOptions = true,
            description = "Which neurons and heads write one dim of one block, over every text: the CLI's attribute JSON.")
    static final class Attribute implements Callable<Integer> {
        @Mixin
        Input input;

        @Option(names = "--layer", required = true, description = "Block index (blocks.L, 0-based).")
        int layer;

        @Option(names = "--dim", required = true, description = "Dim of the block output to attribute.")
        int dim;

        @Option(names = "--top", defaultValue = "20", description = "Neurons and heads to report, by |mean| (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--truncate", description = "Cut texts longer than the model allows instead of failing.")
        boolean truncate;

        @Option(names = "--json", required = true, description = "The JSON file to write, on the driver (as `tails attribute --json`).")
        Path json;

        @Override
        public Integer call() {
            Attribution result = SparkAttribution.run(input.texts(session("attribute")), input.textColumn(),
                    new AttributionSettings(input.model, layer, dim, top, input.batchSize, truncate, input.textsPerBlock));
            AttributionJson.of(result).write(json);
            System.err.printf("attribute: block %d dim %d over %,d tokens: wrote %s%n", layer, dim, result.tokens(), json);
            return 0;
        }
    }
}
