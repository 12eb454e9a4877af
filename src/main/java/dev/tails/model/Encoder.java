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

    public Encoder(ModelConfig config, EncoderWeights weights) {
        this.config = config;
        this.embeddings = new Embeddings(weights.embeddings(), config);
        for (int l = 0; l < weights.layers().size(); l++) {
            layers.add(new EncoderLayer(weights.layers().get(l), config, l));
        }
        this.pooler = weights.pooler();
    }

    public ModelConfig config() {
        return config;
    }

    public EncoderOutput forward(Batch batch) {
        return forward(batch, ForwardHooks.NONE);
    }

    public EncoderOutput forward(Batch batch, ForwardHooks hooks) {
        boolean every = hooks.keepsEveryState();
        ActivationBudget.check(config, batch.size(), batch.seqLen(), every ? layers.size() + 1 : 1);
        float[][] states = new float[every ? layers.size() + 1 : 1][];
        float[] state = embeddings.forward(batch, hooks);
        for (int l = 0; l < layers.size(); l++) {
            if (every) {
                states[l] = state;
            }
            state = layers.get(l).forward(state, batch, hooks);
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
