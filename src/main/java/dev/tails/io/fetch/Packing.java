package dev.tails.io.fetch;

import dev.tails.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** How a catalogued model sits inside its Maven jar, and how to turn it into a model folder. */
public sealed interface Packing permits SavedModelZip, OnnxInJar {

    /** The files whose presence means a fetched folder is complete (so there is nothing to do). */
    List<String> requiredFiles();

    /**
     * Builds the model folder in {@code staging} (empty) from the jar; {@code scratch} is an empty
     * temporary folder the caller deletes afterwards.
     */
    String build(Path jar, Path scratch, Path staging, Progress progress) throws IOException;
}
