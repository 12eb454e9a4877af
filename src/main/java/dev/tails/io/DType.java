package dev.tails.io;

import dev.tails.TailsException;

/** The element types a safetensors header may name, with their size in bytes. */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), F8_E4M3(1), F8_E5M2(1),
    I64(8), I32(4), I16(2), I8(1),
    U64(8), U32(4), U16(2), U8(1),
    BOOL(1);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }

    /** The dtype spelled exactly as in a header; {@code where} names the tensor and file for the error. */
    public static DType parse(String name, String where) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new TailsException("unknown dtype '" + name + "' for " + where);
    }
}
