package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STS over parts of the pairs, merged: the pairs' cosines are united and ranked once, as in one run. */
public class StsPartialTest {
    private static final Model TINY = Model.load(TestFiles.resource("models/tiny-bert"));
    private static final CorpusRunner RUNNER = new CorpusRunner(TINY, 3, false);
    private static final Clip CLIP = Clip.of(32, 5);

    /** STS-B's test file with seven pairs of different lengths and golds. */
    public static Path senteval(Path dir) throws IOException {
        Path benchmark = Files.createDirectories(dir.resolve("senteval/STS/STSBenchmark"));
        List<String> pairs = List.of("A man plays a guitar.\tA man plays the guitar loudly.",
                "Stocks fell.\tThe cat sat on the mat.", "She read a book.\tA woman is reading a long novel in the park.",
                "The bank raised its rates again.\tRates went up at the bank.", "Hi\tHello there",
                "A dog barks at the mailman every single morning.\tThe dog is quiet.", "Rain.\tIt rained all day long.");
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            lines.add("main-captions\tMSRvid\t2012test\t000" + i + "\t" + (i * 0.7 % 5) + "\t" + pairs.get(i));
        }
        Files.write(benchmark.resolve("sts-test.csv"), lines);
        return dir.resolve("senteval");
    }

    private static StsEvaluation.Settings settings(Path data, boolean withSpecial) {
        return new StsEvaluation.Settings(new EvalSettings(EnumSet.of(Variant.RAW, Variant.CLIPPED_AFTER), 0, 42), data,
                List.of("sts-b"), withSpecial);
    }

    private static StsPartial part(StsEvaluation.Settings settings, int index, int count) {
        return StsEvaluation.partial(RUNNER, CLIP, settings, new ItemPart(index, count), Progress.SILENT);
    }

    @Test
    void partsMergedEqualTheWholeRunBitForBit(@TempDir Path dir) throws IOException {
        StsEvaluation.Settings settings = settings(senteval(dir), false);
        StsEvaluation.Result whole = StsEvaluation.run(RUNNER, CLIP, settings, Progress.SILENT);
        StsEvaluation.Result merged = part(settings, 1, 3).merge(StsPartial.fromJson(part(settings, 0, 3).toJson()))
                .merge(part(settings, 2, 3)).result();
        StsEvaluation.SetResult expected = whole.sets().get("sts-b");
        StsEvaluation.SetResult actual = merged.sets().get("sts-b");
        assertEquals(7, actual.pairs());
        // Each pair's cosine does not depend on the batch it ran in, and Spearman runs once over the united pairs.
        expected.spearman().forEach((v, scores) -> assertArrayEquals(scores.perLayer(), actual.spearman().get(v).perLayer(), 0, v.label()));
        assertTrue(expected.spearman().get(Variant.RAW).perLayer()[0] != 0, "a score that could differ");
    }

    @Test
    void missingDuplicatedAndMismatchedPartsAreRefused(@TempDir Path dir) throws IOException {
        Path data = senteval(dir);
        StsEvaluation.Settings settings = settings(data, false);
        assertMessage(() -> part(settings, 0, 2).result(), "holds parts [0] of 0..1");
        assertMessage(() -> part(settings, 1, 2).merge(part(settings, 1, 2)), "part 1/2 is in both partials");
        assertMessage(() -> part(settings, 0, 2).merge(part(settings(data, true), 1, 2)), "withSpecial 'false' vs 'true'");
        String json = part(settings, 0, 2).toJson();
        assertMessage(() -> StsPartial.fromJson(json.replace("\"0\":{\"gold\"", "\"9\":{\"gold\"")), "pair 9 of");
    }

    private static void assertMessage(Runnable action, String expected) {
        TailsException e = assertThrows(TailsException.class, action::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
