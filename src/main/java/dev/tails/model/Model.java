package dev.tails.model;

import dev.tails.Progress;
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
 * out. Thread-safe: one instance serves many threads.
 */
public final class Model {
    private final Path folder;
    private final ModelConfig config;
    private final Tokenizer tokenizer;
    private final EncoderWeights weights;
    private final Encoder encoder;
    private final Set<String> unusedTensors;

    private Model(Path folder, ModelConfig config, Tokenizer tokenizer, EncoderWeights weights, Set<String> unusedTensors) {
        this.folder = folder;
        this.config = config;
        this.tokenizer = tokenizer;
        this.weights = weights;
        this.encoder = new Encoder(config, weights);
        this.unusedTensors = unusedTensors;
    }

    public static Model load(Path folder) {
        return load(folder, ModelConfig.load(folder));
    }

    /**
     * A model folder, or a Hugging Face Hub id {@code ORG/NAME[@REVISION]}: downloaded into the
     * Hugging Face cache (HF_TOKEN, HF_ENDPOINT, HF_HUB_CACHE, HF_HUB_OFFLINE apply) unless it is there.
     */
    public static Model fromPretrained(String idOrPath) {
        return load(HubClient.folderOrSnapshot(idOrPath, Progress.SILENT));
    }

    /** Loads the folder with a config of the caller's (e.g. another activation than config.json names). */
    public static Model load(Path folder, ModelConfig config) {
        Tokenizer tokenizer = Tokenizer.load(folder);
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            WeightLoader loader = new WeightLoader(checkpoint, config);
            return new Model(folder, config, tokenizer, loader.load(), loader.unusedTensors());
        }
    }

    /** The same weights (shared, not copied) run with another activation. */
    public Model withActivation(Activation activation) {
        return new Model(folder, config.withActivation(activation), tokenizer, weights, unusedTensors);
    }

    public Path folder() {
        return folder;
    }

    public ModelConfig config() {
        return config;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Encoder encoder() {
        return encoder;
    }

    /** The loaded tensors (shared arrays: copy before editing), e.g. to build an edited {@link Encoder}. */
    public EncoderWeights weights() {
        return weights;
    }

    /** Checkpoint tensors the encoder ignores, such as a masked-LM or NSP head. */
    public Set<String> unusedTensors() {
        return unusedTensors;
    }

    /** Tokenizes texts into one padded batch; a text over the model's limit is an error unless truncate. */
    public Batch batch(List<String> texts, boolean truncate) {
        List<Encoding> encodings = new ArrayList<>(texts.size());
        for (String text : texts) {
            Encoding e = tokenizer.encode(text);
            encodings.add(truncate && e.length() > config.maxTokens() ? e.truncated(config.maxTokens()) : e);
        }
        return Batch.of(encodings, config);
    }

    public EncoderOutput forward(Batch batch, ForwardHooks hooks) {
        return encoder.forward(batch, hooks);
    }

    public EncoderOutput forward(List<String> texts) {
        return encoder.forward(batch(texts, false), ForwardHooks.NONE);
    }
}
