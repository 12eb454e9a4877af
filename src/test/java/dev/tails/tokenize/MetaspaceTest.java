package dev.tails.tokenize;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** HF's Metaspace pre-tokenizer: words and their original spans (cases of HF's own metaspace.rs tests). */
class MetaspaceTest {
    private static List<String> words(Metaspace m, String text, boolean first) {
        List<String> out = new ArrayList<>();
        m.words(NormalizedText.of(text, 0, text.length()), first,
                (t, a, b) -> out.add(t.substring(a, b) + "@" + t.start(a) + "-" + t.end(b - 1)));
        return out;
    }

    @Test
    void spacesStartWordsAndThePrefixTakesTheFirstCharactersSpan() {
        Metaspace always = new Metaspace('▁', Metaspace.Prepend.ALWAYS, true);
        assertEquals(List.of("▁Hey@0-3", "▁friend!@3-11"), words(always, "Hey friend!", true));
        assertEquals(List.of("▁Hey@0-3", "▁@3-4", "▁@4-5", "▁friend!@5-13"), words(always, "Hey   friend!", true));
        assertEquals(List.of("▁Hey@0-4"), words(always, " Hey", true));
        assertEquals(List.of(), words(always, "", true));
    }

    @Test
    void prependSchemesAndSplit() {
        assertEquals(List.of("Hey@0-3", "▁you@3-7"), words(new Metaspace('▁', Metaspace.Prepend.FIRST, true), "Hey you", false));
        assertEquals(List.of("▁Hey@0-3", "▁you@3-7"), words(new Metaspace('▁', Metaspace.Prepend.FIRST, true), "Hey you", true));
        assertEquals(List.of("Hey@0-3", "▁you@3-7"), words(new Metaspace('▁', Metaspace.Prepend.NEVER, true), "Hey you", true));
        assertEquals(List.of("▁Hey▁you@0-7"), words(new Metaspace('▁', Metaspace.Prepend.ALWAYS, false), "Hey you", true));
    }
}
