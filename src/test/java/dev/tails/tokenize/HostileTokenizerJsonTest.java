package dev.tails.tokenize;

import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crafted tokenizer.json and vocab files that lie: each is refused with a TailsException naming file and rule. */
class HostileTokenizerJsonTest {
    private static final String WORDPIECE = """
            {"normalizer": {"type": "BertNormalizer"}, "pre_tokenizer": {"type": "BertPreTokenizer"},
             "post_processor": {"type": "BertProcessing", "cls": ["[CLS]", 2], "sep": ["[SEP]", 3]},
             "model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": VOCAB}}""";

    @TempDir
    Path dir;

    private String refusal(String tokenizerJson) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson);
        String m = assertThrows(TailsException.class, () -> Tokenizer.load(dir)).getMessage();
        assertTrue(m.contains(dir.resolve("tokenizer.json").toString()), m);
        return m;
    }

    private String vocabRefusal(String vocab) throws IOException {
        return refusal(WORDPIECE.replace("VOCAB", vocab));
    }

    @Test
    void theHonestFixtureLoads() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"),
                WORDPIECE.replace("VOCAB", "{\"[PAD]\": 0, \"[UNK]\": 1, \"[CLS]\": 2, \"[SEP]\": 3, \"hi\": 4}"));
        assertTrue(Tokenizer.load(dir).encode("hi").ids().length == 3);
    }

    @Test
    void hugeVocabularyIdIsRefusedBeforeAllocating() throws IOException {
        String m = vocabRefusal("{\"[PAD]\": 0, \"[UNK]\": 2000000000}");
        assertTrue(m.contains("[UNK]") && m.contains("2000000000"), m);
        m = vocabRefusal("{\"[PAD]\": 0, \"[UNK]\": 2147483647}");
        assertTrue(m.contains("2147483647"), m);
    }

    @Test
    void vocabularyIdsMustBeIntegers() throws IOException {
        String m = vocabRefusal("{\"[PAD]\": 0, \"[UNK]\": \"one\"}");
        assertTrue(m.contains("[UNK]") && m.contains("integer"), m);
        m = vocabRefusal("{\"[PAD]\": 0, \"[UNK]\": 1e400}");
        assertTrue(m.contains("integer"), m);
        m = vocabRefusal("{\"[PAD]\": 0, \"[UNK]\": 99999999999999999999999}");
        assertTrue(m.contains("integer"), m);
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() throws IOException {
        String m = refusal("[".repeat(200_000));
        assertTrue(m.contains("nesting") || m.contains("depth"), m);
    }

    @Test
    void hugeNumbersAndStringsAreRefused() throws IOException {
        String m = refusal("{\"version\": " + "9".repeat(100_000) + "}");
        assertTrue(m.contains("Number") || m.contains("number"), m);
    }
}
