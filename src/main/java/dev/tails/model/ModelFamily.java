package dev.tails.model;

import dev.tails.TailsException;

/** The encoder families tails runs; they differ in tokenizer, position ids and tensor prefix (DESIGN.md §3). */
public enum ModelFamily {
    BERT("bert"),
    ROBERTA("roberta");

    private final String modelType;

    ModelFamily(String modelType) {
        this.modelType = modelType;
    }

    /** The `model_type` value of config.json, also the tensor-name prefix of HF checkpoints ("bert.", "roberta."). */
    public String modelType() {
        return modelType;
    }

    public static ModelFamily fromModelType(String modelType, String where) {
        for (ModelFamily f : values()) {
            if (f.modelType.equals(modelType)) {
                return f;
            }
        }
        throw new TailsException(where + ": model_type '" + modelType + "' is not supported (expected 'bert' or 'roberta')");
    }
}
