package dev.tails.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;
import dev.tails.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceTransformersFilesTest {
    private static final String MODULES = """
            [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
             {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
             {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]""";
    private static final String MEAN_POOLING = """
            {"word_embedding_dimension": 384, "pooling_mode_cls_token": false, "pooling_mode_mean_tokens": true,
             "pooling_mode_max_tokens": false, "pooling_mode_mean_sqrt_len_tokens": false}""";

    @TempDir
    Path dir;

    /** The files as sentence-transformers saves all-MiniLM-L6-v2's. */
    @Test
    void readsTheFilesSentenceTransformersWrites() throws IOException {
        files(MODULES, MEAN_POOLING, "{\"max_seq_length\": 256, \"do_lower_case\": false}");
        assertEquals(new SentenceConfig(Pooling.MEAN, true, 256, 384), SentenceTransformersFiles.read(dir));
    }

    @Test
    void withoutSentenceBertConfigTheModelsLimitApplies() throws IOException {
        files(MODULES, MEAN_POOLING, null);
        assertEquals(SentenceConfig.MODEL_LIMIT, SentenceTransformersFiles.read(dir).maxSeqLength());
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void writtenFilesReadBack(Pooling pooling) {
        for (boolean normalize : new boolean[] {true, false}) {
            Path folder = dir.resolve(pooling + "-" + normalize);
            SentenceConfig config = new SentenceConfig(pooling, normalize, 128, 16);
            SentenceTransformersFiles.write(folder, config);
            assertEquals(config, SentenceTransformersFiles.read(folder));
        }
    }

    /** What sentence-transformers itself needs to find in them (BGE: CLS pooling + Normalize). */
    @Test
    void writtenFilesHoldSentenceTransformersKeys() throws IOException {
        SentenceTransformersFiles.write(dir, new SentenceConfig(Pooling.CLS, true, 512, 384));
        JsonNode modules = Json.MAPPER.readTree(dir.resolve("modules.json").toFile());
        assertEquals(Json.MAPPER.readTree(MODULES), modules);
        JsonNode pooling = Json.MAPPER.readTree(dir.resolve("1_Pooling/config.json").toFile());
        assertEquals(384, pooling.get("word_embedding_dimension").asInt());
        assertTrue(pooling.get("pooling_mode_cls_token").asBoolean() && !pooling.get("pooling_mode_mean_tokens").asBoolean());
        assertEquals(512, Json.MAPPER.readTree(dir.resolve("sentence_bert_config.json").toFile()).get("max_seq_length").asInt());
        assertTrue(Files.isDirectory(dir.resolve("2_Normalize")));
    }

    @Test
    void badFilesAreRefusedNamingFileAndField() throws IOException {
        refused(MODULES.replace("Normalize", "Dense"), MEAN_POOLING, null, "modules.json", "Dense");
        refused("{\"a\": 1}", MEAN_POOLING, null, "modules.json", "list of modules");
        refused(MODULES.replace("\"1_Pooling\"", "\"../../outside\""), MEAN_POOLING, null, "modules.json", "leads out of");
        refused(MODULES.replace("\"type\": \"sentence_transformers.models.Pooling\"", "\"type\": 7"), MEAN_POOLING, null,
                "modules.json", "'type'");
        refused(MODULES, MEAN_POOLING.replace("\"pooling_mode_cls_token\": false", "\"pooling_mode_cls_token\": true"), null,
                "config.json", "exactly one of");
        refused(MODULES, MEAN_POOLING.replace("\"pooling_mode_mean_sqrt_len_tokens\": false", "\"pooling_mode_mean_sqrt_len_tokens\": true"),
                null, "config.json", "'pooling_mode_mean_sqrt_len_tokens' is not supported");
        refused(MODULES, MEAN_POOLING.replace("\"pooling_mode_max_tokens\": false", "\"pooling_mode_max_tokens\": \"no\""), null,
                "config.json", "'pooling_mode_max_tokens' must be true or false");
        refused(MODULES, MEAN_POOLING.replace("384", "-1"), null, "config.json", "'word_embedding_dimension'");
        refused(MODULES, MEAN_POOLING, "{\"max_seq_length\": \"long\"}", "sentence_bert_config.json", "'max_seq_length'");
        refused(MODULES, MEAN_POOLING, "{\"max_seq_length\": 256,}", "sentence_bert_config.json", "invalid JSON");
        refused(MODULES, "", null, "config.json", "empty");
        Files.delete(dir.resolve("modules.json"));
        TailsException e = assertThrows(TailsException.class, () -> SentenceTransformersFiles.read(dir));
        assertTrue(e.getMessage().contains("modules.json: not found"), e.getMessage());
    }

    private void refused(String modules, String pooling, String sentenceBert, String file, String rule) throws IOException {
        files(modules, pooling, sentenceBert);
        TailsException e = assertThrows(TailsException.class, () -> SentenceTransformersFiles.read(dir));
        assertTrue(e.getMessage().contains(file + ": ") && e.getMessage().contains(rule), e.getMessage());
    }

    private void files(String modules, String pooling, String sentenceBert) throws IOException {
        Files.writeString(dir.resolve("modules.json"), modules);
        Files.writeString(Files.createDirectories(dir.resolve("1_Pooling")).resolve("config.json"), pooling);
        Path bert = dir.resolve("sentence_bert_config.json");
        if (sentenceBert == null) {
            Files.deleteIfExists(bert);
        } else {
            Files.writeString(bert, sentenceBert);
        }
    }
}
