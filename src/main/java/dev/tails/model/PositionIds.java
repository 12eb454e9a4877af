package dev.tails.model;

/** Position ids per family (DESIGN.md §3). */
final class PositionIds {
    private PositionIds() {
    }

    /**
     * BERT, DistilBERT, ELECTRA: 0..T-1. RoBERTa, as HF's create_position_ids_from_input_ids: padding_idx + the running
     * count of non-padding ids, and padding_idx itself at padding ids (also a literal {@code <pad>}
     * inside a text).
     */
    static int[] of(ModelConfig config, int[] inputIds, int batch, int seqLen) {
        int[] positions = new int[batch * seqLen];
        int pad = config.padTokenId();
        for (int b = 0; b < batch; b++) {
            int count = 0;
            for (int t = 0; t < seqLen; t++) {
                int row = b * seqLen + t;
                positions[row] = switch (config.family()) {
                    case BERT, DISTILBERT, ELECTRA -> t;
                    case ROBERTA -> inputIds[row] == pad ? pad : pad + ++count;
                };
            }
        }
        return positions;
    }
}
