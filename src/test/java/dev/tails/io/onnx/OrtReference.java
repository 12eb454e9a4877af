package dev.tails.io.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** ONNX Runtime on a BERT .onnx file: one text's token ids in, its last_hidden_state [tokens][hidden] out. */
final class OrtReference implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OrtReference(Path onnx) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        // one short text per run: idle threads spinning between runs would only burn the CPU tails needs too
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        session = env.createSession(onnx.toString(), options);
    }

    OrtReference(byte[] onnx) throws OrtException {
        session = env.createSession(onnx, new OrtSession.SessionOptions());
    }

    /** A batch of one, every token attended to, as the ids and type ids tails' tokenizer gave. */
    float[][] lastHiddenState(int[] ids, int[] typeIds) throws OrtException {
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1);
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, new long[][] {toLongs(ids)});
             OnnxTensor attention = OnnxTensor.createTensor(env, new long[][] {mask});
             OnnxTensor types = OnnxTensor.createTensor(env, new long[][] {toLongs(typeIds)});
             OrtSession.Result result = session.run(Map.of(
                     "input_ids", inputIds, "attention_mask", attention, "token_type_ids", types))) {
            return ((float[][][]) result.get("last_hidden_state").orElseThrow().getValue())[0];
        }
    }

    private static long[] toLongs(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
