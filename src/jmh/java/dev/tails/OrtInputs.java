package dev.tails;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** ORT's three BERT inputs for a batch (token types zero); a run asks for last_hidden_state only. */
final class OrtInputs implements AutoCloseable {
    private final OnnxTensor ids;
    private final OnnxTensor mask;
    private final OnnxTensor types;

    private OrtInputs(OrtEnvironment env, long[][] ids, long[][] mask) throws OrtException {
        this.ids = OnnxTensor.createTensor(env, ids);
        this.mask = OnnxTensor.createTensor(env, mask);
        this.types = OnnxTensor.createTensor(env, new long[ids.length][ids[0].length]);
    }

    /** Rows of equal length, attention mask all ones. */
    static OrtInputs unpadded(OrtEnvironment env, int[][] tokenIds) throws OrtException {
        return padded(env, tokenIds, tokenIds[0].length, 0);
    }

    /** Rows of any length, padded with {@code padId} to {@code width}; the mask is one on real tokens only. */
    static OrtInputs padded(OrtEnvironment env, int[][] tokenIds, int width, int padId) throws OrtException {
        long[][] ids = new long[tokenIds.length][width];
        long[][] mask = new long[tokenIds.length][width];
        for (int b = 0; b < tokenIds.length; b++) {
            Arrays.fill(ids[b], padId);
            for (int t = 0; t < tokenIds[b].length; t++) {
                ids[b][t] = tokenIds[b][t];
                mask[b][t] = 1;
            }
        }
        return new OrtInputs(env, ids, mask);
    }

    OrtSession.Result run(OrtSession session) throws OrtException {
        return session.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types),
                Set.of("last_hidden_state"));
    }

    @Override
    public void close() {
        ids.close();
        mask.close();
        types.close();
    }
}
