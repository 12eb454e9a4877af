package dev.tails.model;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.io.Checkpoint;
import dev.tails.io.hub.HubClient;
import dev.tails.tokenize.Encoding;
import dev.tails.tokenize.Tokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A loaded model folder (config.json, safetensors weights, tokenizer files): text in, hidden states
 * out, and masked-LM predictions when the checkpoint has the head. Thread-safe: one instance serves
 * many threads.
 */
public final class Model {
    /** Texts per forward of {@link #embed(List)}: sentence-transformers' default batch size. */
    public static final int EMBED_BATCH = 32;

    private final Path folder;
    private final ModelConfig config;
    private final Tokenizer tokenizer;
    private final EncoderWeights weights;
    private final Encoder encoder;
    private final MlmHeadLoad mlmHead;
    private final Set<String> unusedTensors;

    private Model(Path folder, ModelConfig config, Tokenizer tokenizer, EncoderWeights weights, MlmHeadLoad mlmHead,
                  Set<String> unusedTensors) {
        this.folder = folder;
        this.config = config;
        this.tokenizer = tokenizer;
        this.weights = weights;
        this.encoder = new Encoder(config, weights);
        this.mlmHead = mlmHead;
        this.unusedTensors = unusedTensors;
    }

    /**
     * Loads a model folder: config.json, model.safetensors (or a sharded index), the tokenizer files.
     *
     * @param folder the folder
     * @return the model
     * @throws dev.tails.TailsException naming the file at fault
     */
    public static Model load(Path folder) {
        return load(folder, ModelConfig.load(folder));
    }

    /**
     * A model folder, or a Hugging Face Hub id {@code ORG/NAME[@REVISION]}: downloaded into the
     * Hugging Face cache (HF_TOKEN, HF_ENDPOINT, HF_HUB_CACHE, HF_HUB_OFFLINE apply) unless it is there.
     *
     * @param idOrPath a folder path, or {@code ORG/NAME[@REVISION]}
     * @return the model
     */
    public static Model fromPretrained(String idOrPath) {
        return load(HubClient.folderOrSnapshot(idOrPath, Progress.SILENT));
    }

