package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.kernel.Gelu;

/**
 * The FFN activation named by config.json's hidden_act. HF's "gelu" is the exact erf form (what the
 * paper used); Google's original TF graph uses the tanh approximation, which HF calls "gelu_new".
 */
public enum Activation {
    /** GELU with the exact erf: HF's "gelu". */
    GELU_ERF,
    /** GELU's tanh approximation: HF's "gelu_new", "gelu_pytorch_tanh" and "gelu_fast". */
    GELU_TANH;

    /**
     * The activation a hidden_act value names.
     *
     * @param hiddenAct the value, e.g. "gelu"
     * @param where the source of the value, for the error message
     * @return the activation
     * @throws TailsException if the value names an activation tails does not implement
     */
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
    void applyInPlace(float[] x, int off, int len) {
        switch (this) {
            case GELU_ERF -> Gelu.erf(x, off, len);
            case GELU_TANH -> Gelu.tanh(x, off, len);
        }
    }
}
