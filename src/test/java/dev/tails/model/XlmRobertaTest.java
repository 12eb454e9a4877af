package dev.tails.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.TestFiles;
import dev.tails.io.SafetensorsFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static dev.tails.model.GoldenAssert.assertClose;
import static dev.tails.model.GoldenAssert.toInts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * model_type xlm-roberta end to end: text through tails' SentencePiece tokenizer and the RoBERTa
 * encoder, against token ids from sentencepiece and hidden states from PyTorch (scripts/goldens/).
 */
class XlmRobertaTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void loadsAsRobertaWithItsPositionIds() {
        Model model = Model.load(TestFiles.resource("models/tiny-xlm-roberta"));
        assertEquals(ModelFamily.ROBERTA, model.config().family());
        assertEquals(1, model.config().padTokenId());
        assertEquals(512, model.config().maxTokens());
        assertEquals("unigram", model.tokenizer().family());
    }

    @Test
    void decodeUndoesTheMetaspaceAsHfDoes() {
        var tokenizer = Model.load(TestFiles.resource("models/tiny-xlm-roberta")).tokenizer();
        // sentencepiece's pieces glue back on '▁', the prepended space is dropped, specials are skipped
        for (String text : List.of("The bank raised its rates.", "un café à Paris", "a  b")) {
            String normalized = text.replaceAll(" +", " ");
            assertEquals(normalized, tokenizer.decode(tokenizer.encode(text).ids(), true), text);
        }
    }

    @Test
    void textToHiddenStatesMatchesTheGoldens() throws IOException {
        Model model = Model.load(TestFiles.resource("models/tiny-xlm-roberta"));
        ObjectMapper json = new ObjectMapper();
        for (String set : List.of("visible", "multilingual")) {
            List<String> lines = Files.readAllLines(TestFiles.resource("tokenizers/xlmr-unigram/" + set + ".jsonl"));
            try (SafetensorsFile golden = SafetensorsFile.open(TestFiles.resource("golden/tiny-xlm-roberta/" + set + ".safetensors"))) {
                for (int i = 0; i < lines.size(); i++) {
                    JsonNode line = json.readTree(lines.get(i));
                    EncoderOutput out = model.forward(List.of(line.get("text").asText()));
                    String key = "s" + i + ".";
                    assertArrayEquals(toInts(golden.longs(key + "input_ids")), out.batch().inputIds(0), set + " " + key + "ids");
                    assertClose(golden.floats(key + "hidden").data(), out.allHidden(0), TOLERANCE, set + " " + key + "hidden");
                    assertClose(golden.floats(key + "pooled").data(), out.pooled(0), TOLERANCE, set + " " + key + "pooled");
                }
            }
        }
    }
}
