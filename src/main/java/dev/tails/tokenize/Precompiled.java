package dev.tails.tokenize;

import dev.tails.TailsException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * SentencePiece's compiled normalization rules (tokenizer.json "Precompiled", the model's
 * precompiled_charsmap): a little-endian u32 trie size in bytes, the darts trie, then the
 * replacement strings, each ended by NUL. As sentencepiece's Normalizer does, the longest rule
 * matching the UTF-8 bytes at the current position is applied and matching resumes after it;
 * without a rule one character is copied. A replacement's characters span the original
 * characters the rule consumed. The text is read as UTF-8, so a lone surrogate is U+FFFD.
 */
final class Precompiled implements TextNormalizer {
    private final DoubleArrayTrie trie;
    /** Replacement strings by their byte offset in the blob. */
    private final Map<Integer, String> replacements = new HashMap<>();

    Precompiled(String base64, String where) {
        byte[] map;
        try {
            map = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new TailsException(where + ": precompiled_charsmap is not base64 (" + e.getMessage() + ")");
        }
        ByteBuffer buf = ByteBuffer.wrap(map).order(ByteOrder.LITTLE_ENDIAN);
        long trieBytes = map.length < 4 ? -1 : Integer.toUnsignedLong(buf.getInt());
        if (trieBytes < 0 || trieBytes % 4 != 0 || trieBytes > map.length - 4) {
            throw new TailsException(where + ": precompiled_charsmap of " + map.length
                    + " bytes does not hold the trie size it starts with (" + trieBytes + ")");
        }
        int[] units = new int[(int) (trieBytes / 4)];
        buf.asIntBuffer().get(units);
        byte[] blob = new byte[map.length - 4 - units.length * 4];
        buf.position(4 + units.length * 4).get(blob);
        this.trie = new DoubleArrayTrie(units, where + " precompiled_charsmap",
                value -> replacements.computeIfAbsent(value, v -> replacementAt(blob, v, where)));
    }

    /** The NUL-ended UTF-8 string at a byte offset of the blob, as spm_precompiled reads it. */
    private static String replacementAt(byte[] blob, int at, String where) {
        int end = at;
        while (end < blob.length && blob[end] != 0) {
            end++;
        }
        boolean charStart = at == blob.length || (at < blob.length && (blob[at] & 0xC0) != 0x80);
        if (at > blob.length || !charStart) {
            throw new TailsException(where + ": precompiled_charsmap rule points to byte " + at
                    + ", not the start of a character in its " + blob.length + "-byte replacement table");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(blob, at, end - at)).toString();
        } catch (CharacterCodingException e) {
            throw new TailsException(where + ": precompiled_charsmap replacement at byte " + at + " is not UTF-8");
        }
    }

    @Override
    public NormalizedText normalize(NormalizedText text) {
        Utf8 utf8 = new Utf8(text);
        NormalizedText out = new NormalizedText();
        int b = 0;
        while (b < utf8.length) {
            int cp = utf8.owner[b];
            long rule = trie.longestPrefix(utf8.bytes, b, utf8.length);
            if (rule >= 0) {
                int length = (int) (rule >>> 32);
                int start = text.start(cp);
                int end = text.end(utf8.owner[b + length - 1]);
                replacements.get((int) rule).codePoints().forEach(c -> out.add(c, start, end));
                b += length;
            } else if (utf8.charStart(b)) {
                int c = text.cp(cp);
                out.add(Unicode.isLoneSurrogate(c) ? Unicode.REPLACEMENT_CHARACTER : c, text.start(cp), text.end(cp));
                b += utf8.charLength(cp);
            } else {
                // a rule ended inside a character: sentencepiece reads the rest as malformed UTF-8
                out.add(Unicode.REPLACEMENT_CHARACTER, text.start(cp), text.end(cp));
                b++;
            }
        }
        return out;
    }

    /** A text's UTF-8 bytes, each knowing the code point it belongs to; a lone surrogate is U+FFFD. */
    private static final class Utf8 {
        final byte[] bytes;
        final int[] owner;
        final int[] firstByte;
        final int length;

        Utf8(NormalizedText text) {
            bytes = new byte[text.size() * 4];
            owner = new int[bytes.length];
            firstByte = new int[text.size() + 1];
            byte[] one = new byte[4];
            int n = 0;
            for (int i = 0; i < text.size(); i++) {
                firstByte[i] = n;
                int len = Unicode.utf8(text.cp(i), one);
                for (int k = 0; k < len; k++, n++) {
                    bytes[n] = one[k];
                    owner[n] = i;
                }
            }
            firstByte[text.size()] = n;
            length = n;
        }

        boolean charStart(int b) {
            return firstByte[owner[b]] == b;
        }

        int charLength(int cp) {
            return firstByte[cp + 1] - firstByte[cp];
        }
    }
}
