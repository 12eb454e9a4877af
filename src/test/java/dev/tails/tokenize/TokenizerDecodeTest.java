package dev.tails.tokenize;

import dev.tails.TailsException;
import dev.tails.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * decode and token against what Hugging Face's tokenizers + transformers' decode give for the same
 * ids (bert-base-uncased's vocabulary in tiny-bert, roberta-base's in tiny-roberta).
 */
class TokenizerDecodeTest {
    private static final Tokenizer BERT = Tokenizer.load(TestFiles.resource("models/tiny-bert"));
    private static final Tokenizer ROBERTA = Tokenizer.load(TestFiles.resource("models/tiny-roberta"));

    @Test
    void wordPieceJoinsPiecesDropsSpecialsAndCleansUpSpaces() {
        int[] ids = BERT.encode("The capital of France is [MASK].").ids();
        assertEquals("the capital of france is.", BERT.decode(ids));
        assertEquals("[CLS] the capital of france is [MASK]. [SEP]", BERT.decode(ids, false));
        assertEquals("i don't think it's unaffable, do you?", BERT.decode(BERT.encode("I don't think it's unaffable, do you?").ids()));
        assertEquals("##s", BERT.decode(new int[] {2015}, false), "a lone piece keeps its ##");
        assertEquals("cats", BERT.decode(new int[] {4937, 2015}), "a piece joins the token before");
    }

    @Test
    void byteLevelBytesComeBackAsTheText() {
        String text = "Hello world, café 😀 我爱";
        assertEquals(text, ROBERTA.decode(ROBERTA.encode(text).ids()));
        assertEquals("<s>The capital is<mask>.</s>", ROBERTA.decode(ROBERTA.encode("The capital is <mask>.").ids(), false));
    }

    @Test
    void idsAndTokensOfTheRealVocabularies() {
        assertEquals(103, BERT.maskId());
        assertEquals("[MASK]", BERT.token(103));
        assertEquals("##s", BERT.token(2015));
        assertEquals(50264, ROBERTA.maskId());
        assertEquals("<mask>", ROBERTA.token(50264));
        assertEquals("ĠParis", ROBERTA.token(2201));
        assertEquals(" Paris", ROBERTA.decode(new int[] {2201}, false));
    }

    @Test
    void unknownIdsAreRefusedByName() {
        TailsException e = assertThrows(TailsException.class, () -> BERT.decode(new int[] {101, 30522}));
        assertTrue(e.getMessage().contains("30522"), e.getMessage());
        assertThrows(TailsException.class, () -> BERT.token(-1));
    }

    @Test
    void tokenizerConfigCanTurnTheCleanUpOff(@TempDir Path dir) throws IOException {
        Path source = TestFiles.resource("models/tiny-bert");
        Files.copy(source.resolve("vocab.txt"), dir.resolve("vocab.txt"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": true, \"clean_up_tokenization_spaces\": false}");
        Tokenizer raw = Tokenizer.load(dir);
        assertEquals("the capital of france is .", raw.decode(raw.encode("The capital of France is [MASK].").ids()));
    }
}
