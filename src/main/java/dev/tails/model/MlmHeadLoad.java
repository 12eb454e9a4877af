package dev.tails.model;

import dev.tails.TailsException;

/** The masked-LM head a checkpoint holds, or why there is none (the first tensor it lacks, or a family without one). */
record MlmHeadLoad(MlmHeadWeights weights, String absence) {

    static MlmHeadLoad missing(String tensor) {
        return new MlmHeadLoad(null, "the checkpoint has no tensor '" + tensor + "'");
    }

    /** DistilBERT's and ELECTRA's heads have other shapes (MlmHeadFormat): not implemented, so never half-loaded. */
    static MlmHeadLoad unsupported(ModelFamily family) {
        return new MlmHeadLoad(null, "tails implements no masked-LM head for " + family.tensorPrefix() + " models");
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
