package dev.tails.io;

import dev.tails.TailsException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The sizes of a BERT encoder, as read off its weight shapes, and the Hugging Face tensors
 * (names and shapes) such an encoder must have.
 */
public record BertDims(int vocabSize, int hidden, int layers, int heads, int intermediate,
                       int maxPositions, int typeVocabSize) {

    public BertDims {
        if (heads <= 0 || hidden % heads != 0) {
            throw new TailsException("BERT config: " + heads + " attention heads do not divide hidden size " + hidden);
        }
    }

    /** Every tensor of HF's {@code BertModel} (with the {@code bert.} prefix), in model order. */
    public SequencedMap<String, int[]> encoderTensors() {
        return encoderTensors("bert.", true);
    }

    /**
     * The encoder's tensors under {@code prefix} ("" as sentence-transformers saves them), with or
     * without the pooler (ONNX exports of sentence encoders have none).
     */
    public SequencedMap<String, int[]> encoderTensors(String prefix, boolean pooler) {
        SequencedMap<String, int[]> t = new LinkedHashMap<>();
        t.put(prefix + "embeddings.word_embeddings.weight", new int[] {vocabSize, hidden});
        t.put(prefix + "embeddings.position_embeddings.weight", new int[] {maxPositions, hidden});
        t.put(prefix + "embeddings.token_type_embeddings.weight", new int[] {typeVocabSize, hidden});
        layerNorm(t, prefix + "embeddings.LayerNorm");
        for (int l = 0; l < layers; l++) {
            String p = prefix + "encoder.layer." + l + ".";
            for (String qkv : new String[] {"query", "key", "value"}) {
                linear(t, p + "attention.self." + qkv, hidden, hidden);
            }
            linear(t, p + "attention.output.dense", hidden, hidden);
            layerNorm(t, p + "attention.output.LayerNorm");
            linear(t, p + "intermediate.dense", intermediate, hidden);
            linear(t, p + "output.dense", hidden, intermediate);
            layerNorm(t, p + "output.LayerNorm");
        }
        if (pooler) {
            linear(t, prefix + "pooler.dense", hidden, hidden);
        }
        return t;
    }

    /** The masked-LM head HF's BertForMaskedLM adds (its decoder weight is tied to the word embeddings). */
    public SequencedMap<String, int[]> maskedLmTensors() {
        SequencedMap<String, int[]> t = new LinkedHashMap<>();
        linear(t, "cls.predictions.transform.dense", hidden, hidden);
        layerNorm(t, "cls.predictions.transform.LayerNorm");
        t.put("cls.predictions.bias", new int[] {vocabSize});
        return t;
    }

    /** config.json as Hugging Face writes it for BERT (erf GELU, eps 1e-12, as Google trained). */
    public Map<String, Object> hfConfig(boolean maskedLmHead) {
        return hfConfig(maskedLmHead ? "BertForMaskedLM" : "BertModel", "gelu", 1e-12);
    }

    /** config.json for a BERT whose activation ("gelu" or "gelu_new") and LayerNorm eps were read off its graph. */
    public Map<String, Object> hfConfig(String architecture, String hiddenAct, double layerNormEps) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", new String[] {architecture});
        c.put("model_type", "bert");
        c.put("vocab_size", vocabSize);
        c.put("hidden_size", hidden);
        c.put("num_hidden_layers", layers);
        c.put("num_attention_heads", heads);
        c.put("intermediate_size", intermediate);
        c.put("hidden_act", hiddenAct);
        c.put("hidden_dropout_prob", 0.1);
        c.put("attention_probs_dropout_prob", 0.1);
        c.put("max_position_embeddings", maxPositions);
        c.put("type_vocab_size", typeVocabSize);
        c.put("initializer_range", 0.02);
        c.put("layer_norm_eps", layerNormEps);
        c.put("pad_token_id", 0);
        c.put("position_embedding_type", "absolute");
        c.put("torch_dtype", "float32");
        return c;
    }

    private static void linear(Map<String, int[]> t, String prefix, int out, int in) {
        t.put(prefix + ".weight", new int[] {out, in});
        t.put(prefix + ".bias", new int[] {out});
    }

    private void layerNorm(Map<String, int[]> t, String prefix) {
        t.put(prefix + ".weight", new int[] {hidden});
        t.put(prefix + ".bias", new int[] {hidden});
    }
}
