package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.kernel.Gelu;

/**
 * The FFN activation named by config.json's hidden_act. HF's "gelu" is the exact erf form (what the
 * paper used); Google's original TF graph uses the tanh approximation, which HF calls "gelu_new".
 */
public enum Activation {
    GELU_ERF,
    GELU_TANH;

    public static Activation fromHiddenAct(String hiddenAct, String where) {
        return named("hidden_act", hiddenAct, where);
    }

    /** The activation a config field names (BERT's hidden_act, DistilBERT's activation), refused by that field's name. */
    static Activation named(String field, String name, String where) {
        return switch (name) {
            case "gelu" -> GELU_ERF;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
            default -> throw new TailsException(where + ": " + field + " '" + name
                    + "' is not supported (expected 'gelu' or 'gelu_new')");
        };
    }

    /** Applies the activation in place to x[off, off+len). */
    public void applyInPlace(float[] x, int off, int len) {
        switch (this) {
            case GELU_ERF -> Gelu.erf(x, off, len);
            case GELU_TANH -> Gelu.tanh(x, off, len);
        }
    }
}
