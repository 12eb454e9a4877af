package dev.tails.eval;

import dev.tails.TestFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reader, WordNet candidates and scorer together against a published number: WordNet's first sense
 * scores 66.8 / 66.2 / 55.2 / 63.0 / 67.8 and 65.2 on ALL (Raganato et al. 2017, Table of baselines).
 * Needs ../shared/data (or -Dtails.data=DIR); skipped without it.
 */
class WsdFirstSenseTest {
    @Test
    void wordNetFirstSenseMatchesRaganatoEtAl() {
        Path data = TestFiles.sharedData();
        assumeTrue(data != null && Files.isDirectory(data.resolve("wsd/Evaluation_Datasets/ALL")), "no shared WSD data");
        RaganatoData.Data eval = RaganatoData.read(data.resolve("wsd/Evaluation_Datasets"), 0);
        assertEquals(7253, eval.instances().size());
        List<List<String>> candidates = Wsd.candidates(eval.instances(), new WordNetSenses());
        assertTrue(candidates.stream().noneMatch(List::isEmpty), "every lemma of ALL is in WordNet 3.0");
        String[][] first = Wsd.firstSenses(candidates);
        double[] published = {66.8, 66.2, 55.2, 63.0, 67.8};
        for (int s = 0; s < published.length; s++) {
            String set = RaganatoData.SETS.get(s);
            assertEquals(published[s], Wsd.f1PerState(first, eval.instances(), eval.gold(), set)[0], 0.05, set);
        }
        assertEquals(65.2, Wsd.f1PerState(first, eval.instances(), eval.gold(), null)[0], 0.05, "ALL");
    }
}
