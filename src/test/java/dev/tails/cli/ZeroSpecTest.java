package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.TinyModels;
import dev.tails.hook.HookRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The --zero-* option parser: syntax here, ranges when attached to a model's registry. */
class ZeroSpecTest {

    @Test
    void parsesLayersStarAndEmbeddings() {
        ZeroSpec s = ZeroSpec.parse(ZeroSpec.Kind.NEURONS, "1:3,17");
        assertEquals(1, s.layer());
        assertArrayEquals(new int[] {3, 17}, s.indices());
        assertEquals("blocks.1.mlp.hook_post", s.hookName());
        assertEquals("blocks.*.hook_normalized_resid_post", ZeroSpec.parse(ZeroSpec.Kind.DIMS, "*:557").hookName());
        assertEquals("hook_full_embed", ZeroSpec.parse(ZeroSpec.Kind.DIMS, "E:5").hookName());
        assertEquals("blocks.0.attn.hook_z", ZeroSpec.parse(ZeroSpec.Kind.HEADS, " 0 : 2 ").hookName());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DIMS    | 3        | no ':'",
            "DIMS    | 3:       | no indices",
            "DIMS    | :3       | layer ''",
            "DIMS    | x:1      | layer 'x'",
            "DIMS    | 1:2,,3   | index ''",
            "DIMS    | 1:-2     | index '-2'",
            "DIMS    | 1:2:3    | index '2:3'",
            "NEURONS | E:1      | --zero-dims only",
            "HEADS   | 0:99999999999 | too large"})
    void badSyntaxNamesOptionValueAndRule(ZeroSpec.Kind kind, String value, String rule) {
        TailsException e = assertThrows(TailsException.class, () -> ZeroSpec.parse(kind, value));
        assertTrue(e.getMessage().startsWith(kind.option() + " '" + value + "'") && e.getMessage().contains(rule), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DIMS    | 0:32  | dim 32",
            "DIMS    | E:40  | dim 40",
            "NEURONS | *:64  | neuron 64",
            "HEADS   | 0:4   | head 4",
            "HEADS   | 3:0   | blocks 0..2"})
    void outOfRangeFailsWhenAttached(ZeroSpec.Kind kind, String value, String rule) {
        HookRegistry hooks = new HookRegistry(TinyModels.tinyBert().config());
        ZeroSpec spec = ZeroSpec.parse(kind, value);
        TailsException e = assertThrows(TailsException.class, () -> spec.attachTo(hooks));
        assertTrue(e.getMessage().startsWith(kind.option() + " '" + value + "'") && e.getMessage().contains(rule), e.getMessage());
    }
}
