package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WiC over parts of the pairs, merged: the choice on train and the predictions of one run, bit for bit. */
class WicPartialTest {
    private static final Model TINY = Model.load(TestFiles.resource("models/tiny-bert"));
    private static final CorpusRunner RUNNER = new CorpusRunner(TINY, 3, false);
    private static final Clip CLIP = Clip.of(32, 5);
    private static final Path WIC = TestFiles.resource("eval/wic");

    private static WicEvaluation.Settings settings(String split) {
        return new WicEvaluation.Settings(new EvalSettings(EnumSet.of(Variant.RAW, Variant.CLIPPED_AFTER), 0, 42), WIC, split, 0);
    }

    private static WicPartial part(WicEvaluation.Settings settings, int index, int count) {
        return WicEvaluation.partial(RUNNER, CLIP, settings, new ItemPart(index, count), Progress.SILENT);
    }

    @Test
    void partsMergedEqualTheWholeRun() {
        for (String split : new String[] {"dev", "train"}) {
            WicEvaluation.Settings settings = settings(split);
            WicEvaluation.Result whole = WicEvaluation.run(RUNNER, CLIP, settings, Progress.SILENT);
            WicEvaluation.Result merged = part(settings, 1, 3).merge(WicPartial.fromJson(part(settings, 0, 3).toJson()))
                    .merge(part(settings, 2, 3)).result();
            assertEquals(whole.pairs(), merged.pairs(), split);
            assertEquals(whole.trainPairs(), merged.trainPairs(), split);
            whole.choices().forEach((v, expected) -> {
                WicEvaluation.VariantResult actual = merged.choices().get(v);
                assertEquals(expected.chosenOnTrain(), actual.chosenOnTrain(), split + " " + v.label());
                assertEquals(expected.predictions(), actual.predictions(), split + " " + v.label());
                assertEquals(expected.accuracyOfTrainChoice(), actual.accuracyOfTrainChoice(), split + " " + v.label());
                for (int s = 0; s < expected.accuracyGrid().length; s++) {
                    assertArrayEquals(expected.accuracyGrid()[s], actual.accuracyGrid()[s], 0, split + " state " + s);
                }
            });
        }
    }

    @Test
    void missingAndDuplicatedPartsAreRefused() {
        WicEvaluation.Settings dev = settings("dev");
        TailsException e = assertThrows(TailsException.class, () -> part(dev, 0, 2).result());
        assertTrue(e.getMessage().contains("holds parts [0] of 0..1"), e.getMessage());
        e = assertThrows(TailsException.class, () -> part(dev, 1, 2).merge(part(dev, 1, 2)));
        assertTrue(e.getMessage().contains("part 1/2 is in both partials"), e.getMessage());
        e = assertThrows(TailsException.class, () -> part(dev, 0, 2).merge(part(settings("train"), 1, 2)));
        assertTrue(e.getMessage().contains("split 'dev' vs 'train'"), e.getMessage());
    }
}
