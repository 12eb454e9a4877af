package dev.tails.io.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny BERT (2 layers, hidden 8, 2 heads of 4, vocabulary 116) written as an ONNX file by hand,
 * in either of two spellings exporters use, so that the converter and ONNX Runtime can run the
 * same file. Weights are seeded random numbers, kept under their Hugging Face names in the
 * graph's own orientation (Linear weights [in, out]) for tests to check where they went. The
 * graph hides them as an export does: MatMul weights get meaningless names and the initializers
 * are listed in reverse order.
 */
public final class TinyBertOnnx {
    static final int VOCAB = 116;
    public static final int HIDDEN = 8;
    static final int HEADS = 2;
    static final int HEAD_SIZE = HIDDEN / HEADS;
    static final int INTERMEDIATE = 16;
    public static final int POSITIONS = 16;
    static final int TYPES = 2;
    static final int LAYERS = 2;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    public enum Style {
        /**
         * As torch.onnx writes BERT at opsets 11-14 (the langchain4j files): LayerNorm spelled out
         * (eps 1e-12), head shapes built by Concat at run time, erf GELU, scores divided by sqrt(4).
         */
        TORCH,
        /**
         * Opset-17 ops: one LayerNormalization node (eps 1e-6), constant reshape shapes, tanh GELU,
         * query and key each multiplied by 4^-1/4 before their MatMul, constants as initializers.
         */
        FUSED
    }

    /** HF name -> values as the graph stores them. */
    final Map<String, float[]> weights = new LinkedHashMap<>();
    /** What the scores are multiplied by in total; BERT's is 1/sqrt(head size). Tests change it to break the graph. */
    double scoreScale = 1 / Math.sqrt(HEAD_SIZE);
    /** The graph input the token type lookup reads. Tests rename it to break the graph. */
    String tokenTypeInput = GraphEmbeddings.TOKEN_TYPE_IDS;

    private final Style style;
    private final long seed;
    private final Random random = new Random();
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private int names;

    public TinyBertOnnx(Style style, long seed) {
        this.style = style;
        this.seed = seed;
    }

    float eps() {
        return style == Style.TORCH ? 1e-12f : 1e-6f;
    }

