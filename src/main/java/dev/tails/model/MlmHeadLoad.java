package dev.tails.model;

import dev.tails.TailsException;

/** The masked-LM head a checkpoint holds, or why there is none (the first tensor it lacks). */
record MlmHeadLoad(MlmHeadWeights weights, String absence) {

    static MlmHeadLoad missing(String tensor, MlmHeadFormat format) {
        return new MlmHeadLoad(null, "the checkpoint has no tensor '" + tensor + "'" + format.whyMissing());
    }

    boolean present() {
        return weights != null;
    }

    MlmHeadWeights require(String model) {
        if (weights == null) {
            throw new TailsException(model + " has no masked-LM head: " + absence);
        }
        return weights;
    }
}
