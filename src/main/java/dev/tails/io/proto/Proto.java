package dev.tails.io.proto;

import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * The slice of the protobuf wire format that TensorFlow bundles and ONNX models need: walk the
 * fields of a message, hand each known one to the caller and skip the rest by wire type. Every
 * read goes through a {@link ByteCursor}, so a lying length is a {@code TailsException}.
 */
public final class Proto {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int FIXED32 = 5;

    private Proto() {
    }

    public interface FieldHandler {
        /** Reads field {@code number} from {@code in}; returns false to have it skipped. */
        boolean field(int number, int wireType, ByteCursor in);
    }

    /** A sink for repeated 32-bit floats. */
    public interface FloatSink {
        void accept(float value);
    }

    public static void forEachField(ByteCursor in, FieldHandler handler) {
        while (in.hasMore()) {
            long tag = in.varint64();
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (number <= 0 || tag >>> 3 > Integer.MAX_VALUE) {
                throw in.fail("invalid protobuf field number " + (tag >>> 3));
            }
            if (!handler.field(number, wireType, in)) {
                skip(in, wireType);
            }
        }
    }

    /** The field's value as a sub-message, after checking the wire type. */
    public static ByteCursor message(ByteCursor in, int wireType, String name) {
        expect(in, wireType, LENGTH_DELIMITED, name);
        return in.slice(in.varintLength(), name);
    }

    public static long varint(ByteCursor in, int wireType, String name) {
        expect(in, wireType, VARINT, name);
        return in.varint64();
    }

    public static int fixed32(ByteCursor in, int wireType, String name) {
        expect(in, wireType, FIXED32, name);
        return in.fixed32();
    }

    public static float float32(ByteCursor in, int wireType, String name) {
        return Float.intBitsToFloat(fixed32(in, wireType, name));
    }

    /** A string field; malformed UTF-8 becomes replacement characters, as protobuf's Java runtime does. */
    public static String string(ByteCursor in, int wireType, String name) {
        return new String(message(in, wireType, name).rest(), StandardCharsets.UTF_8);
    }

    /** One occurrence of a repeated integer field: packed (one length-delimited run) or a single varint. */
    public static void repeatedVarint(ByteCursor in, int wireType, String name, LongConsumer sink) {
        if (wireType == LENGTH_DELIMITED) {
            ByteCursor packed = in.slice(in.varintLength(), name);
            while (packed.hasMore()) {
                sink.accept(packed.varint64());
            }
        } else {
            sink.accept(varint(in, wireType, name));
        }
    }

    /** One occurrence of a repeated float field: packed (4 bytes each) or a single fixed32. */
    public static void repeatedFloat(ByteCursor in, int wireType, String name, FloatSink sink) {
        if (wireType == LENGTH_DELIMITED) {
            ByteCursor packed = in.slice(in.varintLength(), name);
            while (packed.hasMore()) {
                sink.accept(Float.intBitsToFloat(packed.fixed32()));
            }
        } else {
            sink.accept(float32(in, wireType, name));
        }
    }

    private static void expect(ByteCursor in, int wireType, int expected, String name) {
        if (wireType != expected) {
            throw in.fail("field " + name + " has wire type " + wireType + ", expected " + expected);
        }
    }

    private static void skip(ByteCursor in, int wireType) {
        switch (wireType) {
            case VARINT -> in.varint64();
            case FIXED64 -> in.skip(8);
            case LENGTH_DELIMITED -> in.skip(in.varintLength());
            case FIXED32 -> in.skip(4);
            default -> throw in.fail("unsupported protobuf wire type " + wireType);
        }
    }
}
