package dev.tails.eval;

import dev.tails.TailsException;
import dev.tails.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeInductionTest {
    /** (S (NP The cat) (VP sat (NP trace) (PP on (NP mats))) .): gold {[0,2) NP, [2,5) VP, [3,5) PP}. */
    private static Bracketing fiveWords() {
        List<ParseTree> trees = PtbReader.readFile(TestFiles.resource("eval/ptb/five-words.mrg"));
        assertEquals(1, trees.size());
        return Bracketing.of(trees.getFirst());
    }

    @Test
    void goldSpansDropTracesPunctuationAndTrivialSpans() {
        Bracketing b = fiveWords();
        assertEquals(List.of("The", "cat", "sat", "on", "mats"), b.words());
        assertEquals("The cat sat on mats .", b.text());
        assertEquals(Set.of(new Span(0, 2), new Span(2, 5), new Span(3, 5)), b.spans());
    }

    @Test
    void theModelReadsUnescapedText() {
        ParseTree tree = new ParseTree("S", null, List.of(ParseTree.leaf("-LRB-", "-LRB-"), ParseTree.leaf("CD", "1\\/2"),
                ParseTree.leaf("-RRB-", "-RRB-")));
        assertEquals("( 1/2 )", Bracketing.of(tree).text());
    }

    @Test
    void topDownSplitsAtTheLargestDistance() {
        Bracketing b = fiveWords();
        // gaps: The|cat 0.1, cat|sat 0.9, sat|on 0.5, on|mats 0.2 -> ((The cat) (sat (on mats))): all 3 right
        assertEquals(1.0, TreeInduction.f1(b.spans(), TreeInduction.topDown(new double[] {0.1, 0.9, 0.5, 0.2})), 1e-12);
        // gaps 0.9, 0.1, 0.5, 0.2 -> (The ((cat sat) (on mats))): {[1,5), [1,3), [3,5)}, 1 of 3 right -> F1 1/3
        assertEquals(1 / 3.0, TreeInduction.f1(b.spans(), TreeInduction.topDown(new double[] {0.9, 0.1, 0.5, 0.2})), 1e-12);
        // right-branching {[1,5), [2,5), [3,5)}: 2 of 3 right -> F1 2/3
        assertEquals(2 / 3.0, TreeInduction.f1(b.spans(), TreeInduction.rightBranching(5)), 1e-12);
    }

    @Test
    void everyBinaryTreeOverNWordsHasNMinusTwoNonTrivialSpans() {
        Random random = new Random(7);
        for (int n = 2; n < 12; n++) {
            Set<Span> spans = TreeInduction.random(n, random);
            assertEquals(Math.max(0, n - 2), spans.size(), "n=" + n);
            int words = n;
            assertTrue(spans.stream().allMatch(s -> s.length() >= 2 && s.length() < words));
        }
    }

    @Test
    void malformedTreeNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.mrg");
        Files.writeString(file, "( (S (NP (DT The) (NN cat))\n   (VP (VBD sat) )\n");
        TailsException e = assertThrows(TailsException.class, () -> PtbReader.readFile(file));
        assertTrue(e.getMessage().contains("bad.mrg line 2"), e.getMessage());
    }
}
