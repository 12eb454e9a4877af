package dev.tails;

import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;
import dev.tails.model.Model;

import java.util.List;

/** The models and texts the hook tests run on; tiny-bert loaded once per test JVM. */
public final class TinyModels {
    public static final List<String> TEXTS = List.of("The bank raised its rates again this year.", "a",
            "Hello <pad> world, café 😀", "我爱自然语言处理。");
    private static Model tinyBert;

    private TinyModels() {
    }

    public static synchronized Model tinyBert() {
        if (tinyBert == null) {
            tinyBert = Model.load(TestFiles.resource("models/tiny-bert"));
        }
        return tinyBert;
    }

    /** All {@link #TEXTS} in one padded batch. */
    public static Batch batch(Model model) {
        return model.batch(TEXTS, false);
    }

    /**
     * A text run alone, its last hidden state mean-pooled over every token and L2-normalized, in
     * double and by hand: the reference sentence embedding the embedding code is checked against.
     */
    public static float[] meanPooledNormalizedByHand(Model model, String text) {
        int hidden = model.config().hiddenSize();
        EncoderOutput alone = model.forward(List.of(text));
        float[] states = alone.hidden(alone.numStates() - 1, 0);
        int tokens = states.length / hidden;
        double[] mean = new double[hidden];
        double squares = 0;
        for (int d = 0; d < hidden; d++) {
            for (int t = 0; t < tokens; t++) {
                mean[d] += states[t * hidden + d] / tokens;
            }
            squares += mean[d] * mean[d];
        }
        float[] expected = new float[hidden];
        for (int d = 0; d < hidden; d++) {
            expected[d] = (float) (mean[d] / Math.sqrt(squares));
        }
        return expected;
    }
}
