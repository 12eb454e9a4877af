package dev.tails.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The architecture numbers of one model, read from a Hugging Face config.json.
 *
 * @param family BERT, RoBERTa, ... (model_type)
 * @param vocabSize vocab_size
 * @param hiddenSize hidden_size, H
 * @param numLayers num_hidden_layers, L
 * @param numHeads num_attention_heads
 * @param intermediateSize intermediate_size, I (the FFN's neurons)
 * @param maxPositionEmbeddings max_position_embeddings
 * @param typeVocabSize type_vocab_size; 0 when the family has no token-type table (DistilBERT), so type ids are ignored
 * @param layerNormEps layer_norm_eps
 * @param activation hidden_act
 * @param padTokenId pad_token_id
 * @param tieWordEmbeddings whether the masked-LM decoder is the word embedding table (HF's
 *        tie_word_embeddings, default true)
 * @param embeddingSize the width of the embedding tables and their LayerNorm; only ELECTRA's may differ from
 *        hiddenSize, and then a projection brings hidden state 0 to hiddenSize
 */
public record ModelConfig(
        ModelFamily family,
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        int maxPositionEmbeddings,
        int typeVocabSize,
        float layerNormEps,
        Activation activation,
        int padTokenId,
        boolean tieWordEmbeddings,
        int embeddingSize) {

    /** HF's ElectraConfig default for embedding_size. */
    private static final int ELECTRA_EMBEDDING_SIZE = 128;

    /**
     * A config whose embeddings are as wide as the hidden states (every family but ELECTRA's small models).
     *
     * @param family BERT, RoBERTa, ... (model_type)
     * @param vocabSize vocab_size
     * @param hiddenSize hidden_size, H, also the embeddings' width
     * @param numLayers num_hidden_layers, L
     * @param numHeads num_attention_heads
     * @param intermediateSize intermediate_size, I
     * @param maxPositionEmbeddings max_position_embeddings
     * @param typeVocabSize type_vocab_size (0: no token-type table)
     * @param layerNormEps layer_norm_eps
     * @param activation hidden_act
     * @param padTokenId pad_token_id
     * @param tieWordEmbeddings whether the masked-LM decoder is the word embedding table
     */
    public ModelConfig(ModelFamily family, int vocabSize, int hiddenSize, int numLayers, int numHeads,
                       int intermediateSize, int maxPositionEmbeddings, int typeVocabSize, float layerNormEps,
                       Activation activation, int padTokenId, boolean tieWordEmbeddings) {
        this(family, vocabSize, hiddenSize, numLayers, numHeads, intermediateSize, maxPositionEmbeddings,
                typeVocabSize, layerNormEps, activation, padTokenId, tieWordEmbeddings, hiddenSize);
    }

    /** Checks that the heads split H evenly. */
    public ModelConfig {
        if (hiddenSize % numHeads != 0) {
            throw new TailsException("config: hidden_size " + hiddenSize
                    + " is not a multiple of num_attention_heads " + numHeads);
        }
    }

    /** {@return H / heads, the width of one head} */
    public int headDim() {
        return hiddenSize / numHeads;
    }

    /**
     * Longest sequence the position table allows. RoBERTa's ids start at padding_idx + 1, so its
     * 514 position embeddings hold 512 tokens.
     *
     * @return the most tokens a sequence may have
     */
    public int maxTokens() {
        return family == ModelFamily.ROBERTA ? maxPositionEmbeddings - padTokenId - 1 : maxPositionEmbeddings;
    }

    /**
     * FLOP of one forward over batch × seq tokens: 2 × weights of every Linear per token, plus Q·Kᵀ
     * and P·V (2 × 2 × T² × H per layer and sequence), plus the pooler's one row.
     *
     * @param batch sequences
     * @param seq tokens per sequence
     * @return floating-point operations
     */
    public double forwardFlops(int batch, int seq) {
        long h = hiddenSize, ffn = intermediateSize;
        double linear = (4 * h * h + 2 * h * ffn) * numLayers;
        double attention = 4.0 * seq * seq * h * numLayers;
        return batch * (2 * linear * seq + attention + 2.0 * h * h);
    }

    /**
     * {@return this config with another FFN activation}
     *
     * @param newActivation the activation to run instead
     */
    public ModelConfig withActivation(Activation newActivation) {
        return new ModelConfig(family, vocabSize, hiddenSize, numLayers, numHeads, intermediateSize,
                maxPositionEmbeddings, typeVocabSize, layerNormEps, newActivation, padTokenId, tieWordEmbeddings,
                embeddingSize);
    }

    /**
     * Reads a model folder's config.json.
     *
     * @param modelDir the folder
     * @return its config
     * @throws dev.tails.TailsException when the file is missing, malformed, or asks for what is not implemented
     */
    public static ModelConfig load(Path modelDir) {
        Path file = modelDir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new TailsException(file + ": config.json not found in model folder " + modelDir);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new TailsException(file + ": invalid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new TailsException(file + ": expected a JSON object");
        }
        return parse(root, file.toString());
    }

    static ModelConfig parse(JsonNode root, String where) {
        ModelFamily family = ModelFamily.fromModelType(text(root, "model_type", where), where);
        refuseUnimplemented(root, family, where);
        if (family == ModelFamily.DISTILBERT) {
            return DistilBertConfig.parse(root, where);
        }
        int hidden = positive(root, "hidden_size", where);
        int pad = root.has("pad_token_id") ? positiveOrZero(root, "pad_token_id", where)
                : (family == ModelFamily.ROBERTA ? 1 : 0);
        return new ModelConfig(
                family,
                positive(root, "vocab_size", where),
                hidden,
                positive(root, "num_hidden_layers", where),
                positive(root, "num_attention_heads", where),
                positive(root, "intermediate_size", where),
                positive(root, "max_position_embeddings", where),
                positive(root, "type_vocab_size", where),
                (float) number(root, "layer_norm_eps", where, family == ModelFamily.ROBERTA ? 1e-5 : 1e-12),
                Activation.fromHiddenAct(root.has("hidden_act") ? text(root, "hidden_act", where) : "gelu", where),
                pad,
                bool(root, "tie_word_embeddings", where, true),
                family == ModelFamily.ELECTRA ? electraEmbeddingSize(root, where) : hidden);
    }

    private static int electraEmbeddingSize(JsonNode root, String where) {
        JsonNode n = root.get("embedding_size");
        return n == null || n.isNull() ? ELECTRA_EMBEDDING_SIZE : positive(root, "embedding_size", where);
    }

    /**
     * Settings that change the maths of HF's BertModel/RobertaModel and that the encoder does not
     * implement: refused by name rather than silently computing another model. ELECTRA alone has the
     * embedding projection that embedding_size != hidden_size asks for.
     */
    private static void refuseUnimplemented(JsonNode root, ModelFamily family, String where) {
        JsonNode positions = root.get("position_embedding_type");
        if (positions != null && !positions.isNull() && !"absolute".equals(positions.asText(null))) {
            throw new TailsException(where + ": position_embedding_type " + positions
                    + " is not supported (only \"absolute\" position embeddings are implemented)");
        }
        for (String flag : new String[] {"is_decoder", "add_cross_attention", "is_encoder_decoder"}) {
            refuseIfTrue(root, flag, where, "tails runs the bidirectional encoder only");
        }
        JsonNode embeddingSize = root.get("embedding_size");
        if (family != ModelFamily.ELECTRA && embeddingSize != null && !embeddingSize.isNull()
                && !embeddingSize.equals(root.get("hidden_size"))) {
            throw new TailsException(where + ": embedding_size " + embeddingSize + " differs from hidden_size "
                    + root.get("hidden_size") + " (a factorized embedding projection is not implemented)");
        }
    }

    /** Refuses a flag that is set (anything but absent, null or false), naming it and why. */
    static void refuseIfTrue(JsonNode root, String flag, String where, String why) {
        JsonNode n = root.get(flag);
        if (n != null && !n.isNull() && (!n.isBoolean() || n.asBoolean())) {
            throw new TailsException(where + ": " + flag + " " + n + " is not supported (" + why + ")");
        }
    }

    static String text(JsonNode root, String key, String where) {
        JsonNode n = root.get(key);
        if (n == null || !n.isTextual()) {
            throw new TailsException(where + ": '" + key + "' must be a string");
        }
        return n.asText();
    }

    static boolean bool(JsonNode root, String key, String where, boolean fallback) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw new TailsException(where + ": '" + key + "' must be true or false, got " + n);
        }
        return n.asBoolean();
    }

    static int positive(JsonNode root, String key, String where) {
        int v = positiveOrZero(root, key, where);
        if (v == 0) {
            throw new TailsException(where + ": '" + key + "' must be positive, got 0");
        }
        return v;
    }

    static int positiveOrZero(JsonNode root, String key, String where) {
        JsonNode n = root.get(key);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
            throw new TailsException(where + ": '" + key + "' must be a non-negative integer, got " + n);
        }
        return n.asInt();
    }

    private static double number(JsonNode root, String key, String where, double fallback) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        // 1e400 parses as infinity, which would turn every LayerNorm into NaN
        if (!n.isNumber() || !(n.asDouble() > 0) || !Float.isFinite((float) n.asDouble())) {
            throw new TailsException(where + ": '" + key + "' must be a positive finite number, got " + n);
        }
        return n.asDouble();
    }
}
