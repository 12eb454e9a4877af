package dev.tails.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.MlmFolders;
import dev.tails.TestFiles;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.Interventions;
import dev.tails.io.Json;
import dev.tails.model.MaskFill;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tails fill-mask` on tiny-bert with a head: texts from arguments and standard input, table and JSON
 * lines, errors; and on tiny-electra as a generator and as a discriminator.
 */
class FillMaskCommandTest {
    private final CliRunner.Session cli = new CliRunner.Session();

    @Test
    void readsStandardInputAndPrintsJsonLines(@TempDir Path dir) throws IOException {
        String model = MlmFolders.withHead("tiny-bert", dir).toString();
        int exit = cli.run("the [MASK] sat on the mat.\n\n", "fill-mask", "--model", model, "--top-k", "3", "--json",
                "-", "a [MASK] and a [MASK]");
        assertEquals(0, exit, cli.err());
        String[] lines = cli.out().strip().split("\n");
        assertEquals(2, lines.length, cli.out());
        JsonNode first = Json.MAPPER.readTree(lines[0]);
        assertEquals("the [MASK] sat on the mat.", first.get("text").asText());
        JsonNode fills = first.get("masks").get(0).get("fills");
        assertEquals(3, fills.size());
        for (String key : new String[] {"score", "token", "token_str", "sequence"}) {
            assertTrue(fills.get(0).has(key), key);
        }
        assertEquals(2, Json.MAPPER.readTree(lines[1]).get("masks").size());
    }

    @Test
    void printsATablePerMask(@TempDir Path dir) throws IOException {
        int exit = cli.run("", "fill-mask", "--model", MlmFolders.withHead("tiny-bert", dir).toString(), "the [MASK] sat.");
        assertEquals(0, exit, cli.err());
        assertTrue(cli.out().startsWith("the [MASK] sat.\n  mask 1 of 1 (token 2):\n     1. "), cli.out());
        assertEquals(7, cli.out().strip().split("\n").length, "text, mask line, 5 candidates");
    }

    @Test
    void zeroDimsActsOnThePredictionsAsTheLibraryCallWithTheSameIntervention(@TempDir Path dir) throws IOException {
        Path folder = MlmFolders.withHead("tiny-bert", dir);
        String text = "the [MASK] sat on the mat.";
        assertEquals(0, cli.run("", "fill-mask", "--model", folder.toString(), "--json", text), cli.err());
        JsonNode plain = Json.MAPPER.readTree(cli.out().strip());
        assertEquals(0, cli.run("", "fill-mask", "--model", folder.toString(), "--json", "--zero-dims", "*:3", text), cli.err());
        JsonNode zeroed = Json.MAPPER.readTree(cli.out().strip());
        assertNotEquals(plain.get("masks"), zeroed.get("masks"), "the intervention changes the scores");

        Model model = Model.load(folder);
        HookRegistry zero = new HookRegistry(model.config()).add("blocks.*.hook_normalized_resid_post", Interventions.zeroDims(3));
        MaskFill best = model.fillMask(List.of(text), 5, false, zero).getFirst().getFirst().fills().getFirst();
        JsonNode first = zeroed.get("masks").get(0).get("fills").get(0);
        assertEquals(best.token(), first.get("token").asInt());
        assertEquals(best.score(), first.get("score").asDouble());
    }

    @Test
    void badInputIsAnErrorNotAStackTrace(@TempDir Path dir) throws IOException {
        String model = MlmFolders.withHead("tiny-bert", dir).toString();
        assertEquals(1, cli.run("", "fill-mask", "--model", model, "no mask"));
        assertTrue(cli.err().startsWith("tails: no [MASK] token"), cli.err());
        assertEquals(2, cli.run("", "fill-mask", "--model", model, "--top-k", "0", "a [MASK]"));
        assertEquals(2, cli.run("", "fill-mask", "--model", model));
        assertEquals(1, cli.run("", "fill-mask", "--model", TestFiles.resource("models/tiny-bert").toString(), "a [MASK]"));
        assertTrue(cli.err().contains("no masked-LM head"), cli.err());
    }

    @Test
    void anElectraGeneratorFillsAndADiscriminatorIsRefusedSayingWhy(@TempDir Path dir) throws IOException {
        String generator = MlmFolders.withHead("tiny-electra", dir).toString();
        assertEquals(0, cli.run("", "fill-mask", "--model", generator, "--top-k", "3", "--json", "the [MASK] sat."), cli.err());
        assertEquals(3, Json.MAPPER.readTree(cli.out().strip()).get("masks").get(0).get("fills").size(), cli.out());
        assertEquals(1, cli.run("", "fill-mask", "--model", TestFiles.resource("models/tiny-electra").toString(), "a [MASK]"));
        assertTrue(cli.err().contains("'generator_predictions.dense.weight'") && cli.err().contains("discriminator"), cli.err());
    }
}
