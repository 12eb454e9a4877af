package dev.tails.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.text.Normalizer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SentencePiece's compiled rules read from tokenizer.json and applied with original spans kept. */
class PrecompiledTest {
    private static Precompiled charsmap(String resource) throws IOException {
        JsonNode root = new ObjectMapper().readTree(TestFiles.resource(resource).toFile());
        return new Precompiled(root.path("normalizer").path("normalizers").path(0).path("precompiled_charsmap").asText(), resource);
    }

    private static String spans(Precompiled p, String text) {
        NormalizedText n = p.normalize(NormalizedText.of(text, 0, text.length()));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.size(); i++) {
            sb.append(i > 0 ? " " : "").appendCodePoint(n.cp(i)).append('@').append(n.start(i)).append('-').append(n.end(i));
        }
        return sb.toString();
    }

    /** The rules scripts/goldens/unigram_fuzz_seed.py compiled into the seed with sentencepiece. */
    @Test
    void handWrittenRulesApplyWithTheSpanOfWhatTheyRead() throws IOException {
        Precompiled p = charsmap("fuzz/tokenizer-json/seeds/unigram.json");
        assertEquals("x@0-1 f@1-2 i@1-2 y@2-3", spans(p, "xﬁy"));
        assertEquals("A@0-1", spans(p, "Ａ"));
        assertEquals("é@0-2 e@2-3", spans(p, "e\u0301e"));        // the longer rule wins over none for "e"
        assertEquals(" @0-1 a@1-2 b@3-4", spans(p, "\ta\u200Bb"));  // tab -> space, zero width space deleted
        assertEquals("V@0-1 I@0-1 I@0-1 I@0-1", spans(p, "Ⅷ"));
        assertEquals("😀@0-2 \uFFFD@2-3", spans(p, "😀\uD800"));     // a lone surrogate is U+FFFD, as in UTF-8
    }

    /** Where nmt_nfkc is plain NFKC (compatibility forms, ligatures, NFD letters), Java's NFKC must agree. */
    @Test
    void nmtNfkcAgreesWithNfkcOnCompatibilityCharacters() throws IOException {
        Precompiled p = charsmap("tokenizers/xlmr-unigram/json/tokenizer.json");
        IntStream ranges = IntStream.concat(IntStream.concat(IntStream.rangeClosed(0xFF01, 0xFF5D), IntStream.rangeClosed(0xFB00, 0xFB06)),
                IntStream.concat(IntStream.rangeClosed(0x2460, 0x2473), IntStream.rangeClosed(0x2160, 0x217F)));
        ranges.forEach(cp -> {
            String s = Character.toString(cp);
            assertEquals(Normalizer.normalize(s, Normalizer.Form.NFKC), p.normalize(NormalizedText.of(s, 0, s.length())).toString(),
                    String.format("U+%04X", cp));
        });
        for (String composed : new String[] {"é", "ñ", "Å", "ö", "ç", "Ấ"}) {
            String nfd = Normalizer.normalize(composed, Normalizer.Form.NFD);
            assertEquals(composed, p.normalize(NormalizedText.of(nfd, 0, nfd.length())).toString(), nfd);
        }
    }
}
