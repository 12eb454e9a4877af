package dev.tails.eval;

import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data readers: what they keep, and errors that name file and line. */
class EvalDataTest {

    private static void assertErrorNames(String expected, Runnable read) {
        TailsException e = assertThrows(TailsException.class, read::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void wicReadsIndicesAndGold(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("dev"));
        Files.writeString(dir.resolve("dev/dev.data.txt"), "board\tN\t2-2\tRoom and board .\tHe nailed boards .\n");
        Files.writeString(dir.resolve("dev/dev.gold.txt"), "F\n");
        WicPair p = WicData.read(dir, "dev", 0).getFirst();
        assertEquals(2, p.index1());
        assertEquals(false, p.gold());
        Files.delete(dir.resolve("dev/dev.gold.txt"));
        assertNull(WicData.read(dir, "dev", 0).getFirst().gold(), "no gold file: unlabeled (the test split)");
    }

    @Test
    void wicErrorsNameFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("dev"));
        assertErrorNames("dev.data.txt: data file not found", () -> WicData.read(dir, "dev", 0));
        Files.writeString(dir.resolve("dev/dev.data.txt"), "a\tN\t0-0\tA b .\tA c .\nboard\tN\t2-9\tRoom and board .\tHe nailed boards .\n");
        assertErrorNames("dev.data.txt line 2: word index 9", () -> WicData.read(dir, "dev", 0));
        Files.writeString(dir.resolve("dev/dev.data.txt"), "a\tN\t0-0\tA b .\n");
        assertErrorNames("dev.data.txt line 1: expected at least 5", () -> WicData.read(dir, "dev", 0));
        Files.writeString(dir.resolve("dev/dev.data.txt"), "a\tN\t0-0\tA b .\tA c .\n");
        Files.writeString(dir.resolve("dev/dev.gold.txt"), "maybe\n");
        assertErrorNames("dev.gold.txt line 1: label 'maybe'", () -> WicData.read(dir, "dev", 0));
    }

    @Test
    void stsKeepsOnlyScoredPairs(@TempDir Path dir) throws IOException {
        Path year = Files.createDirectories(dir.resolve("STS/STS16-en-test"));
        Files.writeString(year.resolve("STS.input.news.txt"), "a b\tc d\ne f\tg h\ni j\tk l\n");
        Files.writeString(year.resolve("STS.gs.news.txt"), "4.0\n\n1.5\n");
        List<StsSubset> subsets = StsData.read(dir, "sts16", 0);
        assertEquals(1, subsets.size());
        assertEquals(List.of(new StsPair("a b", "c d", 4.0), new StsPair("i j", "k l", 1.5)), subsets.getFirst().pairs());
        Files.writeString(year.resolve("STS.gs.news.txt"), "4.0\nhigh\n");
        assertErrorNames("STS.gs.news.txt line 2: score 'high'", () -> StsData.read(dir, "sts16", 0));
    }

    @Test
    void sickSkipsItsHeaderAndStsBReadsField5(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("SICK"));
        Files.writeString(dir.resolve("SICK/SICK_test_annotated.txt"),
                "pair_ID\tsentence_A\tsentence_B\trelatedness_score\tentailment_judgment\n6\tA b\tC d\t3.3\tNEUTRAL\n");
        assertEquals(new StsPair("A b", "C d", 3.3), StsData.read(dir, "sick-r", 0).getFirst().pairs().getFirst());
        Files.createDirectories(dir.resolve("STS/STSBenchmark"));
        Files.writeString(dir.resolve("STS/STSBenchmark/sts-test.csv"), "main-captions\tMSRvid\t2012test\t0024\t2.500\ta b\tc d\n");
        assertEquals(new StsPair("a b", "c d", 2.5), StsData.read(dir, "sts-b", 0).getFirst().pairs().getFirst());
        Files.writeString(dir.resolve("STS/STSBenchmark/sts-test.csv"), "main-captions\tMSRvid\n");
        assertErrorNames("sts-test.csv line 1", () -> StsData.read(dir, "sts-b", 0));
    }

    @Test
    void sstReadsBothFormatsAndNamesFileAndLineOfABadLabel(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("SST/binary"));
        Files.createDirectories(dir.resolve("SST/fine"));
        Files.writeString(dir.resolve("SST/binary/sentiment-dev"), "a gripping , tab\tfilled story\t1\n\nflat\t0\n");
        Files.writeString(dir.resolve("SST/fine/sentiment-dev"), "4 a joy to watch\n0 dull 2 hours\n");
        assertEquals(List.of(new LabeledText("a gripping , tab\tfilled story", 1), new LabeledText("flat", 0)),
                SstData.read(dir, "sst2", "dev", 0));
        assertEquals(List.of(new LabeledText("a joy to watch", 4)), SstData.read(dir, "sst5", "dev", 1));
        assertErrorNames("sentiment-train: data file not found", () -> SstData.read(dir, "sst2", "train", 0));
        Files.writeString(dir.resolve("SST/binary/sentiment-dev"), "fine\t1\nno label here\n");
        assertErrorNames("sentiment-dev line 2: expected text TAB label", () -> SstData.read(dir, "sst2", "dev", 0));
        Files.writeString(dir.resolve("SST/fine/sentiment-dev"), "4 good\n5 too good\n");
        assertErrorNames("sentiment-dev line 2: label '5' is not an integer in 0..4", () -> SstData.read(dir, "sst5", "dev", 0));
    }
}
