package dev.tails.io.onnx;

import dev.tails.io.proto.ByteCursor;
import dev.tails.io.proto.Proto;

import java.util.stream.LongStream;

/**
 * One node attribute ({@code AttributeProto}), with the value kinds a BERT graph uses: an int
 * ({@code axis}, {@code to}), a float ({@code epsilon}), a string ({@code approximate}), ints
 * ({@code perm}, {@code axes}) or a tensor (a Constant's {@code value}). Sub-graphs are skipped,
 * so reading never recurses.
 */
public record OnnxAttribute(String name, long i, float f, String s, long[] ints, TensorProto t) {

    public OnnxAttribute {
        ints = ints.clone();
    }

    @Override
    public long[] ints() {
        return ints.clone();
    }

    /** Fields: 1 name, 2 f, 3 i, 4 s, 5 t, 8 ints. */
    static OnnxAttribute parse(ByteCursor in, String context) {
        String[] name = {""};
        long[] i = {0};
        float[] f = {0};
        String[] s = {""};
        LongStream.Builder ints = LongStream.builder();
        ByteCursor[] tensor = {null};
        Proto.forEachField(in, (number, wire, a) -> {
            switch (number) {
                case 1 -> name[0] = Proto.string(a, wire, "name");
                case 2 -> f[0] = Proto.float32(a, wire, "f");
                case 3 -> i[0] = Proto.varint(a, wire, "i");
                case 4 -> s[0] = Proto.string(a, wire, "s");
                case 5 -> tensor[0] = Proto.message(a, wire, "t");
                case 8 -> Proto.repeatedVarint(a, wire, "ints", ints);
                default -> {
                    return false;
                }
            }
            return true;
        });
        TensorProto t = tensor[0] == null ? null : TensorProto.parse(tensor[0], context + ", attribute '" + name[0] + "'");
        return new OnnxAttribute(name[0], i[0], f[0], s[0], ints.build().toArray(), t);
    }
}
