package dev.tails.model;

import dev.tails.io.Checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds checkpoint tensors to the encoder, under HF BertModel/RobertaModel/DistilBertModel/ElectraModel
 * names ({@link EncoderTensorNames}) with or without the family prefix ("bert.", "roberta." also for
 * XLM-R and CamemBERT, "distilbert.", "electra."), accepting legacy LayerNorm.gamma/beta names, and
 * checking every shape against config.json; and the masked-LM head when the checkpoint has one.
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
        int e = config.embeddingSize();
        EmbeddingWeights embeddings = new EmbeddingWeights(
                tensor(prefix + "embeddings.word_embeddings.weight", config.vocabSize(), e),
                tensor(prefix + "embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), e),
                config.typeVocabSize() == 0 ? null
                        : tensor(prefix + "embeddings.token_type_embeddings.weight", config.typeVocabSize(), e),
                layerNorm(prefix + "embeddings.LayerNorm", e),
                e == h ? null : linear(prefix + "embeddings_project", h, e));
        EncoderTensorNames names = EncoderTensorNames.of(config.family());
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < config.numLayers(); l++) {
            String p = prefix + names.layers() + "." + l + ".";
            layers.add(new LayerWeights(
                    linear(p + names.query(), h, h),
                    linear(p + names.key(), h, h),
                    linear(p + names.value(), h, h),
                    linear(p + names.attentionOutput(), h, h),
                    layerNorm(p + names.attentionNorm(), h),
                    linear(p + names.intermediate(), config.intermediateSize(), h),
                    linear(p + names.output(), h, config.intermediateSize()),
                    layerNorm(p + names.outputNorm(), h)));
        }
        LinearWeights pooler = checkpoint.contains(prefix + "pooler.dense.weight") ? linear(prefix + "pooler.dense", h, h) : null;
        return new EncoderWeights(embeddings, List.copyOf(layers), pooler);
    }

    /**
     * The masked-LM head (names of {@link MlmHeadFormat}, never prefixed: HF keeps it beside the
     * encoder). As HF's tie_word_embeddings: tied, the decoder is the word embedding table whatever
     * the file holds; untied, the file must have its own decoder weight.
     */
    MlmHeadLoad mlmHead(EmbeddingWeights embeddings) {
        MlmHeadFormat f = MlmHeadFormat.of(config.family());
        if (f == null) {
            return MlmHeadLoad.unsupported(config.family());
        }
        String bias = checkpoint.contains(f.bias()) ? f.bias() : f.decoder() + ".bias";
        List<String> required = new ArrayList<>(List.of(f.dense() + ".weight", f.dense() + ".bias",
                legacyName(f.layerNorm(), "weight", "gamma"), legacyName(f.layerNorm(), "bias", "beta"), bias));
        if (!config.tieWordEmbeddings()) {
            required.add(f.decoder() + ".weight");
        }
        for (String name : required) {
            if (!checkpoint.contains(name)) {
                return MlmHeadLoad.missing(name);
            }
        }
        int h = config.hiddenSize();
        int v = config.vocabSize();
        float[] decoder = config.tieWordEmbeddings() ? embeddings.word() : tensor(f.decoder() + ".weight", v, h);
        return new MlmHeadLoad(new MlmHeadWeights(f, linear(f.dense(), h, h), layerNorm(f.layerNorm(), h),
                new VocabProjection(decoder, tensor(bias, v), v, h)), null);
    }

    /** Tensors in the checkpoint the model does not use (an NSP head, a tied decoder's copy and the like). */
    Set<String> unusedTensors() {
        Set<String> unused = new TreeSet<>(checkpoint.names());
        unused.removeAll(used);
        return unused;
    }

    private LinearWeights linear(String name, int out, int in) {
        return new LinearWeights(tensor(name + ".weight", out, in), tensor(name + ".bias", out), out, in);
    }

    private LayerNormWeights layerNorm(String name, int width) {
        return new LayerNormWeights(
                tensor(legacyName(name, "weight", "gamma"), width),
                tensor(legacyName(name, "bias", "beta"), width),
                config.layerNormEps());
    }

    /** TF-converted checkpoints name LayerNorm parameters gamma/beta instead of weight/bias. */
    private String legacyName(String module, String current, String legacy) {
        String modern = module + "." + current;
        return checkpoint.contains(modern) || !checkpoint.contains(module + "." + legacy)
                ? modern : module + "." + legacy;
    }

    private float[] tensor(String name, int... shape) {
        used.add(name);
        return checkpoint.floats(name, shape).data();
    }
}
