package dev.tails.model;

import dev.tails.TailsException;

import java.util.List;

/**
 * The encoder families tails runs; they differ in tokenizer, position ids and tensor prefix.
 * XLM-RoBERTa and CamemBERT are RoBERTa with a SentencePiece vocabulary: HF's XLMRobertaModel and
 * CamembertModel are RobertaModel under another name, their checkpoints keep the "roberta." prefix.
 * DistilBERT and ELECTRA run BERT's post-LN block with BERT's position ids: DistilBERT under other
 * config and tensor names and without token types, ELECTRA with a possibly narrower embedding
 * projected to the hidden size.
 */
public enum ModelFamily {
    /** BERT: WordPiece, position ids 0..T-1, tensors under "bert.". */
    BERT("bert", List.of("bert")),
    /** RoBERTa, XLM-RoBERTa and CamemBERT: position ids after padding_idx, tensors under "roberta.". */
    ROBERTA("roberta", List.of("roberta", "xlm-roberta", "camembert")),
    /** DistilBERT: BERT's block under its own names, no token types. */
    DISTILBERT("distilbert", List.of("distilbert")),
    /** ELECTRA: BERT's block, the embedding possibly narrower and projected to the hidden size. */
    ELECTRA("electra", List.of("electra"));

    private final String tensorPrefix;
    private final List<String> modelTypes;

    ModelFamily(String tensorPrefix, List<String> modelTypes) {
        this.tensorPrefix = tensorPrefix;
        this.modelTypes = modelTypes;
    }

    /** The tensor-name prefix of HF checkpoints, without the dot ("bert", "roberta", "distilbert", "electra"). */
    String tensorPrefix() {
        return tensorPrefix;
    }

    /** The family of config.json's model_type, refused by name when tails does not run it. */
    static ModelFamily fromModelType(String modelType, String where) {
        for (ModelFamily f : values()) {
            if (f.modelTypes.contains(modelType)) {
                return f;
            }
        }
        throw new TailsException(where + ": model_type '" + modelType
                + "' is not supported (expected 'bert', 'roberta', 'xlm-roberta', 'camembert', 'distilbert' or 'electra')");
    }
}
