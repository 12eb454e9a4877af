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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trees evaluation of parts of the sentences, merged, is the evaluation of all of them. */
class TreesPartialTest {
    private static final Model TINY = Model.load(TestFiles.resource("models/tiny-bert"));
    private static final CorpusRunner RUNNER = new CorpusRunner(TINY, 2, false);
    private static final Clip CLIP = Clip.of(32, 5);

    /** Five sentences with spans to score, of different lengths so batches by length mix them. */
    static Path treebank(Path dir) throws IOException {
        Path ptb = Files.createDirectories(dir.resolve("ptb"));
        Files.writeString(ptb.resolve("a.mrg"), """
                ( (S (NP (DT The) (NN cat)) (VP (VBD sat) (PP (IN on) (NP (DT the) (NN mat)))) (. .)) )
                ( (S (NP (NNS Stocks)) (VP (VBD fell) (ADVP (RB sharply)) (PP (IN in) (NP (JJ early) (NN trading)))) (. .)) )
                ( (S (NP (PRP She)) (VP (VBD read) (NP (DT a) (JJ long) (NN book))) (. .)) )
                ( (S (NP (DT The) (NN bank)) (VP (VBD raised) (NP (PRP$ its) (NNS rates)) (ADVP (RB again))) (. .)) )
                ( (S (NP (DT A) (JJ small) (NN dog)) (VP (VBD barked)) (. .)) )
                """);
        return ptb;
    }

    private static TreesEvaluation.Settings settings(Path data, TreesEvaluation.Distance distance) {
        return new TreesEvaluation.Settings(new EvalSettings(EnumSet.of(Variant.RAW, Variant.CLIPPED_IN_GRAPH), 0, 42),
                data, distance);
    }

    private static TreesPartial part(TreesEvaluation.Settings settings, int index, int count) {
        return TreesEvaluation.partial(RUNNER, CLIP, settings, new ItemPart(index, count), Progress.SILENT);
    }

    @Test
    void threePartsMergedEqualTheWholeRun(@TempDir Path dir) throws IOException {
        TreesEvaluation.Settings settings = settings(treebank(dir), TreesEvaluation.Distance.COSINE);
        TreesEvaluation.Result whole = TreesEvaluation.run(RUNNER, CLIP, settings, Progress.SILENT);
        TreesEvaluation.Result merged = part(settings, 2, 3)
                .merge(TreesPartial.fromJson(part(settings, 0, 3).toJson())).merge(part(settings, 1, 3)).result();
        assertEquals(5, merged.sentences());
        assertEquals(whole.rightBranching(), merged.rightBranching(), 0, "computed over all sentences in every part");
        assertEquals(whole.random(), merged.random(), 0);
        assertEquals(whole.f1().keySet(), merged.f1().keySet());
        // Mean F1 = a sum over sentences, in another order: within 1e-6.
        whole.f1().forEach((v, scores) -> assertArrayEquals(scores.perLayer(), merged.f1().get(v).perLayer(), 1e-6, v.label()));
    }

    @Test
    void missingDuplicatedAndMismatchedPartsAreRefused(@TempDir Path dir) throws IOException {
        Path data = treebank(dir);
        TreesEvaluation.Settings cosine = settings(data, TreesEvaluation.Distance.COSINE);
        assertMessage(() -> part(cosine, 0, 2).result(), "holds parts [0] of 0..1");
        assertMessage(() -> part(cosine, 0, 2).merge(part(cosine, 0, 2)), "part 0/2 is in both partials");
        assertMessage(() -> part(cosine, 0, 2).merge(part(settings(data, TreesEvaluation.Distance.L2), 1, 2)),
                "distance 'COSINE' vs 'L2'");
        assertMessage(() -> part(cosine, 0, 2).merge(part(cosine, 1, 3)), "parts '2' vs '3'");
        String json = part(cosine, 0, 2).toJson();
        assertMessage(() -> TreesPartial.fromJson(json.replace("\"eval-trees\"", "\"attribute\"")), "kind 'attribute'");
    }

    private static void assertMessage(Runnable action, String expected) {
        TailsException e = assertThrows(TailsException.class, action::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
