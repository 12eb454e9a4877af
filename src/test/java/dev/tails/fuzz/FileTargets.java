package dev.tails.fuzz;

import dev.tails.model.Pooling;
import dev.tails.model.SentenceConfig;
import dev.tails.model.SentenceTransformersFiles;
import dev.tails.io.Checkpoint;
import dev.tails.io.DType;
import dev.tails.io.SafetensorsFile;
import dev.tails.io.SafetensorsWriter;
import dev.tails.io.onnx.OnnxBert;
import dev.tails.io.tf.TensorBundle;
import dev.tails.model.ModelConfig;
import dev.tails.tokenize.Tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file formats tails reads from strangers, each read as far as a user of the library would. */
final class FileTargets {
    private FileTargets() {
    }

    /** A safetensors file of arbitrary bytes: open it, then read every tensor it claims to hold. */
    static FuzzTarget safetensors() {
        return new FileTarget("safetensors", scratchFolder("safetensors").resolve("fuzzed.safetensors"), file -> {
            try (SafetensorsFile opened = SafetensorsFile.open(file)) {
                for (String name : opened.names()) {
                    DType dtype = opened.info(name).dtype();
                    // one refused tensor must not stop the others being tried
                    Hostile.mayOnlyRefuse(() -> {
                        if (dtype == DType.I64 || dtype == DType.I32) {
                            opened.longs(name);
                        } else {
                            opened.floats(name);
                        }
                    });
                }
            }
        });
    }

    /** A fuzzed index beside two honest shards and a link out of the folder: open, read every tensor listed. */
    static FuzzTarget shardIndex() {
        Path root = scratchFolder("shard-index");
        Path folder = root.resolve("model");
        try {
            Files.createDirectories(folder);
            new SafetensorsWriter().putF32("a", new int[] {2}, new float[] {1, 2}).putI64("ids", new int[] {1}, new long[] {7})
                    .write(folder.resolve("model-00001-of-00002.safetensors"));
            new SafetensorsWriter().putF32("b", new int[] {1, 1}, new float[] {3})
                    .write(folder.resolve("model-00002-of-00002.safetensors"));
            Path outside = root.resolve("outside.safetensors");
            new SafetensorsWriter().putF32("secret", new int[] {1}, new float[] {9}).write(outside);
            Files.createSymbolicLink(folder.resolve("link.safetensors"), outside);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FileTarget("shard-index", folder.resolve("model.safetensors.index.json"), file -> {
            try (Checkpoint checkpoint = Checkpoint.open(file.getParent())) {
                for (String name : checkpoint.names()) {
                    Hostile.mayOnlyRefuse(() -> checkpoint.floats(name));
                }
            }
        });
    }

    /** A fuzzed variables.index beside a 64-byte data shard: open the bundle, read every tensor. */
    static FuzzTarget tfIndex() {
        Path variables = scratchFolder("tf-index").resolve("variables");
        try {
            Files.createDirectories(variables);
            byte[] data = new byte[64];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 37);
            }
            Files.write(variables.resolve("variables.data-00000-of-00001"), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FileTarget("tf-index", variables.resolve("variables.index"), file -> {
            try (TensorBundle bundle = TensorBundle.open(file)) {
                for (String name : bundle.names()) {
                    Hostile.mayOnlyRefuse(() -> bundle.floats(name));
                }
            }
        });
    }

    /** A fuzzed config.json: load it, and use the numbers a model derives from it. */
    static FuzzTarget configJson() {
        return new FileTarget("config-json", scratchFolder("config-json").resolve("config.json"), file -> {
            ModelConfig config = ModelConfig.load(file.getParent());
            config.headDim();
            config.maxTokens();
        });
    }

    /** A fuzzed tokenizer.json: load the folder's tokenizer and encode a text and a pair. */
    static FuzzTarget tokenizerJson() {
        return new FileTarget("tokenizer-json", scratchFolder("tokenizer-json").resolve("tokenizer.json"), file -> {
            Tokenizer tokenizer = Tokenizer.load(file.getParent());
            tokenizer.encode("Hello, world! unaffable café");
            tokenizer.encodePair("[CLS] a <mask> b", "ünïcödé 東京");
        });
    }

    /** A fuzzed ONNX file: read the graph and walk it for a BERT encoder, as convert-onnx does before writing. */
    static FuzzTarget onnx() {
        return new FileTarget("onnx", scratchFolder("onnx").resolve("model.onnx"), file -> {
            OnnxBert bert = OnnxBert.read(file);
            bert.dims().encoderTensors("", false);
        });
    }

    /**
     * One fuzzed sentence-transformers file ({@code fuzzed}: modules.json, 1_Pooling/config.json or
     * sentence_bert_config.json) beside honest copies of the other two (all-MiniLM-L6-v2's); read the folder.
     */
    static FuzzTarget sentenceTransformers(String name, String fuzzed) {
        Path folder = scratchFolder(name);
        SentenceTransformersFiles.write(folder, new SentenceConfig(Pooling.MEAN, true, 256, 384));
        return new FileTarget(name, folder.resolve(fuzzed), file -> SentenceTransformersFiles.read(folder));
    }

    /** A fresh folder per target; each run overwrites the one file in it that is fuzzed. */
    private static Path scratchFolder(String target) {
        try {
            Path dir = Files.createTempDirectory("tails-fuzz-" + target + "-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
