package dev.tails.shard;

import com.fasterxml.jackson.core.JacksonException;
import dev.tails.TailsException;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code OUT/index.json} of a sharded run: what made the shards (model, job, settings, texts per shard),
 * which partition of a corpus the run's input was, how many texts it read once it has read them all
 * ({@code corpusTexts}, null until then) and every complete part, in block order. A part is complete once
 * it is listed here: the index is rewritten (atomically) only after the part's files were renamed into place.
 */
public record OutputIndex(String format, String model, String job, Map<String, String> settings, int textsPerShard,
                          Partition partition, Long corpusTexts, List<Part> parts) {
    public static final String FORMAT = "tails-shards/1";
    public static final String FILE = "index.json";

    /**
     * One part: its files (relative to the index's folder), its block, its first text (the line of the
     * corpus; after a merge of partitions no longer block times texts per shard) and its size.
     */
    public record Part(String file, String tokensFile, long block, long firstText, int texts, long tokens) {
    }

    public OutputIndex {
        settings = new TreeMap<>(settings);
        partition = partition == null ? Partition.WHOLE : partition; // indexes written before partitions existed
        parts = parts.stream().sorted(Comparator.comparingLong(Part::block)).toList();
    }

    public OutputIndex with(Part part) {
        List<Part> kept = new ArrayList<>(parts.stream().filter(p -> p.block() != part.block()).toList());
        kept.add(part);
        return new OutputIndex(format, model, job, settings, textsPerShard, partition, corpusTexts, kept);
    }

    /** This index with the number of texts its run read (null: the run has not read all of them). */
    public OutputIndex withCorpusTexts(Long texts) {
        return new OutputIndex(format, model, job, settings, textsPerShard, partition, texts, parts);
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

    /** Whether an earlier run's index is of the same job over the same input, so a run may resume it. */
    public void checkResumable(OutputIndex earlier, String where) {
        checkSameJob(earlier, where);
        if (!partition.equals(earlier.partition)) {
            throw new TailsException(where + ": written for " + earlier.partition + ", not " + partition);
        }
    }

    /**
     * The indexes of several runs of one job as one, written to outDir/index.json with part paths relative
     * to outDir. Runs of the same partition (e.g. the --shard i/N runs of N machines) share its blocks, and a
     * block listed twice is an error. Partitions (every one of them, each finished and complete) follow each
     * other in index order, their blocks and texts numbered on, as one run over their concatenation numbers them.
     */
    public static OutputIndex merge(List<Path> runDirs, Path outDir) {
        if (runDirs.isEmpty()) {
            throw new TailsException("merge: no runs given");
        }
        List<Run> runs = runDirs.stream().map(Run::read).toList();
        Run first = runs.getFirst();
        int count = first.index.partition.count();
        for (Run run : runs) {
            first.index.checkSameJob(run.index, run.file().toString());
            if (run.index.partition.count() != count) {
                throw new TailsException(run.file() + ": " + run.index.partition + ", but " + first.file() + " is "
                        + first.index.partition);
            }
        }
        Path absoluteOut = outDir.toAbsolutePath().normalize();
        List<Part> parts = new ArrayList<>();
        long blocksBefore = 0;
        long textsBefore = 0;
        boolean allComplete = true; // only a whole corpus may be incomplete: its run or a --shard run is missing
        for (int p = 0; p < count; p++) {
            Partition partition = new Partition(p, count);
            List<Run> of = runs.stream().filter(run -> run.index.partition.equals(partition)).toList();
            if (of.isEmpty()) {
                throw new TailsException("merge: " + partition + " is missing (none of the folders given holds it)");
            }
            Map<Long, Part> blocks = new TreeMap<>();
            Long texts = null;
            for (Run run : of) {
                for (Part part : run.index.parts) {
                    if (blocks.put(part.block(), run.moved(part, absoluteOut, blocksBefore, textsBefore)) != null) {
                        throw new TailsException(run.file() + ": block " + part.block() + (count > 1 ? " of " + partition : "")
                                + " is in two of the runs being merged");
                    }
                }
                Long read = run.index.corpusTexts;
                if (read != null && texts != null && !read.equals(texts)) {
                    throw new TailsException(run.file() + ": its run read " + read + " texts of " + partition
                            + ", another run of it " + texts + ": not the same input");
                }
                texts = read == null ? texts : read;
            }
            long listed = blocks.values().stream().mapToLong(Part::texts).sum();
            boolean complete = texts != null && listed == texts;
            if (!complete && count > 1) {
                throw new TailsException("merge: " + partition + " is unfinished (" + (texts == null
                        ? "its run has not read all of its texts" : "its parts hold " + listed + " of its " + texts + " texts")
                        + "): resume its run first, as the partitions after it would be numbered wrong");
            }
            parts.addAll(blocks.values());
            if (complete) {
                blocksBefore += Math.ceilDiv(texts, first.index.textsPerShard);
                textsBefore += texts;
            }
            allComplete &= complete;
        }
        OutputIndex merged = new OutputIndex(FORMAT, first.index.model, first.index.job, first.index.settings,
                first.index.textsPerShard, Partition.WHOLE, allComplete ? textsBefore : null, parts);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new TailsException(outDir + ": " + e.getMessage(), e);
        }
        merged.write(outDir.resolve(FILE));
        return merged;
    }

    /** A run's folder and its index. */
    private record Run(Path dir, OutputIndex index) {
        static Run read(Path dir) {
            return new Run(dir, OutputIndex.read(dir.resolve(FILE)));
        }

        Path file() {
            return dir.resolve(FILE);
        }

        /** The part as the merged index lists it: files relative to out, block and first text after those before. */
        Part moved(Part part, Path out, long blocksBefore, long textsBefore) {
            Path base = dir.toAbsolutePath().normalize();
            return new Part(relative(out, base.resolve(part.file())), relative(out, base.resolve(part.tokensFile())),
                    blocksBefore + part.block(), textsBefore + part.firstText(), part.texts(),
                    part.tokens());
        }
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
