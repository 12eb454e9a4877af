package dev.tails.model;

import dev.tails.TailsException;

/** The masked-LM head a checkpoint holds, or the first of its tensors the checkpoint lacks. */
record MlmHeadLoad(MlmHeadWeights weights, String missingTensor) {

    static MlmHeadLoad missing(String tensor) {
        return new MlmHeadLoad(null, tensor);
    }

    boolean present() {
        return weights != null;
    }

    MlmHeadWeights require(String model) {
        if (weights == null) {
            throw new TailsException(model + " has no masked-LM head: the checkpoint has no tensor '" + missingTensor + "'");
        }
        return weights;
    }
}
