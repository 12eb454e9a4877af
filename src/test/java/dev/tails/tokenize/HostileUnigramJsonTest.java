package dev.tails.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unigram tokenizer.json files that ask for what tails does not do, or lie: refused naming the field. */
class HostileUnigramJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ObjectNode seed() throws IOException {
        return (ObjectNode) JSON.readTree(TestFiles.resource("fuzz/tokenizer-json/seeds/unigram.json").toFile());
    }

    private String refusal(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = seed();
        edit.accept(root);
        Files.writeString(dir.resolve("tokenizer.json"), JSON.writeValueAsString(root));
        String m = assertThrows(TailsException.class, () -> Tokenizer.load(dir)).getMessage();
        assertTrue(m.contains(dir.resolve("tokenizer.json").toString()), m);
        return m;
    }

    private static ObjectNode model(ObjectNode root) {
        return (ObjectNode) root.get("model");
    }

    private static ObjectNode step(ObjectNode root, int i) {
        return (ObjectNode) root.get("normalizer").get("normalizers").get(i);
    }

    @Test
    void theSeedLoadsAndEncodes() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), JSON.writeValueAsString(seed()));
        Tokenizer t = Tokenizer.load(dir);
        assertEquals("unigram", t.family());
        assertEquals(1, t.padId());
        Encoding e = t.encode("the ﬁne cat");
        assertEquals(List.of("<s>", "▁", "t", "h", "e", "▁fin", "e", "▁cat", "</s>"), List.of(e.tokens()));
        assertEquals(3, e.offsetStarts()[5]);  // "▁fin": the space, ﬁ (which became "fi") and n
        assertEquals(6, e.offsetEnds()[5]);
    }

    @Test
    void unsupportedComponentsAreNamed() throws IOException {
        assertTrue(refusal(r -> r.set("normalizer", JSON.createObjectNode().put("type", "NFKC"))).contains("NFKC"));
        assertTrue(refusal(r -> r.set("pre_tokenizer", JSON.createObjectNode().put("type", "Whitespace"))).contains("Whitespace"));
        assertTrue(refusal(r -> ((ObjectNode) r.get("pre_tokenizer")).put("prepend_scheme", "sometimes")).contains("prepend_scheme"));
        assertTrue(refusal(r -> ((ObjectNode) r.get("pre_tokenizer")).put("replacement", "ab")).contains("replacement"));
        assertTrue(refusal(r -> step(r, 2).set("pattern", JSON.createObjectNode().put("Regex", "("))).contains("Regex"));
        assertTrue(refusal(r -> step(r, 1).remove("strip_left")).contains("strip_left"));
    }

    @Test
    void aSentencePieceModelFileAloneIsNamed() throws IOException {
        Files.write(dir.resolve("sentencepiece.bpe.model"), new byte[] {1, 2, 3});
        String m = assertThrows(TailsException.class, () -> Tokenizer.load(dir)).getMessage();
        assertTrue(m.contains("sentencepiece.bpe.model") && m.contains("tokenizer.json"), m);
    }

    @Test
    void modelFieldsAreChecked() throws IOException {
        assertTrue(refusal(r -> model(r).remove("unk_id")).contains("unk_id"));
        assertTrue(refusal(r -> model(r).put("unk_id", 999)).contains("unk_id"));
        assertTrue(refusal(r -> ((ArrayNode) model(r).get("vocab")).add(JSON.createArrayNode().add("x"))).contains("vocab entry"));
        assertTrue(refusal(r -> model(r).set("vocab", JSON.createArrayNode())).contains("model.vocab"));
    }

    @Test
    void lyingCharsmapsAreRefusedAtLoad() throws IOException {
        assertTrue(refusal(r -> step(r, 0).put("precompiled_charsmap", "!!!")).contains("base64"));
        assertTrue(refusal(r -> step(r, 0).put("precompiled_charsmap", charsmap(1 << 20, new int[] {0}, new byte[0])))
                .contains("trie size"));
        // the root's offset sends the first byte outside the two units there are
        assertTrue(refusal(r -> step(r, 0).put("precompiled_charsmap", charsmap(8, new int[] {5 << 10, 0}, new byte[0])))
                .contains("outside"));
        // the edge 'a' from the root (unit 97: label 'a', leaf, offset 1) leads to node 96, whose
        // unit holds the replacement's byte offset: 7, past the 2-byte replacement table
        int[] units = new int[256];
        units['a'] = 'a' | 1 << 8 | 1 << 10;
        units['a' ^ 1] = 7;
        assertTrue(refusal(r -> step(r, 0).put("precompiled_charsmap", charsmap(units.length * 4, units, new byte[] {'b', 0})))
                .contains("byte 7"));
        units['a' ^ 1] = 0;
        Files.writeString(dir.resolve("tokenizer.json"), JSON.writeValueAsString(withCharsmap(charsmap(units.length * 4, units, new byte[] {'b', 0}))));
        // with value 0 the same trie maps a -> b; b is unknown to the seed's vocabulary, c is not
        assertEquals(List.of("<s>", "▁", "bb", "c", "</s>"), List.of(Tokenizer.load(dir).encode("abc").tokens()));
    }

    private ObjectNode withCharsmap(String charsmap) throws IOException {
        ObjectNode root = seed();
        step(root, 0).put("precompiled_charsmap", charsmap);
        return root;
    }

    private static String charsmap(int trieBytes, int[] units, byte[] blob) {
        ByteBuffer b = ByteBuffer.allocate(4 + units.length * 4 + blob.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(trieBytes);
        for (int u : units) {
            b.putInt(u);
        }
        b.put(blob);
        return Base64.getEncoder().encodeToString(b.array());
    }
}
