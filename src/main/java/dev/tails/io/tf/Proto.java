package dev.tails.io.tf;

/**
 * The slice of the protobuf wire format tensor bundles need: walk the fields of a message, hand
 * each known one to the caller and skip the rest by wire type.
 */
final class Proto {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private Proto() {
    }

    interface FieldHandler {
        /** Reads field {@code number} from {@code in}; returns false to have it skipped. */
        boolean field(int number, int wireType, ByteCursor in);
    }

    static void forEachField(ByteCursor in, FieldHandler handler) {
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
    static ByteCursor message(ByteCursor in, int wireType, String name) {
        expect(in, wireType, LENGTH_DELIMITED, name);
        return in.slice(in.varintLength(), name);
    }

    static long varint(ByteCursor in, int wireType, String name) {
        expect(in, wireType, VARINT, name);
        return in.varint64();
    }

    static int fixed32(ByteCursor in, int wireType, String name) {
        expect(in, wireType, FIXED32, name);
        return in.fixed32();
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
