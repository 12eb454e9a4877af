package dev.tails.shard;

import dev.tails.TailsException;
import dev.tails.io.TensorFileWriter;
import dev.tails.tensor.FloatTensor;
import dev.tails.tokenize.Encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One block's texts gathered in line order and laid out ragged: per-token tensors of all texts
 * concatenated, {@code offsets} I64 [n+1] marking where text i's tokens lie, {@code input_ids} I64
 * [tokens], per-text tensors stacked [n, ...]. A numpy user reads text i as {@code t[o[i]:o[i+1]]}.
 */
final class ShardContent {
    private final Encoding[] encodings;
    private final TextTensors[] tensors;

    ShardContent(int texts) {
        this.encodings = new Encoding[texts];
        this.tensors = new TextTensors[texts];
    }

    void put(int text, Encoding encoding, TextTensors result) {
        encodings[text] = encoding;
        tensors[text] = result;
    }

    long tokens() {
        return Arrays.stream(encodings).mapToLong(Encoding::length).sum();
    }

    /** Puts the part's tensors into {@code writer}; every text must have been put here first. */
    TensorFileWriter fill(TensorFileWriter writer) {
        long[] offsets = new long[encodings.length + 1];
        for (int i = 0; i < encodings.length; i++) {
            offsets[i + 1] = offsets[i] + encodings[i].length();
        }
        int tokens = Math.toIntExact(offsets[encodings.length]);
        long[] ids = new long[tokens];
        for (int i = 0; i < encodings.length; i++) {
            int[] textIds = encodings[i].ids();
            for (int t = 0; t < textIds.length; t++) {
                ids[(int) offsets[i] + t] = textIds[t];
            }
        }
        writer.putI64("offsets", new int[] {offsets.length}, offsets);
        writer.putI64("input_ids", new int[] {tokens}, ids);
        for (String name : tensors[0].perToken().keySet()) {
            put(writer, name, true, tokens);
        }
        for (String name : tensors[0].perText().keySet()) {
            put(writer, name, false, encodings.length);
        }
        return writer;
    }

    /** The token strings of each text, one list per text in line order. */
    List<List<String>> tokenStrings() {
        List<List<String>> all = new ArrayList<>(encodings.length);
        for (Encoding e : encodings) {
            all.add(List.of(e.tokens()));
        }
        return all;
    }

    /** The texts' tensors of one name as one [rows, ...] tensor, written piece by piece (no concatenated copy). */
    private void put(TensorFileWriter writer, String name, boolean ragged, int rows) {
        int[] first = shapeOf(0, name, ragged);
        int[] rest = Arrays.copyOfRange(first, ragged ? 1 : 0, first.length);
        List<float[]> pieces = new ArrayList<>(tensors.length);
        for (int i = 0; i < tensors.length; i++) {
            int[] shape = shapeOf(i, name, ragged);
            if (!Arrays.equals(rest, Arrays.copyOfRange(shape, ragged ? 1 : 0, shape.length))) {
                throw new TailsException("shard: '" + name + "' of text " + i + " has shape " + Arrays.toString(shape)
                        + ", text 0's was " + Arrays.toString(first));
            }
            pieces.add((ragged ? tensors[i].perToken() : tensors[i].perText()).get(name).data());
        }
        int[] shape = new int[rest.length + 1];
        shape[0] = rows;
        System.arraycopy(rest, 0, shape, 1, rest.length);
        writer.putF32(name, shape, pieces);
    }

    private int[] shapeOf(int text, String name, boolean ragged) {
        FloatTensor t = (ragged ? tensors[text].perToken() : tensors[text].perText()).get(name);
        if (t == null) {
            throw new TailsException("shard: text " + text + " has no tensor '" + name + "'");
        }
        return t.shape();
    }

    static Map<String, String> metadata(String model, String job) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("job", job);
        m.put("layout", "ragged: text i's token rows are [offsets[i], offsets[i+1]) of every per-token tensor");
        return m;
    }
}
