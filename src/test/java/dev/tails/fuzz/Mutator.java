package dev.tails.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * libFuzzer's byte mutations without its coverage feedback: flip, overwrite, insert, erase,
 * duplicate, splice with another seed, and plant tokens that make parsers lie to themselves
 * (huge and negative numbers, deep nesting, path escapes, varint runs).
 */
final class Mutator {
    private static final List<byte[]> TOKENS = List.of(
            "-1", "0", "4294967296", "2147483647", "2147483648", "9223372036854775807", "18446744073709551615",
            "1e400", "-0.0", "NaN", "1" + "0".repeat(400), "null", "true", "\"\"", "[]", "{}",
            "[".repeat(3000), "{\"a\":".repeat(3000), "\"../../etc/passwd\"", "\"/etc/passwd\"", "\"..\"",
            "\"link.safetensors\"", "\"model-00001-of-00002.safetensors\"", "\"\\u0000\"", "\"\\ud800\"",
            "\"F32\"", "\"I64\"", "\"BF16\"", "\"data_offsets\"", "\"shape\"", "\"dtype\"", "\"weight_map\"",
            "\"vocab\"", "\"merges\"", "\"added_tokens\"", "\"post_processor\"", "\"id\"", "\"type_id\"")
            .stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    private static final byte[][] RAW = {
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01},
            {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}, {0, 0, 0, 0}, {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
            {(byte) 0x57, (byte) 0xfb, (byte) 0x80, (byte) 0x8b, (byte) 0x24, (byte) 0x75, (byte) 0x47, (byte) 0xdb},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0}, {0x00, (byte) 0xd8}, {0x00, (byte) 0xdc}};
    private static final int MAX_LENGTH = 1 << 20;

    private Mutator() {
    }

    /**
     * Half the time, for JSON and safetensors seeds, a well-formed lie ({@link JsonLies}); otherwise
     * one to eight stacked byte mutations of {@code seed}; {@code other} is spliced in by some of them.
     */
    static byte[] mutate(byte[] seed, byte[] other, RandomGenerator random) {
        if (random.nextBoolean()) {
            byte[] lie = JsonLies.mutate(seed, random);
            if (lie != null) {
                return lie;
            }
        }
        byte[] b = seed;
        int rounds = 1 + random.nextInt(8);
        for (int r = 0; r < rounds; r++) {
            b = once(b, other, random);
        }
        return b.length > MAX_LENGTH ? Arrays.copyOf(b, MAX_LENGTH) : b;
    }

    private static byte[] once(byte[] b, byte[] other, RandomGenerator random) {
        int at = random.nextInt(b.length + 1);
        return switch (random.nextInt(9)) {
            case 0 -> flipBit(b, random);
            case 1 -> overwrite(b, at, new byte[] {(byte) random.nextInt()});
            case 2 -> insert(b, at, TOKENS.get(random.nextInt(TOKENS.size())));
            case 3 -> insert(b, at, RAW[random.nextInt(RAW.length)]);
            case 4 -> overwrite(b, at, RAW[random.nextInt(RAW.length)]);
            case 5 -> erase(b, at, random.nextInt(1 + Math.min(64, b.length - at)));
            case 6 -> insert(b, at, chunk(b, random));
            case 7 -> insert(b, at, chunk(other, random));
            default -> Arrays.copyOf(b, at);  // truncation
        };
    }

    private static byte[] flipBit(byte[] b, RandomGenerator random) {
        if (b.length == 0) {
            return b;
        }
        byte[] out = b.clone();
        int i = random.nextInt(b.length);
        out[i] ^= (byte) (1 << random.nextInt(8));
        return out;
    }

    private static byte[] chunk(byte[] b, RandomGenerator random) {
        if (b.length == 0) {
            return b;
        }
        int from = random.nextInt(b.length);
        return Arrays.copyOfRange(b, from, from + random.nextInt(1 + Math.min(256, b.length - from)));
    }

    private static byte[] insert(byte[] b, int at, byte[] piece) {
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }

    private static byte[] overwrite(byte[] b, int at, byte[] piece) {
        byte[] out = b.clone();
        for (int i = 0; i < piece.length && at + i < out.length; i++) {
            out[at + i] = piece[i];
        }
        return out;
    }

    private static byte[] erase(byte[] b, int at, int n) {
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + n, out, at, b.length - at - n);
        return out;
    }
}
