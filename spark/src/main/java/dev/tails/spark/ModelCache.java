package dev.tails.spark;

import dev.tails.TailsException;
import dev.tails.model.Model;
import org.apache.spark.SparkFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models of this JVM, loaded once each, keyed by the folder a job names: every task an executor
 * runs shares one copy of the weights (bert-base is ~440 MB of heap) instead of loading its own.
 */
final class ModelCache {
    private static final ConcurrentHashMap<String, Model> MODELS = new ConcurrentHashMap<>();

    private ModelCache() {
    }

    /** The model of a folder; loaded by the first task that asks, the others wait for it. */
    static Model get(String folder) {
        return MODELS.computeIfAbsent(folder, f -> Model.load(resolve(f)));
    }

    /**
     * A folder on storage every node sees, or one shipped with the job ({@code --archives
     * model.zip#NAME} or {@code --files}): then NAME is found in the working directory or in
     * Spark's folder of added files.
     */
    static Path resolve(String folder) {
        Path path = Path.of(folder);
        if (Files.isDirectory(path)) {
            return path;
        }
        Path shipped = Path.of(SparkFiles.get(folder));
        if (Files.isDirectory(shipped)) {
            return shipped;
        }
        throw new TailsException("model folder '" + folder + "' is neither a folder on this node nor one shipped with the job ("
                + shipped + ")");
    }
}
