package dev.tails.io.hub;

import dev.tails.TestFiles;
import dev.tails.io.DType;
import dev.tails.io.SafetensorsFile;
import dev.tails.io.SafetensorsWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The repos the fake Hub serves: tiny-bert as a sentence-transformers repo, and tiny-bert in two shards. */
final class TestRepos {
    static final String TINY = "tails-test/tiny-bert";
    static final String TINY_COMMIT = "4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61";
    static final String SHARDED = "tails-test/tiny-bert-sharded";
    static final String SHARDED_COMMIT = "9a8b7c6d5e4f30211203948576afbecd13572468";
    static final String SHARD_1 = "model-00001-of-00002.safetensors";
    static final String SHARD_2 = "model-00002-of-00002.safetensors";

    private TestRepos() {
    }

    /**
     * tiny-bert's files plus what a sentence-transformers repo holds, and files tails must not take:
     * a README, a pickle, and the folder of a Dense module (weights, not settings).
     */
    static Map<String, byte[]> tinyBert() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(".gitattributes", text("*.safetensors filter=lfs diff=lfs merge=lfs -text\n"));
        files.put("README.md", text("# tiny-bert\nA test model.\n"));
        files.put("pytorch_model.bin", text("not a pickle, and never fetched"));
        for (String name : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "vocab.txt")) {
            files.put(name, read(TestFiles.resource("models/tiny-bert").resolve(name)));
        }
        files.put("special_tokens_map.json", text("{\"cls_token\": \"[CLS]\", \"mask_token\": \"[MASK]\", \"pad_token\": \"[PAD]\","
                + " \"sep_token\": \"[SEP]\", \"unk_token\": \"[UNK]\"}"));
        files.put("modules.json", text("[{\"idx\": 0, \"name\": \"0\", \"path\": \"\", \"type\": \"sentence_transformers.models.Transformer\"},"
                + " {\"idx\": 1, \"name\": \"1\", \"path\": \"1_Pooling\", \"type\": \"sentence_transformers.models.Pooling\"},"
                + " {\"idx\": 2, \"name\": \"2\", \"path\": \"2_Dense\", \"type\": \"sentence_transformers.models.Dense\"},"
                + " {\"idx\": 3, \"name\": \"3\", \"path\": \"3_Normalize\", \"type\": \"sentence_transformers.models.Normalize\"}]"));
        files.put("sentence_bert_config.json", text("{\"max_seq_length\": 128, \"do_lower_case\": false}"));
        files.put("1_Pooling/config.json", text("{\"word_embedding_dimension\": 32, \"pooling_mode_cls_token\": false,"
                + " \"pooling_mode_mean_tokens\": true, \"pooling_mode_max_tokens\": false}"));
        files.put("2_Dense/config.json", text("{\"in_features\": 32, \"out_features\": 16}"));
        files.put("2_Dense/pytorch_model.bin", text("dense weights as a pickle, never fetched"));
        files.put("3_Normalize/config.json", text("{}"));
        return files;
    }

    /** tiny-bert's tensors split over two shards (first half of the names, the rest) with their index. */
    static Map<String, byte[]> shardedTinyBert(Path scratch) {
        try (SafetensorsFile single = SafetensorsFile.open(TestFiles.resource("models/tiny-bert/model.safetensors"))) {
            List<String> names = List.copyOf(single.names());
            SafetensorsWriter first = new SafetensorsWriter();
            SafetensorsWriter second = new SafetensorsWriter();
            StringBuilder weightMap = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                boolean inFirst = i < names.size() / 2;
                SafetensorsWriter shard = inFirst ? first : second;
                if (single.info(name).dtype() == DType.I64) {
                    shard.putI64(name, single.info(name).shape(), single.longs(name));
                } else {
                    shard.putF32(name, single.floats(name));
                }
                weightMap.append(weightMap.isEmpty() ? "" : ", ").append('"').append(name).append("\": \"")
                        .append(inFirst ? SHARD_1 : SHARD_2).append('"');
            }
            first.write(scratch.resolve(SHARD_1));
            second.write(scratch.resolve(SHARD_2));
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (String name : List.of("config.json", "vocab.txt", "tokenizer_config.json")) {
                files.put(name, read(TestFiles.resource("models/tiny-bert").resolve(name)));
            }
            files.put("model.safetensors.index.json", text("{\"metadata\": {\"total_size\": 0}, \"weight_map\": {" + weightMap + "}}"));
            files.put(SHARD_1, read(scratch.resolve(SHARD_1)));
            files.put(SHARD_2, read(scratch.resolve(SHARD_2)));
            return files;
        }
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
