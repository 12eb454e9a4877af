package dev.tails.model;

import dev.tails.io.Checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds checkpoint tensors to the encoder, under HF BertModel/RobertaModel names with or without the
 * family prefix ("bert.", "roberta." also for XLM-R and CamemBERT), accepting legacy LayerNorm.gamma/beta names, and checking
 * every shape against config.json.
 */
final class WeightLoader {
    private final Checkpoint checkpoint;
    private final ModelConfig config;
    private final String prefix;
    private final Set<String> used = new TreeSet<>();

    WeightLoader(Checkpoint checkpoint, ModelConfig config) {
        this.checkpoint = checkpoint;
        this.config = config;
        String familyPrefix = config.family().tensorPrefix() + ".";
        this.prefix = checkpoint.contains(familyPrefix + "embeddings.word_embeddings.weight") ? familyPrefix : "";
    }

    EncoderWeights load() {
        int h = config.hiddenSize();
        EmbeddingWeights embeddings = new EmbeddingWeights(
                tensor("embeddings.word_embeddings.weight", config.vocabSize(), h),
                tensor("embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h),
                tensor("embeddings.token_type_embeddings.weight", config.typeVocabSize(), h),
                layerNorm("embeddings.LayerNorm"));
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < config.numLayers(); l++) {
            String p = "encoder.layer." + l + ".";
            layers.add(new LayerWeights(
                    linear(p + "attention.self.query", h, h),
                    linear(p + "attention.self.key", h, h),
                    linear(p + "attention.self.value", h, h),
                    linear(p + "attention.output.dense", h, h),
                    layerNorm(p + "attention.output.LayerNorm"),
                    linear(p + "intermediate.dense", config.intermediateSize(), h),
                    linear(p + "output.dense", h, config.intermediateSize()),
                    layerNorm(p + "output.LayerNorm")));
        }
        LinearWeights pooler = checkpoint.contains(prefix + "pooler.dense.weight") ? linear("pooler.dense", h, h) : null;
        return new EncoderWeights(embeddings, List.copyOf(layers), pooler);
    }

    /** Tensors in the checkpoint the encoder does not use (masked-LM/NSP heads and the like). */
    Set<String> unusedTensors() {
        Set<String> unused = new TreeSet<>(checkpoint.names());
        unused.removeAll(used);
        return unused;
    }

    private LinearWeights linear(String name, int out, int in) {
        return new LinearWeights(tensor(name + ".weight", out, in), tensor(name + ".bias", out), out, in);
    }

    private LayerNormWeights layerNorm(String name) {
        int h = config.hiddenSize();
        return new LayerNormWeights(
                tensor(legacyName(name, "weight", "gamma"), h),
                tensor(legacyName(name, "bias", "beta"), h),
                config.layerNormEps());
    }

    /** TF-converted checkpoints name LayerNorm parameters gamma/beta instead of weight/bias. */
    private String legacyName(String module, String current, String legacy) {
        String modern = module + "." + current;
        return checkpoint.contains(prefix + modern) || !checkpoint.contains(prefix + module + "." + legacy)
                ? modern : module + "." + legacy;
    }

    private float[] tensor(String name, int... shape) {
        String full = prefix + name;
        used.add(full);
        return checkpoint.floats(full, shape).data();
    }
}
