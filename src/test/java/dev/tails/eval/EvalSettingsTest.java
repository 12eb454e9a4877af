package dev.tails.eval;

import dev.tails.TailsException;
import dev.tails.corpus.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Settings refuse what cannot run before any model is loaded, in the library's words (no command-line option names). */
class EvalSettingsTest {
    private static final EvalSettings COMMON = new EvalSettings(EnumSet.of(Variant.RAW), 0, 1);
    private static final Path DATA = Path.of("data");

    private static void assertRefused(String expected, Executable settings) {
        String message = assertThrows(TailsException.class, settings).getMessage();
        assertEquals(expected, message);
        assertFalse(message.contains("--"), message);
    }

    @Test
    void badSettingsAreRefusedInTheLibrarysWords() {
        assertRefused("limit must be 0 (all) or more, got -1", () -> new EvalSettings(EnumSet.of(Variant.RAW), -1, 1));
        assertRefused("no variant to evaluate (raw, clipped-after, clipped-in-graph)", () -> new EvalSettings(Set.of(), 0, 1));
        assertRefused("split must be train, dev or test, not 'val'", () -> new WicEvaluation.Settings(COMMON, DATA, "val", 0));
        assertRefused("unknown STS set 'sts17' (sts12, sts13, sts14, sts15, sts16, sts-b, sick-r)",
                () -> new StsEvaluation.Settings(COMMON, DATA, List.of("sts-b", "sts17"), false));
        assertRefused("task must be sst2 or sst5, not 'sst3'", () -> new SstProbeEvaluation.Settings(COMMON, DATA, "sst3", "dev", 1));
        assertRefused("evaluation split must be dev or test, not 'train'",
                () -> new SstProbeEvaluation.Settings(COMMON, DATA, "sst2", "train", 1));
        assertRefused("epochs must be at least 1, got 0", () -> new SstProbeEvaluation.Settings(COMMON, DATA, "sst2", "dev", 0));
    }
}
