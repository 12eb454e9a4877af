package dev.tails.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole BERT/RoBERTa encoder, read top to bottom like the model card: embed, then each post-LN
 * layer, then the pooler. Immutable and thread-safe: every forward allocates its own activations.
 */
public final class Encoder {
    private final ModelConfig config;
    private final Embeddings embeddings;
    private final List<EncoderLayer> layers = new ArrayList<>();
    private final LinearWeights pooler;

    /**
     * Builds the modules over loaded weights.
     *
     * @param config the model's config
     * @param weights the weights, one {@link LayerWeights} per block
     */
    public Encoder(ModelConfig config, EncoderWeights weights) {
        this.config = config;
        this.embeddings = new Embeddings(weights.embeddings(), config);
        for (int l = 0; l < weights.layers().size(); l++) {
            layers.add(new EncoderLayer(weights.layers().get(l), config, l));
        }
        this.pooler = weights.pooler();
    }

    /**
     * The config the encoder was built for.
     *
     * @return the config
     */
    public ModelConfig config() {
        return config;
    }

    /**
     * A forward pass without hooks.
     *
     * @param batch the padded batch
     * @return hidden states 0..L and the pooled output (null without a pooler)
     * @throws dev.tails.TailsException if the batch's activations would not fit the heap
     */
    public EncoderOutput forward(Batch batch) {
        return forward(batch, ForwardHooks.NONE);
    }

    /**
     * A forward pass that calls the hooks at each hook point they are active at, letting them read or
     * replace the activation.
     *
     * @param batch the padded batch
     * @param hooks the hooks ({@link ForwardHooks#NONE} for none)
     * @return hidden states 0..L (only the last when {@link ForwardHooks#keepsEveryState()} is false) and the
     *         pooled output (null without a pooler)
     * @throws dev.tails.TailsException if the batch's activations would not fit the heap
     */
    public EncoderOutput forward(Batch batch, ForwardHooks hooks) {
        boolean every = hooks.keepsEveryState();
        ActivationBudget.check(config, batch.size(), batch.seqLen(), every ? layers.size() + 1 : 1);
        float[][] states = new float[every ? layers.size() + 1 : 1][];
        float[] state = embeddings.forward(batch, hooks);
        LayerBuffers buffers = new LayerBuffers();
        for (int l = 0; l < layers.size(); l++) {
            if (every) {
                states[l] = state;
            }
            state = layers.get(l).forward(state, batch, hooks, buffers);
        }
        states[states.length - 1] = state;
        return new EncoderOutput(batch, config.hiddenSize(), states, pool(state, batch));
    }

    /** HF BertPooler: tanh(W · h[CLS] + b) for each sequence. */
    private float[] pool(float[] last, Batch batch) {
        if (pooler == null) {
            return null;
        }
        int h = config.hiddenSize();
        float[] cls = new float[batch.size() * h];
        for (int b = 0; b < batch.size(); b++) {
            System.arraycopy(last, b * batch.seqLen() * h, cls, b * h, h);
        }
        float[] pooled = new float[batch.size() * h];
        pooler.apply(cls, batch.size(), pooled);
        for (int i = 0; i < pooled.length; i++) {
            pooled[i] = (float) Math.tanh(pooled[i]);
        }
        return pooled;
    }
}
