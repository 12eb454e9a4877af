package dev.tails.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A BERT-base-shaped encoder with random weights, so forward-pass benchmarks (JMH and
 * `tails bench --model random-bert-base`) need no download and do exactly the real model's arithmetic.
 */
public final class RandomEncoder {
    private RandomEncoder() {
    }

    /**
     * bert-base-cased's config: the shape the benchmarks compare across machines and with other engines.
     *
     * @return the config
     */
    public static ModelConfig bertBase() {
        return new ModelConfig(ModelFamily.BERT, 28996, 768, 12, 12, 3072, 512, 2, 1e-12f, Activation.GELU_ERF, 0, true);
    }

    /**
     * An encoder of the config's shape with weights drawn from N(0, 0.02^2).
     *
     * @param c the config
     * @param seed the seed of the weights
     * @return the encoder
     */
    public static Encoder create(ModelConfig c, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int h = c.hiddenSize();
        EmbeddingWeights embeddings = new EmbeddingWeights(values(random, c.vocabSize() * h),
                values(random, c.maxPositionEmbeddings() * h), values(random, c.typeVocabSize() * h), norm(random, c), null);
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < c.numLayers(); l++) {
            layers.add(new LayerWeights(linear(random, h, h), linear(random, h, h), linear(random, h, h),
                    linear(random, h, h), norm(random, c), linear(random, c.intermediateSize(), h),
                    linear(random, h, c.intermediateSize()), norm(random, c)));
        }
        return new Encoder(c, new EncoderWeights(embeddings, layers, linear(random, h, h)));
    }

    /**
     * Sequences of uniformly random ids, without padding, to feed a benchmark.
     *
     * @param c the config, for the vocabulary
     * @param size the number of sequences
     * @param seqLen the tokens per sequence
     * @param seed the seed of the ids
     * @return the batch
     */
    public static Batch batch(ModelConfig c, int size, int seqLen, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] ids = new int[size][seqLen];
        int[][] types = new int[size][seqLen];
        for (int[] row : ids) {
            for (int t = 0; t < seqLen; t++) {
                row[t] = random.nextInt(c.vocabSize());
            }
        }
        return Batch.of(ids, types, c);
    }

    private static LinearWeights linear(SplittableRandom random, int out, int in) {
        return new LinearWeights(values(random, out * in), values(random, out), out, in);
    }

    private static LayerNormWeights norm(SplittableRandom random, ModelConfig c) {
        return new LayerNormWeights(values(random, c.hiddenSize()), values(random, c.hiddenSize()), c.layerNormEps());
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * 0.02);
        }
        return v;
    }
}