    /**
     * Loads the folder with a config of the caller's (e.g. another activation than config.json names).
     *
     * @param folder the folder
     * @param config the config to run it with
     * @return the model
     */
    public static Model load(Path folder, ModelConfig config) {
        Tokenizer tokenizer = Tokenizer.load(folder);
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            WeightLoader loader = new WeightLoader(checkpoint, config);
            EncoderWeights weights = loader.load();
            MlmHeadLoad mlmHead = loader.mlmHead(weights.embeddings());
            return new Model(folder, config, tokenizer, weights, mlmHead, loader.unusedTensors());
        }
    }

    /**
     * The same weights (shared, not copied) run with another activation.
     *
     * @param activation the FFN activation
     * @return the model with it
     */
    public Model withActivation(Activation activation) {
        return new Model(folder, config.withActivation(activation), tokenizer, weights, mlmHead, unusedTensors);
    }

    /**
     * The same tokenizer, config and masked-LM head run on other encoder weights, e.g. a copy with a few
     * LayerNorm parameters edited; this model is left as it is.
     *
     * @param edited weights of this model's shapes (the caller keeps them so; tensors may be shared with this model)
     * @return the model with them
     * @throws dev.tails.TailsException when the number of layers differs from the config's
     */
    public Model withWeights(EncoderWeights edited) {
        if (edited.layers().size() != config.numLayers()) {
            throw new TailsException("withWeights: " + edited.layers().size() + " layers given, the model has "
                    + config.numLayers());
        }
        return new Model(folder, config, tokenizer, edited, mlmHead, unusedTensors);
    }

    /** {@return the folder it was loaded from} */
    public Path folder() {
        return folder;
    }

    /** {@return its architecture numbers} */
    public ModelConfig config() {
        return config;
    }

    /** {@return the tokenizer of its folder} */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** {@return the encoder the forward runs} */
    public Encoder encoder() {
        return encoder;
    }

    /**
     * The loaded tensors (shared arrays: copy before editing), e.g. to build an edited {@link Encoder}.
     *
     * @return the weights
     */
    public EncoderWeights weights() {
        return weights;
    }

    /**
     * Checkpoint tensors the model ignores, such as an NSP head or the copy of a tied decoder weight.
     *
     * @return their names
     */
    public Set<String> unusedTensors() {
        return unusedTensors;
    }

    /**
     * Tokenizes one text.
     *
     * @param text the text
     * @param truncate whether a text over the model's limit keeps its first tokens (else the batch refuses it)
     * @return its encoding, special tokens included
     */
    public Encoding encode(String text, boolean truncate) {
        Encoding e = tokenizer.encode(text);
        return truncate && e.length() > config.maxTokens() ? e.truncated(config.maxTokens()) : e;
    }

    /**
     * Tokenizes texts into one padded batch.
     *
     * @param texts the texts
     * @param truncate whether a text over the model's limit is cut (else it is an error)
     * @return the batch
     */
    public Batch batch(List<String> texts, boolean truncate) {
        List<Encoding> encodings = new ArrayList<>(texts.size());
        for (String text : texts) {
            encodings.add(encode(text, truncate));
        }
        return Batch.of(encodings, config);
    }

    /**
     * The encoder's forward; it goes on through the masked-LM head when a hook listens there (hook_mlm_*).
     *
     * @param batch the batch
     * @param hooks the hooks of this call, {@link ForwardHooks#NONE} for none
     * @return every hidden state
     */
    public EncoderOutput forward(Batch batch, ForwardHooks hooks) {
        boolean headHooked = hooks.active(HookPoint.MLM_TRANSFORM, 0) || hooks.active(HookPoint.MLM_LOGITS, 0);
        return headHooked ? mlmLogits(batch, hooks).encoder() : encoder.forward(batch, hooks);
    }

    /**
     * Tokenizes the texts (no truncation) and runs them without hooks.
     *
     * @param texts the texts
     * @return every hidden state
     */
    public EncoderOutput forward(List<String> texts) {
        return encoder.forward(batch(texts, false), ForwardHooks.NONE);
    }

    /**
     * How this folder's texts become sentence embeddings: the sentence-transformers files when the
     * folder has them (modules.json, 1_Pooling/config.json, sentence_bert_config.json), else what
     * sentence-transformers does with a plain folder (mean pooling, no normalization, the model's limit).
     *
     * @return the setting {@link #embed(List)} uses
     * @throws dev.tails.TailsException naming a sentence-transformers file that is malformed or asks for
     *         what is not supported (Dense modules, other poolings)
     */
    public SentenceConfig sentenceConfig() {
        return SentenceConfig.of(folder, config);
    }

    /**
     * Sentence embeddings as sentence-transformers' {@code encode} computes them with the folder's own
     * setting ({@link #sentenceConfig()}), in batches of {@value #EMBED_BATCH} texts.
     *
     * @param texts the texts (each cut to max_seq_length)
     * @return one vector per text, in the order given: float[texts][hidden]
     */
    public float[][] embed(List<String> texts) {
        return embed(texts, sentenceConfig(), EMBED_BATCH, ForwardHooks.NONE);
    }

    /**
     * Sentence embeddings with a pooling of the caller's; texts are still cut at the folder's
     * max_seq_length when it has one.
     *
     * @param texts the texts
     * @param pooling how the last hidden state's token vectors become one ([CLS] and [SEP] count)
     * @param normalize whether each vector is scaled to unit length
     * @return one vector per text, in the order given: float[texts][hidden]
     */
    public float[][] embed(List<String> texts, Pooling pooling, boolean normalize) {
        return embed(texts, sentenceConfig().with(pooling, normalize), EMBED_BATCH, ForwardHooks.NONE);
    }

    /**
     * Sentence embeddings, every choice the caller's: texts sorted by token count into batches (little
     * padding), each batch's forward keeping only the last hidden state, which is pooled per text.
     *
     * @param texts the texts
     * @param sentence pooling, normalization and cut (e.g. {@link #sentenceConfig()} or {@link SentenceConfig#meanOf})
     * @param batchSize texts per forward
     * @param hooks interventions that act in every forward ({@link ForwardHooks#NONE} for none)
     * @return one vector per text, in the order given: float[texts][hidden]
     * @throws dev.tails.TailsException when the setting's dimension is not the hidden size, or the batch size is below 1
     */
    public float[][] embed(List<String> texts, SentenceConfig sentence, int batchSize, ForwardHooks hooks) {
        return new EmbedPass(this, sentence, batchSize, hooks).run(texts);
    }

    /** {@return whether the checkpoint has a masked-LM head, so {@link #mlmLogits} and {@link #fillMask} work} */
    public boolean hasMlmHead() {
        return mlmHead.present();
    }

    /**
     * The forward pass through the masked-LM head: logits [B*T, vocab]. Hooks see the encoder's
     * points and then hook_mlm_transform and hook_mlm_logits. Fails, naming the missing tensor,
     * before any computation when the checkpoint has no head.
     *
     * @param batch the batch
     * @param hooks the hooks of this call
     * @return the hidden states and the logits
     */
    public MaskedLmOutput mlmLogits(Batch batch, ForwardHooks hooks) {
        MlmHead head = new MlmHead(config, requireMlmHead());
        EncoderOutput out = encoder.forward(batch, hooks);
        float[] logits = head.forward(out.lastState(), batch, hooks);
        return new MaskedLmOutput(out, logits, config.vocabSize());
    }

    /**
     * transformers' fill-mask pipeline.
     *
     * @param text a text with one or more mask tokens
     * @param k how many fills per mask
     * @return the k most likely tokens at each mask token, in text order
     */
    public List<MaskPredictions> fillMask(String text, int k) {
        return fillMask(List.of(text), k, false).getFirst();
    }

    /**
     * {@link #fillMask(String, int)} for several texts in one padded batch.
     *
     * @param texts the texts
     * @param k how many fills per mask
     * @param truncate as {@link #batch}
     * @return per text, its masks' predictions
     */
    public List<List<MaskPredictions>> fillMask(List<String> texts, int k, boolean truncate) {
        return fillMask(texts, k, truncate, ForwardHooks.NONE);
    }

    /**
     * {@link #fillMask(List, int, boolean)} with hooks acting in the forward, e.g. interventions whose
     * effect on the predictions is to be seen.
     *
     * @param texts the texts
     * @param k how many fills per mask
     * @param truncate as {@link #batch}
     * @param hooks the hooks of this call
     * @return per text, its masks' predictions
     */
    public List<List<MaskPredictions>> fillMask(List<String> texts, int k, boolean truncate, ForwardHooks hooks) {
        requireMlmHead();
        return new FillMask(this, k, truncate).run(texts, hooks);
    }

    private MlmHeadWeights requireMlmHead() {
        return mlmHead.require("model " + folder);
    }
}
