package dev.tails.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which model_type values load as which family, and the config settings that change the maths and are refused. */
class ModelFamilyConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode config(String modelType) throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"model_type": "%s", "vocab_size": 30, "hidden_size": 8, "num_hidden_layers": 1,
                 "num_attention_heads": 2, "intermediate_size": 16, "max_position_embeddings": 20,
                 "type_vocab_size": 1}""".formatted(modelType));
    }

    @ParameterizedTest
    @CsvSource({"bert, BERT, 0, 1e-12, 20", "roberta, ROBERTA, 1, 1e-5, 18",
            "xlm-roberta, ROBERTA, 1, 1e-5, 18", "camembert, ROBERTA, 1, 1e-5, 18"})
    void modelTypesAndTheirDefaults(String type, ModelFamily family, int pad, float eps, int maxTokens) throws IOException {
        ModelConfig c = ModelConfig.parse(config(type), "config.json");
        assertEquals(family, c.family());
        assertEquals(pad, c.padTokenId());
        assertEquals(eps, c.layerNormEps());
        assertEquals(maxTokens, c.maxTokens());
    }

    @Test
    void unknownModelTypesAreNamed() {
        String m = assertThrows(TailsException.class, () -> ModelConfig.parse(config("deberta-v2"), "config.json")).getMessage();
        assertTrue(m.contains("deberta-v2") && m.contains("xlm-roberta"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"position_embedding_type\": \"relative_key\"", "\"position_embedding_type\": \"relative_key_query\"",
            "\"is_decoder\": true", "\"add_cross_attention\": true", "\"is_encoder_decoder\": true",
            "\"embedding_size\": 4", "\"hidden_act\": \"relu\""})
    void settingsThatChangeTheMathsAreRefusedByName(String setting) throws IOException {
        ObjectNode root = config("xlm-roberta");
        root.setAll((ObjectNode) JSON.readTree("{" + setting + "}"));
        String field = setting.substring(1, setting.indexOf('"', 1));
        String m = assertThrows(TailsException.class, () -> ModelConfig.parse(root, "config.json")).getMessage();
        assertTrue(m.contains(field), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"position_embedding_type\": \"absolute\"", "\"is_decoder\": false",
            "\"add_cross_attention\": false", "\"embedding_size\": 8", "\"embedding_size\": null",
            "\"position_embedding_type\": null"})
    void harmlessValuesOfThoseSettingsLoad(String setting) throws IOException {
        ObjectNode root = config("camembert");
        root.setAll((ObjectNode) JSON.readTree("{" + setting + "}"));
        assertEquals(ModelFamily.ROBERTA, ModelConfig.parse(root, "config.json").family());
    }

    private static ObjectNode distilBert() throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"model_type": "distilbert", "vocab_size": 30, "dim": 8, "n_layers": 1, "n_heads": 2,
                 "hidden_dim": 16, "max_position_embeddings": 20, "activation": "gelu",
                 "sinusoidal_pos_embds": false}""");
    }

    @Test
    void distilBertReadsItsOwnFieldNamesWithoutTokenTypes() throws IOException {
        ModelConfig c = ModelConfig.parse(distilBert(), "config.json");
        assertEquals(ModelFamily.DISTILBERT, c.family());
        assertEquals(List.of(30, 8, 1, 2, 16, 20, 0, 0, 8), List.of(c.vocabSize(), c.hiddenSize(), c.numLayers(),
                c.numHeads(), c.intermediateSize(), c.maxPositionEmbeddings(), c.typeVocabSize(), c.padTokenId(),
                c.embeddingSize()));
        assertEquals(1e-12f, c.layerNormEps());
        assertEquals(20, c.maxTokens());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"sinusoidal_pos_embds\": true", "\"activation\": \"relu\"", "\"dim\": 0",
            "\"n_heads\": 3", "\"is_decoder\": true", "\"hidden_dim\": null"})
    void distilBertSettingsThatChangeTheMathsAreRefusedByName(String setting) throws IOException {
        ObjectNode root = distilBert();
        root.setAll((ObjectNode) JSON.readTree("{" + setting + "}"));
        String field = setting.substring(1, setting.indexOf('"', 1));
        String m = assertThrows(TailsException.class, () -> ModelConfig.parse(root, "config.json")).getMessage();
        assertTrue(m.contains(field.equals("n_heads") ? "num_attention_heads" : field), m);
    }

    @ParameterizedTest
    @CsvSource({"'\"embedding_size\": 4', 4", "'\"embedding_size\": 8', 8", "'\"embedding_size\": null', 128", "'', 128"})
    void electraAloneMayHaveEmbeddingsNarrowerThanItsHiddenStates(String setting, int width) throws IOException {
        ObjectNode root = config("electra");
        root.setAll((ObjectNode) JSON.readTree("{" + setting + "}"));
        ModelConfig c = ModelConfig.parse(root, "config.json");
        assertEquals(ModelFamily.ELECTRA, c.family());
        assertEquals(width, c.embeddingSize());
        assertEquals(8, c.hiddenSize());
    }
}