    /** The ModelProto bytes: ir_version 8, opset 17, the graph. The same for the same seed and settings. */
    public byte[] bytes() {
        nodes.clear();
        initializers.clear();
        weights.clear();
        names = 0;
        random.setSeed(seed);
        String mask = attentionMask();
        String h = embeddings();
        for (int l = 0; l < LAYERS; l++) {
            h = layer("encoder.layer." + l + ".", h, mask, l == LAYERS - 1 ? "last_hidden_state" : null);
        }
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.bytes(1, n));
        graph.string(2, "tiny-bert");
        List<byte[]> reversed = new ArrayList<>(initializers);
        Collections.reverse(reversed);
        reversed.forEach(t -> graph.bytes(5, t));
        for (String input : List.of("input_ids", "attention_mask", tokenTypeInput)) {
            graph.message(11, valueInfo(input, INT64, "batch", "sequence"));
        }
        graph.message(12, valueInfo("last_hidden_state", FLOAT, "batch", "sequence", Integer.toString(HIDDEN)));
        return new ProtoWriter().varint(1, 8).string(2, "tails-test")
                .message(8, new ProtoWriter().string(1, "").varint(2, 17))
                .message(7, graph).toByteArray();
    }

    /** (1 - mask) * float min, shaped [batch, 1, 1, sequence] to be added to every score. */
    private String attentionMask() {
        String m = node("Unsqueeze", "attention_mask", longs(1));
        m = node("Unsqueeze", m, longs(2));
        m = node("Cast", new String[] {m}, intAttribute("to", FLOAT));
        String inverted = node("Sub", scalar(1), m);
        return node("Mul", inverted, scalar(-Float.MAX_VALUE));
    }

    private String embeddings() {
        String word = node("Gather", table("embeddings.word_embeddings.weight", VOCAB), "input_ids");
        String type = node("Gather", table("embeddings.token_type_embeddings.weight", TYPES), tokenTypeInput);
        // position ids: the first `sequence` entries of a constant 0, 1, 2, ... row, as torch exports them
        String length = node("Unsqueeze", size("input_ids", 1), longs(0));
        long[] arange = new long[POSITIONS];
        for (int i = 0; i < POSITIONS; i++) {
            arange[i] = i;
        }
        String ids = node("Slice", longInitializer("embeddings.position_ids", new long[] {1, POSITIONS}, arange),
                longs(0), length, longs(1), longs(1));
        String position = node("Gather", table("embeddings.position_embeddings.weight", POSITIONS), ids);
        return layerNorm("embeddings.LayerNorm", node("Add", node("Add", word, type), position), null);
    }

    private String layer(String prefix, String input, String mask, String outputName) {
        String q = heads(linear(prefix + "attention.self.query", input, HIDDEN, HIDDEN), 0, 2, 1, 3);
        String k = heads(linear(prefix + "attention.self.key", input, HIDDEN, HIDDEN), 0, 2, 3, 1);
        String v = heads(linear(prefix + "attention.self.value", input, HIDDEN, HIDDEN), 0, 2, 1, 3);
        String scores;
        if (style == Style.TORCH) {
            scores = node("Div", node("MatMul", q, k), scalar((float) (1 / scoreScale)));
        } else {
            String quarter = scalar((float) Math.sqrt(scoreScale));
            scores = node("MatMul", node("Mul", q, quarter), node("Mul", k, quarter));
        }
        String probs = node("Softmax", new String[] {node("Add", scores, mask)}, intAttribute("axis", style == Style.TORCH ? 3 : -1));
        String context = node("Transpose", new String[] {node("MatMul", probs, v)}, intsAttribute("perm", 0, 2, 1, 3));
        String merged = node("Reshape", context, shape(context, HIDDEN));
        String attention = linear(prefix + "attention.output.dense", merged, HIDDEN, HIDDEN);
        String norm1 = layerNorm(prefix + "attention.output.LayerNorm", node("Add", attention, input), null);
        String up = linear(prefix + "intermediate.dense", norm1, HIDDEN, INTERMEDIATE);
        String down = linear(prefix + "output.dense", style == Style.TORCH ? erfGelu(up) : tanhGelu(up), INTERMEDIATE, HIDDEN);
        return layerNorm(prefix + "output.LayerNorm", node("Add", down, norm1), outputName);
    }

    /** [batch, sequence, hidden] -> [batch, heads, ...] in the given axis order. */
    private String heads(String x, long... perm) {
        String split = node("Reshape", x, shape(x, HEADS, HEAD_SIZE));
        return node("Transpose", new String[] {split}, intsAttribute("perm", perm));
    }

    /** [batch, sequence, trailing...]: computed from x at run time (torch) or a constant with 0 = "keep" (fused). */
    private String shape(String x, long... trailing) {
        if (style == Style.FUSED) {
            long[] dims = new long[2 + trailing.length];
            System.arraycopy(trailing, 0, dims, 2, trailing.length);
            return longs(dims);
        }
        List<String> pieces = new ArrayList<>(List.of(node("Unsqueeze", size(x, 0), longs(0)), node("Unsqueeze", size(x, 1), longs(0))));
        for (long t : trailing) {
            pieces.add(longs(t));
        }
        return node("Concat", pieces.toArray(String[]::new), intAttribute("axis", 0));
    }

    /** Dimension {@code axis} of x at run time, as a scalar. */
    private String size(String x, long axis) {
        return node("Gather", new String[] {node("Shape", x), longScalar(axis)}, intAttribute("axis", 0));
    }

    private String erfGelu(String x) {
        String erf = node("Erf", node("Div", x, scalar((float) Math.sqrt(2))));
        return node("Mul", node("Mul", x, node("Add", erf, scalar(1))), scalar(0.5f));
    }

    private String tanhGelu(String x) {
        String cube = node("Mul", node("Pow", x, scalar(3)), scalar(0.044715f));
        String inner = node("Mul", node("Add", x, cube), scalar((float) Math.sqrt(2 / Math.PI)));
        return node("Mul", node("Mul", x, node("Add", node("Tanh", inner), scalar(1))), scalar(0.5f));
    }

    private String layerNorm(String module, String x, String outputName) {
        String gamma = vector(module + ".weight", HIDDEN, 1, 0.1);
        String beta = vector(module + ".bias", HIDDEN, 0, 0.1);
        if (style == Style.FUSED) {
            return node("LayerNormalization", outputName, new String[] {x, gamma, beta},
                    intAttribute("axis", -1), floatAttribute("epsilon", eps()));
        }
        String mean = node("ReduceMean", new String[] {x}, intsAttribute("axes", -1));
        String centered = node("Sub", x, mean);
        String variance = node("ReduceMean", new String[] {node("Pow", centered, scalar(2))}, intsAttribute("axes", -1));
        String normalized = node("Div", centered, node("Sqrt", node("Add", variance, scalar(eps()))));
        return node("Add", outputName, new String[] {node("Mul", normalized, gamma), beta});
    }

    /** x·W + b as torch exports it: W [in, out] under a generated name, then Add(bias, product). */
    private String linear(String module, String x, int in, int out) {
        String w = floatInitializer("onnx::MatMul_" + (700 + random.nextInt(9000)) + "_" + names++, new long[] {in, out},
                values(module + ".weight", in * out, 0, 0.5));
        String b = vector(module + ".bias", out, 0, 0.1);
        return node("Add", b, node("MatMul", x, w));
    }

    private String table(String name, int rows) {
        return floatInitializer(name, new long[] {rows, HIDDEN}, values(name, rows * HIDDEN, 0, 1));
    }

    private String vector(String name, int size, double mean, double spread) {
        return floatInitializer(name, new long[] {size}, values(name, size, mean, spread));
    }

    private float[] values(String hfName, int count, double mean, double spread) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (mean + spread * random.nextGaussian());
        }
        weights.put(hfName, v);
        return v;
    }

    // ---- constants, initializers and nodes as protobuf ----

    private String scalar(float value) {
        return constant(tensor(FLOAT, new long[0], littleEndian(value)));
    }

    private String longScalar(long value) {
        return constant(tensor(INT64, new long[0], littleEndian(value)));
    }

    /** A 1-D int64 constant. */
    private String longs(long... values) {
        return constant(tensor(INT64, new long[] {values.length}, littleEndian(values)));
    }

    /** torch writes small constants as Constant nodes; the fused style as initializers. */
    private String constant(ProtoWriter tensor) {
        if (style == Style.FUSED) {
            String name = "const_" + names++;
            initializers.add(tensor.string(8, name).toByteArray());
            return name;
        }
        ProtoWriter value = new ProtoWriter().string(1, "value").message(5, tensor).varint(20, 4);
        return node("Constant", new String[0], value);
    }

    private String floatInitializer(String name, long[] dims, float[] values) {
        initializers.add(tensor(FLOAT, dims, littleEndian(values)).string(8, name).toByteArray());
        return name;
    }

    private String longInitializer(String name, long[] dims, long[] values) {
        initializers.add(tensor(INT64, dims, littleEndian(values)).string(8, name).toByteArray());
        return name;
    }

    /** TensorProto: 1 dims, 2 data_type, 9 raw_data (8 name is added by the caller). */
    private static ProtoWriter tensor(int dataType, long[] dims, byte[] raw) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, dataType).bytes(9, raw);
    }

    private String node(String op, String... inputs) {
        return node(op, null, inputs);
    }

    private String node(String op, String[] inputs, ProtoWriter... attributes) {
        return node(op, null, inputs, attributes);
    }

    /** NodeProto: 1 input, 2 output, 3 name, 4 op_type, 5 attribute. Returns the output's name. */
    private String node(String op, String outputName, String[] inputs, ProtoWriter... attributes) {
        String name = "/" + op + "_" + names++;
        String output = outputName != null ? outputName : name + "_output_0";
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(2, output).string(3, name).string(4, op);
        for (ProtoWriter a : attributes) {
            n.message(5, a);
        }
        nodes.add(n.toByteArray());
        return output;
    }

    /** AttributeProto: 1 name, 2 f, 3 i, 8 ints, 20 type (1 FLOAT, 2 INT, 7 INTS). */
    private static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    private static ProtoWriter intsAttribute(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, 7);
    }

    private static ProtoWriter floatAttribute(String name, float value) {
        return new ProtoWriter().string(1, name).float32(2, value).varint(20, 1);
    }

    /** ValueInfoProto: 1 name, 2 type = TypeProto{1 tensor_type = {1 elem_type, 2 shape = {1 dim = {1 value | 2 param}}}}. */
    private static ProtoWriter valueInfo(String name, int elemType, String... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (String d : dims) {
            shape.message(1, d.chars().allMatch(Character::isDigit)
                    ? new ProtoWriter().varint(1, Long.parseLong(d)) : new ProtoWriter().string(2, d));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    private static byte[] littleEndian(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static byte[] littleEndian(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}
