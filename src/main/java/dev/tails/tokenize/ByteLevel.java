package dev.tails.tokenize;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level pre-tokenizer (HF ByteLevel, use_regex, no prefix space): the GPT-2 regex
 * cuts the text into words, and each word's UTF-8 bytes become printable characters, one per byte.
 */
final class ByteLevel {
    /** Receives one word as byte characters, with the UTF-16 span in the text of each byte's character. */
    interface WordSink {
        void word(String byteChars, int[] starts, int[] ends);
    }

    private static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the rest are shifted to 256+. */
    private static final char[] BYTE_CHAR = new char[256];
    /** The inverse: the byte a character stands for, -1 for characters outside the alphabet (all are below 512). */
    private static final short[] CHAR_BYTE = new short[512];

    static {
        Arrays.fill(CHAR_BYTE, (short) -1);
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_CHAR[b] = (char) (printable ? b : 256 + shifted++);
            CHAR_BYTE[BYTE_CHAR[b]] = (short) b;
        }
    }

    private ByteLevel() {
    }

    static void words(String text, int from, int to, WordSink sink) {
        Matcher m = GPT2.matcher(text).region(from, to);
        while (m.find()) {
            toBytes(text, m.start(), m.end(), sink);
        }
    }

    /** The bytes a string of byte characters stands for, or null if one of its characters stands for none. */
    static byte[] bytesOf(String byteChars) {
        byte[] out = new byte[byteChars.length()];
        for (int i = 0; i < out.length; i++) {
            char c = byteChars.charAt(i);
            if (c >= CHAR_BYTE.length || CHAR_BYTE[c] < 0) {
                return null;
            }
            out[i] = (byte) CHAR_BYTE[c];
        }
        return out;
    }

    private static void toBytes(String text, int from, int to, WordSink sink) {
        StringBuilder chars = new StringBuilder(to - from);
        int[] starts = new int[(to - from) * 3];
        int[] ends = new int[starts.length];
        byte[] utf8 = new byte[4];
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            int end = i + Character.charCount(cp);
            int n = Unicode.utf8(cp, utf8);
            for (int k = 0; k < n; k++) {
                starts[chars.length()] = i;
                ends[chars.length()] = end;
                chars.append(BYTE_CHAR[utf8[k] & 0xFF]);
            }
            i = end;
        }
        sink.word(chars.toString(), starts, ends);
    }
}
