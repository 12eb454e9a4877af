package dev.tails.shard;

import com.fasterxml.jackson.core.JacksonException;
import dev.tails.TailsException;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code OUT/index.json} of a sharded run: what made the shards (model, job, settings, texts per shard)
 * and every complete part, in block order. A part is complete once it is listed here: the index is
 * rewritten (atomically) only after the part's files were renamed into place.
 */
public record OutputIndex(String format, String model, String job, Map<String, String> settings, int textsPerShard,
                          List<Part> parts) {
    public static final String FORMAT = "tails-shards/1";
    public static final String FILE = "index.json";

    /** One part: its files (relative to the index's folder), its block, its first line and its size. */
    public record Part(String file, String tokensFile, long block, long firstText, int texts, long tokens) {
    }

    public OutputIndex {
        settings = new TreeMap<>(settings);
        parts = parts.stream().sorted(Comparator.comparingLong(Part::block)).toList();
    }

    public OutputIndex with(Part part) {
        List<Part> kept = new java.util.ArrayList<>(parts.stream().filter(p -> p.block() != part.block()).toList());
        kept.add(part);
        return new OutputIndex(format, model, job, settings, textsPerShard, kept);
    }

    /** Whether another run's index describes the same job, so the two may share parts. */
    public void checkSameJob(OutputIndex other, String where) {
        if (!model.equals(other.model) || !job.equals(other.job) || !settings.equals(other.settings)
                || textsPerShard != other.textsPerShard) {
            throw new TailsException(where + ": made by another job (" + other.job + " of " + other.model + ", "
                    + other.textsPerShard + " texts per shard, " + other.settings + "), not " + job + " of " + model
                    + ", " + textsPerShard + " texts per shard, " + settings);
        }
    }

    /**
     * The indexes of several runs of one job (e.g. the --shard i/N runs of N machines) as one, written to
     * outDir/index.json with part paths relative to outDir; a block listed twice is an error.
     */
    public static OutputIndex merge(List<Path> runDirs, Path outDir) {
        OutputIndex merged = null;
        Path absoluteOut = outDir.toAbsolutePath().normalize();
        for (Path dir : runDirs) {
            Path file = dir.resolve(FILE);
            OutputIndex index = read(file);
            if (merged == null) {
                merged = new OutputIndex(FORMAT, index.model, index.job, index.settings, index.textsPerShard, List.of());
            }
            merged.checkSameJob(index, file.toString());
            for (Part p : index.parts) {
                if (merged.parts.stream().anyMatch(q -> q.block() == p.block())) {
                    throw new TailsException(file + ": block " + p.block() + " is in two of the runs being merged");
                }
                Path base = dir.toAbsolutePath().normalize();
                merged = merged.with(new Part(relative(absoluteOut, base.resolve(p.file())),
                        relative(absoluteOut, base.resolve(p.tokensFile())), p.block(), p.firstText(), p.texts(), p.tokens()));
            }
        }
        if (merged == null) {
            throw new TailsException("merge: no runs given");
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new TailsException(outDir + ": " + e.getMessage(), e);
        }
        merged.write(outDir.resolve(FILE));
        return merged;
    }

    private static String relative(Path from, Path to) {
        return from.relativize(to).toString();
    }

    public static OutputIndex read(Path file) {
        try {
            OutputIndex index = Json.MAPPER.readValue(file.toFile(), OutputIndex.class);
            if (!FORMAT.equals(index.format())) {
                throw new TailsException(file + ": format '" + index.format() + "', expected " + FORMAT);
            }
            return index;
        } catch (JacksonException e) {
            throw new TailsException(file + ": not a tails shard index (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Writes beside the target and renames, so a reader (or a resumed run) never sees half an index. */
    public void write(Path file) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot write the shard index: " + e.getMessage(), e);
        }
    }
}
