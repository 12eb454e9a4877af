package dev.tails.tokenize;

import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Truncation, load errors and speed; the token-level behaviour is pinned by GoldenTokenizerTest. */
class TokenizerBehaviourTest {
    private static final Path ROOT = GoldenTokenizerTest.ROOT;

    @Test
    void truncatedKeepsTheClosingSpecialToken() {
        Encoding bert = Tokenizer.load(ROOT.resolve("bert-base-uncased/vocab")).encode("one two three four five");
        Encoding cut = bert.truncated(4);
        assertArrayEquals(new String[] {"[CLS]", "one", "two", "[SEP]"}, cut.tokens());
        assertArrayEquals(new int[] {1, 0, 0, 1}, cut.specialTokensMask());
        assertArrayEquals(new int[] {0, 0, 4, 0}, cut.offsetStarts());
        assertEquals(bert, bert.truncated(100));

        Encoding roberta = Tokenizer.load(ROOT.resolve("roberta-base/json")).encode("one two three four five");
        assertArrayEquals(new String[] {"<s>", "one", "</s>"}, roberta.truncated(3).tokens());
        assertThrows(TailsException.class, () -> roberta.truncated(0));
    }

    @Test
    void accessorsDescribeTheVocabulary() {
        Tokenizer bert = Tokenizer.load(ROOT.resolve("bert-base-uncased/json"));
        assertEquals("wordpiece", bert.family());
        assertEquals(0, bert.padId());
        assertEquals(30522, bert.vocabSize());
        Tokenizer roberta = Tokenizer.load(ROOT.resolve("roberta-base/vocab"));
        assertEquals("bpe", roberta.family());
        assertEquals(1, roberta.padId());
        assertEquals(50265, roberta.vocabSize());
    }

    @Test
    void folderWithoutTokenizerNamesWhatWasLookedFor(@TempDir Path dir) {
        TailsException e = assertThrows(TailsException.class, () -> Tokenizer.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("tokenizer.json") && e.getMessage().contains("vocab.txt")
                && e.getMessage().contains("merges.txt"), e.getMessage());
    }

    @Test
    void unsupportedComponentIsNamed(@TempDir Path dir) throws IOException {
        String json = Files.readString(ROOT.resolve("bert-base-cased/json/tokenizer.json"));
        Files.writeString(dir.resolve("tokenizer.json"),
                json.replace("\"type\":\"BertNormalizer\"", "\"type\":\"NFKC\"")
                        .replace("\"type\": \"BertNormalizer\"", "\"type\": \"NFKC\""));
        TailsException e = assertThrows(TailsException.class, () -> Tokenizer.load(dir));
        assertTrue(e.getMessage().contains("normalizer") && e.getMessage().contains("NFKC"), e.getMessage());
    }

    /** A hang guard, not a speed assertion (speed is JMH's job): a 5,000-char text must finish. */
    @Test
    void longTextsFinish() {
        String text = "The quick brown fox, naïve café owner, jumps over 13 lazy dogs! 😀 ".repeat(80);
        for (String route : new String[] {"bert-base-cased/vocab", "roberta-base/json"}) {
            Tokenizer tokenizer = Tokenizer.load(ROOT.resolve(route));
            Encoding e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> tokenizer.encode(text));
            assertTrue(e.length() > 1000, route + ": " + e.length() + " tokens");
        }
    }
}
