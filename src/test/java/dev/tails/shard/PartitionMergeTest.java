package dev.tails.shard;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.corpus.CorpusRunner;
import dev.tails.io.SafetensorsFile;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shard folders of consecutive pieces of a corpus (Spark's partitions), each numbering its parts and texts
 * from 0, merged into the index one run over the whole corpus would have written: tiny-bert's hidden states.
 */
class PartitionMergeTest {
    private static final Model MODEL = Model.load(TestFiles.resource("models/tiny-bert"));
    private static final List<String> CORPUS = ShardedOutputTest.corpus(11);
    private static final int TEXTS_PER_SHARD = 3;

    @Test
    void partitionsStartingAtZeroMergeIntoTheRunOverTheirConcatenation(@TempDir Path dir) throws IOException {
        OutputIndex whole = run(dir.resolve("whole"), CORPUS, Partition.WHOLE, Map.of());
        run(dir.resolve("p0"), CORPUS.subList(0, 7), new Partition(0, 3), Map.of());
        run(dir.resolve("p1"), List.of(), new Partition(1, 3), Map.of()); // a partition may be empty
        run(dir.resolve("p2"), CORPUS.subList(7, 11), new Partition(2, 3), Map.of());
        // the folders in the wrong order: the partitions' own numbers decide
        OutputIndex merged = OutputIndex.merge(List.of(dir.resolve("p2"), dir.resolve("p1"), dir.resolve("p0")),
                dir.resolve("merged"));

        // by hand: partition 0 (texts 0-6) is parts of 3, 3, 1 texts; partition 1 none; partition 2 (texts 7-10) 3, 1
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), merged.parts().stream().map(OutputIndex.Part::block).toList());
        assertEquals(List.of(0L, 3L, 6L, 7L, 10L), merged.parts().stream().map(OutputIndex.Part::firstText).toList());
        assertEquals(List.of(3, 3, 1, 3, 1), merged.parts().stream().map(OutputIndex.Part::texts).toList());
        assertEquals(List.of("../p0/part-00000.safetensors", "../p0/part-00001.safetensors", "../p0/part-00002.safetensors",
                "../p2/part-00000.safetensors", "../p2/part-00001.safetensors"),
                merged.parts().stream().map(OutputIndex.Part::file).toList());
        assertEquals(11L, merged.corpusTexts());
        assertEquals(Partition.WHOLE, merged.partition());
        assertEquals(merged, OutputIndex.read(dir.resolve("merged").resolve(OutputIndex.FILE)));
        assertEquals(whole.parts().stream().mapToLong(OutputIndex.Part::tokens).sum(),
                merged.parts().stream().mapToLong(OutputIndex.Part::tokens).sum());

        // one text a batch in every run, so each text's states are the same bits wherever its block starts
        for (int text = 0; text < CORPUS.size(); text++) {
            TextRows expected = TextRows.of(dir.resolve("whole"), whole, text);
            TextRows actual = TextRows.of(dir.resolve("merged"), merged, text);
            assertEquals(expected.tokensLine(), actual.tokensLine(), "text " + text);
            assertTrue(expected.tokensLine().contains(CORPUS.get(text)), expected.tokensLine());
            assertArrayEquals(expected.ids(), actual.ids(), "input_ids of text " + text);
            assertArrayEquals(expected.hidden(), actual.hidden(), "hidden of text " + text);
        }
    }

    @Test
    void partitionsThatDoNotMakeOneCorpusAreRefusedByName(@TempDir Path dir) throws IOException {
        Path p0 = dir.resolve("p0");
        Path p1 = dir.resolve("p1");
        run(p0, CORPUS.subList(0, 7), new Partition(0, 2), Map.of());
        OutputIndex second = run(p1, CORPUS.subList(7, 11), new Partition(1, 2), Map.of());
        Path out = dir.resolve("merged");

        refused(() -> OutputIndex.merge(List.of(p0), out), "partition 1 of 2 is missing");
        Path again = dir.resolve("p1-again");
        run(again, CORPUS.subList(7, 11), new Partition(1, 2), Map.of());
        refused(() -> OutputIndex.merge(List.of(p0, p1, again), out), "block 0 of partition 1 of 2 is in two of the runs");
        Path ofThree = dir.resolve("of-three");
        run(ofThree, CORPUS.subList(7, 11), new Partition(2, 3), Map.of());
        refused(() -> OutputIndex.merge(List.of(p0, ofThree), out), "partition 2 of 3, but " + p0.resolve(OutputIndex.FILE)
                + " is partition 0 of 2");
        Path whole = dir.resolve("whole");
        run(whole, CORPUS, Partition.WHOLE, Map.of());
        refused(() -> OutputIndex.merge(List.of(whole, p0, p1), out), "partition 0 of 2, but "
                + whole.resolve(OutputIndex.FILE) + " is the whole corpus");
        Path otherJob = dir.resolve("other-job");
        run(otherJob, CORPUS.subList(7, 11), new Partition(1, 2), Map.of("interventions", "zero dims *:3"));
        refused(() -> OutputIndex.merge(List.of(p0, otherJob), out), "made by another job");

        // a partition whose run has not read all its texts, or whose index lost a part, would shift all after it
        second.withCorpusTexts(null).write(p1.resolve(OutputIndex.FILE));
        refused(() -> OutputIndex.merge(List.of(p0, p1), out), "partition 1 of 2 is unfinished (its run has not read all");
        new OutputIndex(second.format(), second.model(), second.job(), second.settings(), second.textsPerShard(),
                second.partition(), second.corpusTexts(), second.parts().subList(0, 1)).write(p1.resolve(OutputIndex.FILE));
        refused(() -> OutputIndex.merge(List.of(p0, p1), out), "its parts hold 3 of its 4 texts");
        assertTrue(Files.notExists(out.resolve(OutputIndex.FILE)), "nothing is written when refused");

        // a retried task resumes only its own partition's folder
        TailsException resumed = assertThrows(TailsException.class, () -> runner(p0, new Partition(1, 2), Map.of())
                .run(CORPUS.subList(7, 11).iterator(), job(), true, Progress.SILENT));
        assertTrue(resumed.getMessage().contains("written for partition 0 of 2, not partition 1 of 2"), resumed.getMessage());
    }

    private static void refused(Executable merge, String expected) {
        TailsException e = assertThrows(TailsException.class, merge);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static OutputIndex run(Path out, List<String> texts, Partition partition, Map<String, String> settings) {
        return runner(out, partition, settings).run(texts.iterator(), job(), false, Progress.SILENT);
    }

    private static ShardedRun runner(Path out, Partition partition, Map<String, String> settings) {
        return new ShardedRun(new CorpusRunner(MODEL, 1, false), ShardPlan.all(TEXTS_PER_SHARD, partition), out, "hidden",
                settings);
    }

    private static HiddenStatesJob job() {
        return new HiddenStatesJob(ForwardHooks.NONE, MODEL.config());
    }

    /** Text i of an index, read as a user would: the part holding it, its rows between offsets[j] and offsets[j + 1]. */
    private record TextRows(String tokensLine, long[] ids, float[] hidden) {
        static TextRows of(Path dir, OutputIndex index, int text) throws IOException {
            OutputIndex.Part part = index.parts().stream()
                    .filter(p -> p.firstText() <= text && text < p.firstText() + p.texts()).findFirst().orElseThrow();
            int j = (int) (text - part.firstText());
            String line = Files.readAllLines(dir.resolve(part.tokensFile())).get(j);
            try (SafetensorsFile file = SafetensorsFile.open(dir.resolve(part.file()))) {
                long[] offsets = file.longs("offsets");
                int from = (int) offsets[j];
                int to = (int) offsets[j + 1];
                float[] hidden = file.floats("hidden").data();
                int rowFloats = hidden.length / (int) offsets[offsets.length - 1];
                return new TextRows(line, Arrays.copyOfRange(file.longs("input_ids"), from, to),
                        Arrays.copyOfRange(hidden, from * rowFloats, to * rowFloats));
            }
        }
    }
}
