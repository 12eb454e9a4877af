package dev.tails.model;

import dev.tails.io.Checkpoint;
import dev.tails.kernel.PackedLinear;
import dev.tails.kernel.PanelMemory;
import dev.tails.kernel.PanelSlab;
import dev.tails.kernel.Panels;
import dev.tails.kernel.Parallel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
    private final Set<String> used = Collections.synchronizedSet(new HashSet<>());
    /** Set while {@link #load} packs the encoder; the masked-LM head's dense layer gets memory of its own. */
    private PanelSlab slab;

    WeightLoader(Checkpoint checkpoint, ModelConfig config) {
        this.checkpoint = checkpoint;
        this.config = config;
        String familyPrefix = config.family().tensorPrefix() + ".";
        this.prefix = checkpoint.contains(familyPrefix + "embeddings.word_embeddings.weight") ? familyPrefix : "";
    }

    EncoderWeights load() {
        slab = encoderSlab();
        try {
            return loadEncoder();
        } finally {
            slab = null;
        }
    }

    /** One block of native memory for the encoder's Linear weights (see {@link PanelSlab}). */
    private PanelSlab encoderSlab() {
        int h = config.hiddenSize(), e = config.embeddingSize(), i = config.intermediateSize();
        long floats = config.numLayers() * (4 * Panels.floats(h, h) + Panels.floats(i, h) + Panels.floats(h, i))
                + (e == h ? 0 : Panels.floats(h, e)) + (hasPooler() ? Panels.floats(h, h) : 0);
        return new PanelSlab(floats);
    }

    private boolean hasPooler() {
        return checkpoint.contains(prefix + "pooler.dense.weight");
    }

    private EncoderWeights loadEncoder() {
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
        // Layers are independent: packing them on every core halves the load on two.
        LayerWeights[] layers = new LayerWeights[config.numLayers()];
        RuntimeException[] failures = new RuntimeException[layers.length];
        Parallel.forRange(layers.length, l -> {
            try {
                layers[l] = layer(names, prefix + names.layers() + "." + l + ".");
            } catch (RuntimeException bad) {
                failures[l] = bad;
            }
        });
        for (RuntimeException failure : failures) { // the lowest bad layer's error, whichever thread met one first
            if (failure != null) {
                throw failure;
            }
        }
        LinearWeights pooler = hasPooler() ? linear(prefix + "pooler.dense", h, h) : null;
        return new EncoderWeights(embeddings, List.of(layers), pooler);
    }

    private LayerWeights layer(EncoderTensorNames names, String p) {
        int h = config.hiddenSize();
        return new LayerWeights(
                linear(p + names.query(), h, h),
                linear(p + names.key(), h, h),
                linear(p + names.value(), h, h),
                linear(p + names.attentionOutput(), h, h),
                layerNorm(p + names.attentionNorm(), h),
                linear(p + names.intermediate(), config.intermediateSize(), h),
                linear(p + names.output(), h, config.intermediateSize()),
                layerNorm(p + names.outputNorm(), h));
    }

    /**
     * The masked-LM head (names of {@link MlmHeadFormat}, never prefixed: HF keeps it beside the
     * encoder), mapping the hidden size back to the embedding width. As HF's tie_word_embeddings:
     * tied, the decoder is the word embedding table whatever the file holds; untied, the file must
     * have its own decoder weight.
     */
    MlmHeadLoad mlmHead(EmbeddingWeights embeddings) {
        MlmHeadFormat f = MlmHeadFormat.of(config.family());
        String bias = checkpoint.contains(f.bias()) ? f.bias() : f.decoder() + ".bias";
        List<String> required = new ArrayList<>(List.of(f.dense() + ".weight", f.dense() + ".bias",
                legacyName(f.layerNorm(), "weight", "gamma"), legacyName(f.layerNorm(), "bias", "beta"), bias));
        if (!config.tieWordEmbeddings()) {
            required.add(f.decoder() + ".weight");
        }
        for (String name : required) {
            if (!checkpoint.contains(name)) {
                return MlmHeadLoad.missing(name, f);
            }
        }
        int h = config.hiddenSize();
        int e = config.embeddingSize();
        int v = config.vocabSize();
        float[] decoder = config.tieWordEmbeddings() ? embeddings.word() : tensor(f.decoder() + ".weight", v, e);
        return new MlmHeadLoad(new MlmHeadWeights(f, linear(f.dense(), e, h), layerNorm(f.layerNorm(), e),
                new VocabProjection(decoder, tensor(bias, v), v, e)), null);
    }

    /** Tensors in the checkpoint the model does not use (an NSP head, a tied decoder's copy and the like). */
    Set<String> unusedTensors() {
        Set<String> unused = new TreeSet<>(checkpoint.names());
        unused.removeAll(used);
        return unused;
    }

    /**
     * Packed straight from the mapping, a panel's rows at a time (the [out, in] copy is never made),
     * into the encoder's slab while it loads.
     */
    private LinearWeights linear(String name, int out, int in) {
        String weight = name + ".weight";
        checkpoint.requireShape(weight, out, in);
        used.add(weight);
        Panels.RowReader rows = (row, count, dst) -> checkpoint.readFloats(weight, (long) row * in, dst, 0, count * in);
        Panels packed = Panels.ofRows(rows, out, in, slab == null ? PanelMemory.OWN : slab);
        return new LinearWeights(new PackedLinear(packed, tensor(name + ".bias", out)));
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
