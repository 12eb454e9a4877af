package dev.tails.shard;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.io.Json;
import dev.tails.model.ActivationBudget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs a corpus read line by line into shards written as they complete: memory holds one batch's
 * activations and one shard, whatever the corpus size. Each part's files are renamed into place
 * before the index lists it, so a run killed at any point and resumed skips exactly the listed
 * parts and redoes the rest with the same batches (hence the same bits).
 */
public final class ShardedRun {
    private final CorpusRunner runner;
    private final ShardPlan plan;
    private final Path out;
    private final ShardFormat format;
    private final OutputIndex empty;

    /** job and settings name what is computed; a resumed run must name the same. Parts are safetensors files. */
    public ShardedRun(CorpusRunner runner, ShardPlan plan, Path out, String job, Map<String, String> settings) {
        this(runner, plan, out, job, settings, ShardFormat.SAFETENSORS);
    }

    /** As above, with parts in {@code format} (recorded in the index's settings, so a resume keeps it). */
    public ShardedRun(CorpusRunner runner, ShardPlan plan, Path out, String job, Map<String, String> settings,
                      ShardFormat format) {
        this.runner = runner;
        this.plan = plan;
        this.out = out;
        this.format = format;
        settings = new TreeMap<>(settings);
        if (format != ShardFormat.SAFETENSORS) { // indexes written before npz parts existed stay resumable
            settings.put("part_format", format.name().toLowerCase(Locale.ROOT));
        }
        this.empty = new OutputIndex(OutputIndex.FORMAT, runner.model().folder().getFileName().toString(), job,
                new TreeMap<>(settings), plan.textsPerShard(), plan.partition(), null, List.of());
    }

    /**
     * Writes this plan's blocks of {@code texts}; with resume, parts an earlier run completed are kept.
     * The index records how many texts were read once all were, so a merge knows the run finished.
     */
    public OutputIndex run(Iterator<String> texts, ShardJob job, boolean resume, Progress progress) {
        OutputIndex index = start(resume);
        long block = 0;
        long read = 0;
        while (texts.hasNext()) {
            List<String> lines = new ArrayList<>(plan.textsPerShard());
            while (texts.hasNext() && lines.size() < plan.textsPerShard()) {
                lines.add(texts.next());
            }
            read += lines.size();
            if (plan.takes(block) && !listed(index, block)) {
                long start = System.nanoTime();
                OutputIndex.Part part = write(block, lines, job);
                index = index.with(part);
                index.write(out.resolve(OutputIndex.FILE));
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.stage(String.format("%s: %,d texts, %,d tokens (%.0f texts/s, %.0f tokens/s)", part.file(),
                        part.texts(), part.tokens(), part.texts() / seconds, part.tokens() / seconds));
            }
            block++;
        }
        index = index.withCorpusTexts(read);
        index.write(out.resolve(OutputIndex.FILE));
        return index;
    }

    private OutputIndex start(boolean resume) {
        try {
            Files.createDirectories(out);
            Path indexFile = out.resolve(OutputIndex.FILE);
            if (!Files.exists(indexFile)) {
                return empty;
            }
            if (!resume) {
                throw new TailsException(out + " already holds shards (" + OutputIndex.FILE
                        + "): resume that run, or write to another folder");
            }
            OutputIndex earlier = OutputIndex.read(indexFile);
            empty.checkResumable(earlier, indexFile.toString());
            deleteUnfinished();
            return earlier.withCorpusTexts(null); // unknown again until this run has read all texts
        } catch (IOException e) {
            throw new TailsException(out + ": " + e.getMessage(), e);
        }
    }

    /** Temporary files a killed run left behind. */
    private void deleteUnfinished() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(ShardedRun::unfinished).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean unfinished(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp") && (name.startsWith(".part-") || name.startsWith("." + OutputIndex.FILE));
    }

    private boolean listed(OutputIndex index, long block) {
        return index.parts().stream().anyMatch(p -> p.block() == block && Files.exists(out.resolve(p.file())));
    }

    private OutputIndex.Part write(long block, List<String> lines, ShardJob job) {
        TokenizedCorpus corpus = job.corpus(runner, lines);
        long tokens = corpus.tokens();
        ActivationBudget.requireFree(4 * tokens * job.floatsPerToken(), String.format(
                "the kept activations of part %d (%,d texts, %,d tokens, %,d floats a token; fewer texts per shard hold less)",
                block, lines.size(), tokens, job.floatsPerToken()));
        ShardContent content = new ShardContent(lines.size());
        runner.forEachBatch(corpus, job.hooks(), batch -> {
            for (int b = 0; b < batch.size(); b++) {
                content.put(batch.text(b), corpus.encoding(batch.text(b)), job.tensors(batch, b));
            }
            job.batchDone();
        }, Progress.SILENT);
        String name = ShardPlan.partName(block);
        String tokensFile = name + ".tokens.jsonl";
        writeTokens(out.resolve(tokensFile), lines, content.tokenStrings());
        String file = name + format.extension();
        content.fill(format.writer(ShardContent.metadata(empty.model(), empty.job()))).write(out.resolve(file));
        return new OutputIndex.Part(file, tokensFile, block, block * plan.textsPerShard(),
                lines.size(), content.tokens());
    }

    private record TokensLine(String text, List<String> tokens) {
    }

    /** One JSON line per text: the text and its token strings. */
    private static void writeTokens(Path file, List<String> texts, List<List<String>> tokens) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (var writer = Files.newBufferedWriter(tmp)) {
            for (int i = 0; i < texts.size(); i++) {
                writer.write(Json.MAPPER.writeValueAsString(new TokensLine(texts.get(i), tokens.get(i))));
                writer.newLine();
            }
        } catch (IOException e) {
            throw new TailsException(file + ": cannot write token strings: " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TailsException(file + ": " + e.getMessage(), e);
        }
    }
}
